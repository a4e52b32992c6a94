import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { QuestionAnswerItem } from '~/components/tenders/question-answer-form';
import { TENDER_STATUS_LABELS } from '~/domain/tenders/tender';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { questionsPageAction, questionsPageLoader } from '~/services/tenders/questions-pages.server';

// /organisations/:orgId/appels-d-offres/:tenderId/questions: the suppliers' questions on one of the buyer's
// tenders and its answers (decision 260). tender.edit; the answer is published and notified on success.

export const loader = (args: LoaderFunctionArgs) => questionsPageLoader(args);
export const action = (args: ActionFunctionArgs) => questionsPageAction(args);
export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Questions — ${loaded.page.tender.title} — Maillage` : 'Questions — Maillage' },
];

export default function TenderQuestionsPage() {
  const { organisationId, page, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { tender } = page;
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${organisationId}/appels-d-offres/${tender.id}`}>Retour au besoin</Link>
      </p>
      <h1>Questions des fournisseurs — {tender.title}</h1>
      <p>
        {TENDER_STATUS_LABELS[tender.status]}. Vos réponses sont publiées sur la page publique du besoin sans le nom de
        la structure qui a posé la question, et envoyées aux fournisseurs intéressés.
      </p>
      {done === 'reponse' ? (
        <div className="notice" role="status">
          <p>La réponse est publiée et les fournisseurs intéressés sont prévenus.</p>
        </div>
      ) : null}
      {page.frozenMessage ? <p>{page.frozenMessage}</p> : null}
      {page.questions.length === 0 ? <p>Aucune question pour l’instant.</p> : null}
      {page.questions.map((question) => (
        <QuestionAnswerItem
          key={question.id}
          question={question}
          frozen={page.frozenMessage !== null}
          lastResult={answer && answer.questionId === String(question.id) ? answer.result : undefined}
        />
      ))}
    </div>
  );
}
