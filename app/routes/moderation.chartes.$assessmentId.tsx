import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react';
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { RadioGroup } from '~/components/form/radio-group';
import { TextAreaField } from '~/components/form/text-area-field';
import { CharterStatusBadge } from '~/components/charter-status';
import { ErrorSummary } from '~/components/form/error-summary';
import { useFormKey } from '~/components/form/use-form-key';
import { formatDate } from '~/components/format';
import {
  ASSESSMENT_STATUS_LABELS,
  CHARTER_ANSWER_LABELS,
  CRITERION_REVIEW_LABELS,
  CRITERION_REVIEWS,
  REVIEW_NOTE_MAX_LENGTH,
  reviewField,
  reviewNoteField,
} from '~/domain/charter-assessment';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { parseUnchecked, replyOrNotFound } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getReviewPage, reviewAssessment } from '~/services/charter/review.server';
import { getAppContext } from '~/services/context.server';
import charterStyles from '~/styles/charter.css';

// /moderation/chartes/:assessmentId: a moderator reviews a submitted self-assessment criterion by criterion
// (validated, or refused with a note for the supplier) and decides: verified when every criterion is
// validated, else rejected (decision 140). moderation.charter.review.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: charterStyles }];

const REVIEW_OPTIONS = CRITERION_REVIEWS.map((value) => ({ value, label: CRITERION_REVIEW_LABELS[value] }));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const assessmentId = idParam(params.assessmentId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.charter.review' });
  const page = await getReviewPage(ctx.database.db, assessmentId);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const done = new URL(request.url).searchParams.get('fait');
  return data({ page, saved: done === 'enregistre' }, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const assessmentId = idParam(params.assessmentId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.charter.review' });
  const formData = await request.formData();
  const intent = formData.get('intent') === 'decide' ? 'decide' : 'save';
  const submission = parseUnchecked(formData);
  const outcome = await reviewAssessment(ctx.database.db, {
    assessmentId,
    intent,
    fields: Object.fromEntries(formData),
    actor: { userId: user.id, email: user.email },
    origin: siteOrigin(request),
  });
  if (outcome.ok)
    throw redirect(
      intent === 'decide' ? '/moderation/chartes' : `/moderation/chartes/${assessmentId}?fait=enregistre`,
      {
        headers: privateHeaders(setCookie),
      },
    );
  const result = replyOrNotFound(submission, outcome.error, privateHeaders(setCookie));
  return data({ result }, { status: 400, headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  {
    title: loaded
      ? `Charte de ${loaded.page.supplier.name}, version ${loaded.page.assessment.version} — Modération — Maillage`
      : 'Charte — Modération — Maillage',
  },
];

// Remounted on every navigation but the answer to its refused form (see useFormKey).
export default function ReviewPageRoute() {
  const answer = useActionData<typeof action>();
  return <ReviewPage key={useFormKey(answer !== undefined)} />;
}

function ReviewPage() {
  const { page, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const defaultValue: Record<string, string> = {};
  for (const a of page.answers) {
    if (a.review) defaultValue[reviewField(a.criterion_code)] = a.review;
    if (a.review_note) defaultValue[reviewNoteField(a.criterion_code)] = a.review_note;
  }
  const [form, fields] = useForm<Record<string, string>>({
    id: 'revue',
    lastResult: answer?.result ?? undefined,
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  const field = (name: string) => fields[name] as FieldMetadata<string>;
  const answers = new Map(page.answers.map((a) => [a.criterion_code, a]));
  const { assessment, supplier, organisation } = page;
  const open = assessment.status === 'submitted';

  return (
    <div className="container page">
      <p>
        <Link to="/moderation/chartes">Retour aux chartes à vérifier</Link>
      </p>
      <h1>
        Charte de {supplier.name}, version {assessment.version}
      </h1>
      {saved ? (
        <div className="notice" role="status">
          <p>Votre examen est enregistré ; la décision reste à prendre.</p>
        </div>
      ) : null}
      <dl className="definition-list">
        <dt>État de la version</dt>
        <dd>{ASSESSMENT_STATUS_LABELS[assessment.status]}</dd>
        <dt>Charte du fournisseur</dt>
        <dd>
          <CharterStatusBadge status={supplier.charterStatus} />
        </dd>
        <dt>SIRET</dt>
        <dd>{supplier.siret}</dd>
        {assessment.submitted_at ? (
          <>
            <dt>Envoyée le</dt>
            <dd>{formatDate(assessment.submitted_at)}</dd>
          </>
        ) : null}
      </dl>

      {open ? (
        <ErrorSummary
          submissionKey={answer}
          items={[
            { fieldId: null, label: null, messages: form.errors ?? [] },
            ...page.criteria.flatMap((c) => [
              {
                fieldId: `${field(reviewField(c.code)).id}-validated`,
                label: `Critère ${c.position}`,
                messages: field(reviewField(c.code)).errors ?? [],
              },
              {
                fieldId: field(reviewNoteField(c.code)).id,
                label: `Note du critère ${c.position}`,
                messages: field(reviewNoteField(c.code)).errors ?? [],
              },
            ]),
            {
              fieldId: field('decisionNote').id,
              label: 'Note de décision',
              messages: field('decisionNote').errors ?? [],
            },
          ]}
        />
      ) : null}

      <Form method="post" className="form form--wide" {...getFormProps(form)}>
        {page.criteria.map((criterion) => {
          const a = answers.get(criterion.code);
          return (
            <section key={criterion.code} className="criterion" aria-labelledby={`critere-${criterion.code}`}>
              <h2 id={`critere-${criterion.code}`}>
                {criterion.position}. {criterion.title}
              </h2>
              <p>
                Réponse : <strong>{a?.answer ? CHARTER_ANSWER_LABELS[a.answer] : 'non renseignée'}</strong>
              </p>
              <p className="evidence-text">{a?.evidence || 'Aucune description.'}</p>
              {a?.document_file_id && organisation ? (
                <p>
                  <a href={`/organisations/${organisation.id}/charte/pieces/${a.document_file_id}`}>
                    Télécharger le document justificatif
                    <span className="visually-hidden"> du critère {criterion.position}</span> (PDF)
                  </a>
                </p>
              ) : null}
              {open ? (
                <>
                  <RadioGroup
                    meta={field(reviewField(criterion.code))}
                    legend="Votre examen"
                    options={REVIEW_OPTIONS}
                  />
                  <TextAreaField
                    meta={field(reviewNoteField(criterion.code))}
                    label="Note pour le fournisseur (obligatoire si le critère est refusé)"
                    maxLength={REVIEW_NOTE_MAX_LENGTH}
                    rows={3}
                  />
                </>
              ) : a?.review ? (
                <p>
                  {CRITERION_REVIEW_LABELS[a.review]}
                  {a.review_note ? ` : ${a.review_note}` : ''}
                </p>
              ) : null}
            </section>
          );
        })}
        {open ? (
          <>
            <TextAreaField
              meta={field('decisionNote')}
              label="Note de décision (facultative, envoyée au fournisseur)"
              maxLength={REVIEW_NOTE_MAX_LENGTH}
              rows={3}
            />
            <p>
              La charte est vérifiée si tous les critères sont validés ; un seul critère refusé refuse cette version. Le
              fournisseur reçoit la décision par courriel, avec vos notes.
            </p>
            <div className="form-actions">
              <button type="submit" name="intent" value="save" className="button button--secondary">
                Enregistrer l’examen sans décider
              </button>
              <button type="submit" name="intent" value="decide" className="button">
                Enregistrer la décision
              </button>
            </div>
          </>
        ) : assessment.review_note ? (
          <p>Note de décision : {assessment.review_note}</p>
        ) : null}
      </Form>
    </div>
  );
}
