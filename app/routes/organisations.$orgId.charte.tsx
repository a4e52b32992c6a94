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
import { FileField } from '~/components/form/file-field';
import { formatDate } from '~/components/format';
import { CHARTER_VALIDITY_TEXT, charterExpiresAt } from '~/domain/charter';
import {
  ASSESSMENT_STATUS_LABELS,
  CHARTER_ANSWER_LABELS,
  CHARTER_ANSWERS,
  CRITERION_REVIEW_LABELS,
  EVIDENCE_MAX_LENGTH,
  EVIDENCE_MIN_LENGTH,
  answerField,
  documentField,
  evidenceField,
  removeDocumentField,
  type AssessmentIntent,
} from '~/domain/charter-assessment';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { parseUnchecked, replyOrNotFound } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getCharterPage, saveAssessment } from '~/services/charter/assessment.server';
import { readCharterForm } from '~/services/charter/upload.server';
import { getAppContext } from '~/services/context.server';
import charterStyles from '~/styles/charter.css';

// « Charte » of a supplier organisation (issue 6 §4, docs/decisions/140-charter-assessments-and-review.md): the
// self-assessment over the 9 criteria (an answer, the practices in words, an optional PDF each), saved as a
// draft or submitted to the moderators; the current state and every version with the moderators' notes.
// Owners and editors (charter.assessment.edit). A multipart form that works without JavaScript.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: charterStyles }];

