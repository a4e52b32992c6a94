import { getFormProps, useForm } from '@conform-to/react';
import type { SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { formatDateTime } from '~/components/format';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextAreaField } from '~/components/form/text-area-field';
import { QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH } from '~/domain/tenders/questions';

// The « Questions et réponses » section of the public tender page (decision 260): the buyer's answers, without
// the asker's name; for a signed-in member of a supplier organisation, its own questions and the form to ask
// one while questions are open.

export interface TenderQuestionsProps {
  tenderId: number;
  section: {
    answered: { id: number; question: string; answer: string; answeredAt: string }[];
    closeAt: string | null;
    closedMessage: string | null;
    verifyEmail: boolean;
    asker: {
      organisations: { id: number; name: string }[];
      mine: { id: number; supplierName: string; question: string; answer: string | null; createdAt: string }[];
    } | null;
  };
  signedIn: boolean;
  sent: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  /** The intent value of the ask form. */
  intent: string;
}

export function TenderQuestions({ tenderId, section, signedIn, sent, lastResult, intent }: TenderQuestionsProps) {
  return (
    <section aria-labelledby="questions">
      <h2 id="questions">Questions et réponses</h2>
      {section.answered.length === 0 ? (
        <p>Aucune question n’a encore reçu de réponse.</p>
      ) : (
        <dl className="questions">
          {section.answered.map((q) => (
            <div key={q.id} id={`question-${q.id}`}>
              <dt>Question : {q.question}</dt>
              <dd>
                Réponse de l’acheteur ({formatDateTime(new Date(q.answeredAt))}) : {q.answer}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {sent ? (
        <div className="notice" role="status">
          <p>Votre question est envoyée à l’acheteur. Sa réponse sera publiée ici.</p>
        </div>
      ) : null}
      {section.asker && section.asker.mine.length > 0 ? (
        <>
          <h3>Vos questions</h3>
          <ul>
            {section.asker.mine.map((q) => (
              <li key={q.id}>
                {q.supplierName}, le {formatDateTime(new Date(q.createdAt))} : {q.question}
                {q.answer === null ? ' — en attente de réponse' : ' — répondue'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {section.closedMessage !== null ? (
        <p>{section.closedMessage}</p>
      ) : section.asker ? (
        <AskForm
          tenderId={tenderId}
          organisations={section.asker.organisations}
          closeAt={section.closeAt}
          lastResult={lastResult}
          intent={intent}
        />
      ) : section.verifyEmail ? (
        <p>
          Confirmez d’abord votre adresse électronique (<Link to="/compte">Mon compte</Link>) pour poser une question au
          nom de votre structure.
        </p>
      ) : signedIn ? (
        <p>Seuls les membres d’une structure fournisseur peuvent poser une question.</p>
      ) : (
        <p>
          <Link to={`/connexion?redirectTo=${encodeURIComponent(`/appels-d-offres/${tenderId}#questions`)}`}>
            Connectez-vous
          </Link>{' '}
          au nom de votre structure pour poser une question.
        </p>
      )}
    </section>
  );
}

function AskForm({
  tenderId,
  organisations,
  closeAt,
  lastResult,
  intent,
}: {
  tenderId: number;
  organisations: { id: number; name: string }[];
  closeAt: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
  intent: string;
}) {
  const [form, fields] = useForm<{ question: string; organisation: string }>({
    id: 'poser-question',
    lastResult,
    shouldValidate: 'onSubmit',
    defaultValue: { organisation: organisations.length === 1 ? String(organisations[0].id) : '' },
  });
  return (
    <>
      <h3>Poser une question</h3>
      <p>
        L’acheteur publiera sa réponse sur cette page, sans le nom de votre structure.
        {closeAt ? ` Date limite des questions : ${formatDateTime(new Date(closeAt))}.` : ''}
      </p>
      <ErrorSummary
        submissionKey={lastResult}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.organisation.id, label: 'Structure', messages: fields.organisation.errors ?? [] },
          { fieldId: fields.question.id, label: 'Votre question', messages: fields.question.errors ?? [] },
        ]}
      />
      <Form method="post" action={`/appels-d-offres/${tenderId}`} className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {organisations.length === 1 ? (
          <>
            <input type="hidden" name={fields.organisation.name} value={organisations[0].id} />
            <p>Au nom de : {organisations[0].name}</p>
          </>
        ) : (
          <SelectField
            meta={fields.organisation}
            label="Au nom de la structure"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            emptyLabel="Choisissez une structure"
            required
          />
        )}
        <TextAreaField
          meta={fields.question}
          label="Votre question"
          hint={`De ${QUESTION_MIN_LENGTH} à ${QUESTION_MAX_LENGTH} caractères.`}
          maxLength={QUESTION_MAX_LENGTH}
          required
        />
        <SubmitButton>Envoyer la question</SubmitButton>
      </Form>
    </>
  );
}
