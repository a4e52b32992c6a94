import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FieldErrors } from '~/components/form/field-errors';
import { countLabel, formatDate, formatDateTime } from '~/components/format';
import { LotBids, type DecisionAnswer } from '~/components/tenders/buyer-bids';
import { DECISION_REASON_MAX_LENGTH } from '~/domain/tenders/award';
import { TENDER_STATUS_LABELS } from '~/domain/tenders/tender';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { decideOnBid, getBuyerBidsPage } from '~/services/tenders/award.server';
import { cancelTender } from '~/services/tenders/cancellation.server';

// /organisations/:orgId/appels-d-offres/:tenderId/offres: the bids a buyer received (issue 7 §4, decisions
// 256–258), tender.edit on the buyer organisation (the service checks the tender is its own). Before the
// deadline the bids are sealed: only their number. After it, per lot, each submitted bid with its decisions:
// intents `shortlist`, `reject` (reason), `award`, `unsuccessful` (reason, for the lot); and `cancel` (reason)
// for a published or closed tender. One form per decision; a refused one answers 400 with its message next to
// it and nothing written; works without JavaScript.

const DONE = {
  shortlist: 'L’offre est présélectionnée ; ses membres sont prévenus.',
  reject: 'L’offre est écartée ; ses membres sont prévenus avec la raison.',
  award: 'Le lot est attribué ; les candidats sont prévenus.',
  unsuccessful: 'Le lot est déclaré infructueux ; les candidats sont prévenus.',
  cancel: 'La consultation est annulée ; les candidats sont prévenus.',
} as const;
type Done = keyof typeof DONE;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const tenderId = idParam(params.tenderId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const page = await getBuyerBidsPage(ctx.database.db, organisationId, tenderId);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const done = new URL(request.url).searchParams.get('fait');
  return data(
    { page, done: done !== null && done in DONE ? (done as Done) : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const tenderId = idParam(params.tenderId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const formData = await request.formData();
  const fields: Record<string, unknown> = {
    lot: formData.get('lot'),
    bidId: formData.get('bidId'),
    reason: formData.get('reason'),
  };
  const intent = String(formData.get('intent') ?? '');
  const common = {
    organisationId,
    tenderId,
    fields,
    actor: { userId: user.id, email: user.email },
    origin: siteOrigin(request),
  };
  const outcome =
    intent === 'cancel'
      ? await cancelTender(ctx.database.db, common)
      : await decideOnBid(ctx.database.db, { ...common, intent });
  if (outcome.ok)
    throw redirect(`/organisations/${organisationId}/appels-d-offres/${tenderId}/offres?fait=${intent}`, {
      headers: privateHeaders(setCookie),
    });
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const formKey =
    intent === 'cancel'
      ? 'cancel'
      : intent === 'unsuccessful'
        ? `unsuccessful-lot-${String(fields.lot)}`
        : `${intent}-${String(fields.bidId)}-${String(fields.lot)}`;
  const answer: DecisionAnswer = {
    formKey,
    reason: typeof fields.reason === 'string' ? fields.reason : '',
    issues: outcome.error.issues,
  };
  return data(answer, { status: 400, headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Offres reçues — ${loaded.page.tender.title} — Maillage` : 'Offres reçues — Maillage' },
];

export default function BuyerBids() {
  const { page, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { tender } = page;
  const tenderPath = `/organisations/${page.organisation.id}/appels-d-offres/${tender.id}`;
  const cancelErrors = answer?.formKey === 'cancel' ? answer.issues : [];
  const messages = (field: string) => cancelErrors.filter((i) => i.field === field).map((i) => i.message);
  // The messages about a whole decision (sealed bids, lot already decided…) go on top; a reason's next to it.
  const formErrors = answer ? answer.issues.filter((i) => i.field === '').map((i) => i.message) : [];
  return (
    <div className="container page">
      <p>
        <Link to={tenderPath}>Retour au besoin</Link>
      </p>
      <h1>Offres reçues — {tender.title}</h1>
      <p>
        État : {TENDER_STATUS_LABELS[tender.status]}
        {tender.submissionDeadline
          ? ` — date limite de remise : ${formatDateTime(new Date(tender.submissionDeadline))}`
          : ''}
      </p>
      {done ? (
        <div className="notice" role="status">
          <p>{DONE[done]}</p>
        </div>
      ) : null}
      {formErrors.length > 0 ? (
        <div className="alert" role="alert">
          {formErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      {tender.status === 'cancelled' ? (
        <div className="notice">
          <p>
            Consultation annulée{tender.cancelledAt ? ` le ${formatDate(tender.cancelledAt)}` : ''} :{' '}
            {tender.cancellationReason}
          </p>
        </div>
      ) : null}
      {tender.status === 'awarded' && tender.awardedAt ? (
        <p>Consultation attribuée le {formatDate(tender.awardedAt)}.</p>
      ) : null}

      <h2>Offres</h2>
      {page.sealed ? (
        <p>
          {page.submittedCount === 0
            ? 'Aucune offre remise pour l’instant.'
            : `${countLabel(page.submittedCount, 'offre remise', 'offres remises')}.`}{' '}
          Les offres restent scellées jusqu’à la date limite de remise : vous les découvrirez ensuite.
        </p>
      ) : (
        <>
          <p>{countLabel(page.submittedCount, 'offre remise', 'offres remises')}.</p>
          {page.decisionsClosed && tender.status !== 'cancelled' && tender.status !== 'awarded' ? (
            <p>{page.decisionsClosed}</p>
          ) : null}
          {page.lots.map((lot) => (
            <LotBids
              key={lot.number}
              lot={lot}
              multiple={page.lots.length > 1}
              open={page.decisionsClosed === null}
              answer={answer}
            />
          ))}
        </>
      )}

      {page.canCancel ? (
        <section aria-labelledby="annuler">
          <h2 id="annuler">Annuler la consultation</h2>
          <p>
            Les candidats qui ont remis une offre sont prévenus avec votre raison, affichée aussi sur la page publique.
            L’annulation est définitive.
          </p>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="cancel" />
            <div className="field">
              <label htmlFor="annulation-raison" className="field__label">
                Raison de l’annulation (obligatoire, de 10 à {DECISION_REASON_MAX_LENGTH} caractères)
              </label>
              <FieldErrors id="annulation-raison-erreur" errors={messages('reason')} />
              <textarea
                id="annulation-raison"
                name="reason"
                rows={3}
                required
                maxLength={DECISION_REASON_MAX_LENGTH}
                className="field__input"
                defaultValue={answer?.formKey === 'cancel' ? answer.reason : ''}
                aria-invalid={messages('reason').length ? true : undefined}
                aria-describedby={messages('reason').length ? 'annulation-raison-erreur' : undefined}
              />
            </div>
            <button type="submit" className="button button--secondary">
              Annuler la consultation
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
