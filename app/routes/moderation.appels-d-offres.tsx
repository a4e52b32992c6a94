import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FieldErrors } from '~/components/form/field-errors';
import { formatDate } from '~/components/format';
import { MAIN_CATEGORY_LABELS, NEED_KIND_LABELS, placeLabel, RESERVATION_LABELS } from '~/domain/tenders/tender';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { listPublicTenderDocuments } from '~/services/tenders/documents.server';
import { decideTender, listTenderQueue, getTenderForReview } from '~/services/tenders/moderation.server';

// /moderation/appels-d-offres: the submitted needs and tenders, oldest first (decision 204), each with its content
// and a decision form: publish, or send back to the buyer with a note. moderation.tenders.review.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.tenders.review' });
  const db = ctx.database.db;
  const queue = await listTenderQueue(db);
  const reviewed = (await Promise.all(queue.map((t) => getTenderForReview(db, t.id)))).filter((t) => t !== null);
  // The documents attached to each (decision 255), which moderators may download before publication.
  const tenders = await Promise.all(
    reviewed.map(async (t) => ({ ...t, documents: await listPublicTenderDocuments(db, t.id) })),
  );
  const done = new URL(request.url).searchParams.get('fait');
  return data(
    { tenders, done: done === 'publie' || done === 'renvoye' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.tenders.review' });
  const formData = await request.formData();
  const tenderId = Number(formData.get('tenderId'));
  if (!Number.isSafeInteger(tenderId) || tenderId < 1) throw data(null, { status: 404 });
  const fields = { decision: formData.get('decision'), note: formData.get('note') };
  const outcome = await decideTender(ctx.database.db, {
    tenderId,
    fields,
    actor: { userId: user.id, email: user.email },
    origin: siteOrigin(request),
  });
  if (outcome.ok)
    throw redirect(`/moderation/appels-d-offres?fait=${outcome.value.status === 'published' ? 'publie' : 'renvoye'}`, {
      headers: privateHeaders(setCookie),
    });
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return data(
    {
      tenderId,
      note: typeof fields.note === 'string' ? fields.note : '',
      issues: outcome.error.issues,
    },
    { status: 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Besoins à valider — Modération — Maillage' }];

export default function TenderQueue() {
  const { tenders, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <p>
        <Link to="/moderation">Retour à la modération</Link>
      </p>
      <h1>Besoins et appels d’offres à valider</h1>
      {done ? (
        <div className="notice" role="status">
          <p>{done === 'publie' ? 'Le besoin est publié.' : 'Le besoin est renvoyé à l’acheteur.'}</p>
        </div>
      ) : null}
      {tenders.length === 0 ? (
        <p>Aucun besoin n’attend de validation.</p>
      ) : (
        tenders.map((t) => {
          const issues = answer && answer.tenderId === t.id ? answer.issues : [];
          const messagesOf = (field: string) => issues.filter((i) => i.field === field).map((i) => i.message);
          const formErrors = messagesOf('');
          return (
            <section key={t.id} aria-labelledby={`besoin-${t.id}`} className="review">
              <h2 id={`besoin-${t.id}`}>{t.title}</h2>
              <ul>
                <li>
                  {NEED_KIND_LABELS[t.kind]} de {t.buyerName}, envoyé le{' '}
                  {t.submittedAt ? formatDate(t.submittedAt) : '—'}
                </li>
                <li>Catégorie : {t.category ? MAIN_CATEGORY_LABELS[t.category] : '—'}</li>
                <li>Lieu : {placeLabel(t)}</li>
                <li>Réservation : {RESERVATION_LABELS[t.reservation]}</li>
                <li>Date limite : {t.submissionDeadline ? formatDate(t.submissionDeadline) : '—'}</li>
                <li>Codes CPV : {t.cpvCodes.join(', ') || '—'}</li>
                <li>
                  Lots : {t.lots.length === 0 ? 'lot unique' : t.lots.map((l) => `${l.number}. ${l.title}`).join(' ; ')}
                </li>
              </ul>
              <p className="prose">{t.description}</p>
              {t.documents.length > 0 ? (
                <ul aria-label={`Documents de « ${t.title} »`}>
                  {t.documents.map((d) => (
                    <li key={d.id}>
                      <a href={d.url}>{d.title} (PDF)</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>Aucun document joint.</p>
              )}
              <Form method="post" className="form">
                <input type="hidden" name="tenderId" value={t.id} />
                {formErrors.length > 0 ? (
                  <div className="alert" role="alert">
                    {formErrors.map((m) => (
                      <p key={m}>{m}</p>
                    ))}
                  </div>
                ) : null}
                <fieldset
                  className="choices"
                  aria-describedby={messagesOf('decision').length ? `decision-${t.id}-erreur` : undefined}
                >
                  <legend>Décision</legend>
                  <FieldErrors id={`decision-${t.id}-erreur`} errors={messagesOf('decision')} />
                  <label>
                    <input type="radio" name="decision" value="publish" /> Publier
                  </label>
                  <label>
                    <input type="radio" name="decision" value="reject" /> Renvoyer à l’acheteur
                  </label>
                </fieldset>
                <div className="field">
                  <label htmlFor={`note-${t.id}`} className="field__label">
                    Note pour l’acheteur (obligatoire pour renvoyer)
                  </label>
                  <FieldErrors id={`note-${t.id}-erreur`} errors={messagesOf('note')} />
                  <textarea
                    id={`note-${t.id}`}
                    name="note"
                    rows={3}
                    maxLength={1000}
                    className="field__input"
                    defaultValue={answer && answer.tenderId === t.id ? answer.note : ''}
                    aria-invalid={messagesOf('note').length ? true : undefined}
                    aria-describedby={messagesOf('note').length ? `note-${t.id}-erreur` : undefined}
                  />
                </div>
                <button type="submit" className="button">
                  Enregistrer la décision<span className="visually-hidden"> sur « {t.title} »</span>
                </button>
              </Form>
            </section>
          );
        })
      )}
    </div>
  );
}