const ANSWER_OPTIONS = CHARTER_ANSWERS.map((value) => ({ value, label: CHARTER_ANSWER_LABELS[value] }));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, {
    action: 'charter.assessment.edit',
    organisationId,
  });
  const page = await getCharterPage(ctx.database.db, organisationId);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const done = new URL(request.url).searchParams.get('fait');
  return data(
    { page, done: done === 'enregistre' || done === 'envoye' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, {
    action: 'charter.assessment.edit',
    organisationId,
  });
  const { formData, documents } = await readCharterForm(request);
  const intent: AssessmentIntent = formData.get('intent') === 'submit' ? 'submit' : 'save';
  // The service is the judge (decision 110); the submission only carries the values back.
  const submission = parseUnchecked(formData);
  const outcome = await saveAssessment(
    ctx.database.db,
    {
      organisationId,
      actor: { userId: user.id, email: user.email },
      intent,
      fields: Object.fromEntries(formData),
      documents,
      uploadsDir: ctx.env.UPLOADS_DIR,
    },
    new Date(),
  );
  if (outcome.ok)
    throw redirect(`/organisations/${organisationId}/charte?fait=${intent === 'submit' ? 'envoye' : 'enregistre'}`, {
      headers: privateHeaders(setCookie),
    });
  const result = replyOrNotFound(submission, outcome.error, privateHeaders(setCookie));
  return data({ result }, { status: 400, headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Charte — ${loaded.page.organisation.name} — Maillage` : 'Charte — Maillage' },
];

function defaultValues(page: ReturnType<typeof useLoaderData<typeof loader>>['page']): Record<string, string> {
  const values: Record<string, string> = {};
  for (const answer of page.latest?.answers ?? []) {
    if (answer.answer) values[answerField(answer.criterion_code)] = answer.answer;
    values[evidenceField(answer.criterion_code)] = answer.evidence;
  }
  return values;
}

// Remounted on every navigation but the answer to its refused form (see useFormKey).
export default function CharterPageRoute() {
  const answer = useActionData<typeof action>();
  return <CharterPage key={useFormKey(answer !== undefined)} />;
}

function CharterPage() {
  const { page, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<Record<string, string>>({
    id: 'charte',
    lastResult: answer?.result ?? undefined,
    defaultValue: defaultValues(page),
    shouldValidate: 'onSubmit',
  });
  const field = (name: string) => fields[name] as FieldMetadata<string>;
  const latest = page.latest;
  const latestAnswers = new Map((latest?.answers ?? []).map((a) => [a.criterion_code, a]));
  const titles = new Map(page.criteria.map((c) => [c.code, `${c.position}. ${c.title}`]));
  const documentUrl = (fileId: string) => `/organisations/${page.organisation.id}/charte/pieces/${fileId}`;

  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${page.organisation.id}`}>Retour à l’organisation</Link>
      </p>
      <h1>Charte d’engagement — {page.supplier.name}</h1>

      {done === 'envoye' ? (
        <div className="notice" role="status">
          <p>
            Votre auto-évaluation est envoyée : un modérateur va l’examiner. Vous recevrez sa décision par courriel.
          </p>
        </div>
      ) : done === 'enregistre' ? (
        <div className="notice" role="status">
          <p>Votre brouillon est enregistré.</p>
        </div>
      ) : null}

      <section aria-labelledby="etat">
        <h2 id="etat">État de votre charte</h2>
        <p>
          <CharterStatusBadge status={page.supplier.charterStatus} />
        </p>
        {page.supplier.charterStatus === 'verified' && page.supplier.charterVerifiedAt ? (
          <p>
            Vérifiée le {formatDate(page.supplier.charterVerifiedAt)}, valable {CHARTER_VALIDITY_TEXT}, jusqu’au{' '}
            {formatDate(charterExpiresAt(page.supplier.charterVerifiedAt))}.
          </p>
        ) : null}
        {latest ? (
          <p>
            Dernière version : n° {latest.version}, {ASSESSMENT_STATUS_LABELS[latest.status].toLowerCase()}.
          </p>
        ) : (
          <p>Vous n’avez pas encore commencé l’auto-évaluation.</p>
        )}
        {page.supplier.publicationStatus === 'draft' ? (
          <p>Votre fiche sera publiée dans le catalogue dès que votre charte sera vérifiée par un modérateur.</p>
        ) : null}
      </section>

      {page.editable ? (
        <section aria-labelledby="auto-evaluation">
          <h2 id="auto-evaluation">
            {latest && latest.status !== 'draft' ? 'Nouvelle version de l’auto-évaluation' : 'Auto-évaluation'}
          </h2>
          <p>
            Pour chacun des 9 critères, répondez puis décrivez ce que votre structure fait concrètement : des pratiques,
            pas des intentions (au moins {EVIDENCE_MIN_LENGTH} caractères pour envoyer). Un document PDF peut appuyer
            votre réponse (5 Mo au plus). Un brouillon peut rester incomplet.
          </p>
          <ErrorSummary
            submissionKey={answer}
            items={[
              { fieldId: null, label: null, messages: form.errors ?? [] },
              ...page.criteria.flatMap((c) =>
                [answerField(c.code), evidenceField(c.code), documentField(c.code)].map((name) => ({
                  fieldId: name === answerField(c.code) ? `${field(name).id}-oui` : field(name).id,
                  label: titles.get(c.code) ?? c.code,
                  messages: field(name).errors ?? [],
                })),
              ),
            ]}
          />
          <Form method="post" encType="multipart/form-data" className="form form--wide" {...getFormProps(form)}>
            {page.criteria.map((criterion) => {
              const stored = latestAnswers.get(criterion.code);
              const documentMeta = field(documentField(criterion.code));
              return (
                <fieldset key={criterion.code} className="criterion">
                  <legend>{titles.get(criterion.code)}</legend>
                  <p className="field__hint">{criterion.description}</p>
                  <RadioGroup
                    meta={field(answerField(criterion.code))}
                    legend="Votre réponse (obligatoire pour envoyer)"
                    options={ANSWER_OPTIONS}
                  />
                  <TextAreaField
                    meta={field(evidenceField(criterion.code))}
                    label="Vos pratiques (obligatoire pour envoyer)"
                    hint={`Décrivez des pratiques, pas des intentions : qui fait quoi, depuis quand, avec quels résultats. De ${EVIDENCE_MIN_LENGTH} à ${EVIDENCE_MAX_LENGTH} caractères.`}
                    maxLength={EVIDENCE_MAX_LENGTH}
                    rows={6}
                  />
                  <FileField
                    id={documentMeta.id}
                    errorId={documentMeta.errorId}
                    name={documentField(criterion.code)}
                    label="Document justificatif (facultatif)"
                    accept="application/pdf,.pdf"
                    hint="Un fichier PDF de 5 Mo au plus."
                    errors={documentMeta.errors}
                    required={false}
                  />
                  {stored?.document_file_id ? (
                    <p>
                      <a href={documentUrl(stored.document_file_id)}>
                        Document déjà joint<span className="visually-hidden"> au critère {criterion.position}</span>{' '}
                        (PDF)
                      </a>{' '}
                      <label>
                        <input type="checkbox" name={removeDocumentField(criterion.code)} value="1" /> Retirer ce
                        document
                      </label>
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
            <div className="form-actions">
              <button type="submit" name="intent" value="save" className="button button--secondary">
                Enregistrer le brouillon
              </button>
              <button type="submit" name="intent" value="submit" className="button">
                Envoyer aux modérateurs
              </button>
            </div>
          </Form>
        </section>
      ) : (
        <section aria-labelledby="en-attente">
          <h2 id="en-attente">Auto-évaluation en cours de vérification</h2>
          <p>
            La version n° {latest?.version} a été envoyée
            {latest?.submittedAt ? ` le ${formatDate(latest.submittedAt)}` : ''}. Un modérateur l’examine : elle ne peut
            plus être modifiée d’ici sa décision.
          </p>
        </section>
      )}

      <section aria-labelledby="historique">
        <h2 id="historique">Historique des versions</h2>
        {page.history.length === 0 ? (
          <p className="muted">Aucune version pour l’instant.</p>
        ) : (
          page.history.map((version) => (
            <details key={version.id} open={version.id === latest?.id && version.status !== 'draft'}>
              <summary>
                Version n° {version.version} — {ASSESSMENT_STATUS_LABELS[version.status]}
                {version.reviewedAt ? `, décidée le ${formatDate(version.reviewedAt)}` : ''}
              </summary>
              {version.reviewNote ? <p>Note du modérateur : {version.reviewNote}</p> : null}
              <ul>
                {version.answers.map((a) => (
                  <li key={a.criterion_code}>
                    <strong>{titles.get(a.criterion_code) ?? a.criterion_code}</strong> : réponse{' '}
                    {a.answer ? CHARTER_ANSWER_LABELS[a.answer].toLowerCase() : 'non renseignée'}
                    {a.review ? ` — ${CRITERION_REVIEW_LABELS[a.review]}` : ''}
                    {a.review_note ? ` : ${a.review_note}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ))
        )}
      </section>
    </div>
  );
}
