import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/components/format';
import { parseId } from '~/domain/bids/forms';
import { authorize, tokenPageHeaders } from '~/services/auth/authorize.server';
import { requireUser } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { answerBidInvitationToken, viewBidInvitation } from '~/services/bids/email-invitations.server';
import { bidCreatorOrganisations } from '~/services/bids/start.server';
import { getAppContext } from '~/services/context.server';

// /groupements/invitations/:token (decision 242): the link of an e-mailed invitation to a groupement. Signed in
// (anonymous visitors go to the log-in page, which brings them back), the person sees the groupement and the
// tender, and accepts for one of their supplier organisations (POST intent `accept`: tender.participate on it) or
// declines (intent `decline`: any signed-in person holding the link). A GET changes nothing (mail scanners
// follow links). Unknown token: 404; spent, revoked or expired: 410; bid frozen or past its deadline: 409. The
// token is in the URL: no-store and no referrer.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request, context }, ctx);
  const invitation = await viewBidInvitation(ctx.database.db, params.token);
  const { organisations } = await bidCreatorOrganisations(ctx.database.db, user);
  return data(
    { invitation, organisations: organisations.map((o) => ({ id: o.organisationId, name: o.name })) },
    { status: invitation.status, headers: tokenPageHeaders(setCookie) },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie: userCookie } = await requireUser({ request, context }, ctx);
  const formData = await request.formData();
  const accept = formData.get('intent') === 'accept';
  const { organisations } = await bidCreatorOrganisations(ctx.database.db, user);
  let setCookie = userCookie;
  if (accept && organisations.length > 0) {
    const chosen = parseId(formData.get('organisationId')) ?? organisations[0].organisationId;
    ({ setCookie } = await authorize({ request, context }, ctx, {
      action: 'tender.participate',
      organisationId: chosen,
    }));
  }
  const outcome = await answerBidInvitationToken(ctx.database.db, {
    token: params.token,
    accept,
    actor: { userId: user.id, email: user.email },
    organisations,
    fields: Object.fromEntries(formData),
  });
  const headers = tokenPageHeaders(setCookie);
  if (outcome.ok && outcome.value.accepted) throw redirect(`/reponses/${outcome.value.bidId}`, { headers });
  if (outcome.ok) return data({ declined: true, message: null }, { headers });
  if (outcome.error.kind === 'state')
    return data({ declined: false, message: outcome.error.message }, { status: outcome.error.status, headers });
  return data(
    { declined: false, message: outcome.error.issues.map((i) => i.message).join(' ') },
    { status: 400, headers },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Invitation à un groupement — Maillage' }];

export default function BidInvitationPage() {
  const { invitation, organisations } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (answer?.declined)
    return (
      <div className="container page">
        <h1>Invitation refusée</h1>
        <div className="notice" role="status">
          <p>Vous avez refusé l’invitation. Le lien ne peut plus servir.</p>
        </div>
        <p>
          <Link to="/organisations">Voir mes organisations</Link>
        </p>
      </div>
    );
  return (
    <div className="container page">
      <h1>Invitation à rejoindre un groupement</h1>
      {answer?.message ? (
        <div className="alert" role="alert">
          <p>{answer.message}</p>
        </div>
      ) : null}
      {invitation.kind !== 'open' ? (
        <div className="alert">
          <p>{invitation.message}</p>
        </div>
      ) : (
        <>
          <p>
            {invitation.leadName} invite votre structure à rejoindre le groupement{' '}
            <strong>{invitation.groupementName}</strong> pour répondre à l’appel d’offres{' '}
            <Link to={`/appels-d-offres/${invitation.tenderId}`}>{invitation.tenderTitle}</Link> de{' '}
            {invitation.buyerName}
            {invitation.submissionDeadline ? ` (offres avant le ${formatDate(invitation.submissionDeadline)})` : ''}.
          </p>
          <p>Lots : {invitation.lots.map((l) => `lot ${l.number} — ${l.title}`).join(' ; ')}.</p>
          <p>
            L’invitation a été envoyée à {invitation.email} et reste valable jusqu’au {formatDate(invitation.expiresAt)}
            .
          </p>
          {organisations.length === 0 ? (
            <div className="alert">
              <p>
                Pour accepter, votre compte doit être rattaché à la structure invitée (et votre adresse confirmée) :{' '}
                <Link to="/organisations/nouvelle/fournisseur">rattachez-le par le SIRET de la structure</Link>, puis
                rouvrez ce lien.
              </p>
            </div>
          ) : (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="accept" />
              {organisations.length > 1 ? (
                <div className="field">
                  <label htmlFor="organisationId" className="field__label">
                    Structure qui rejoint le groupement (obligatoire)
                  </label>
                  <select id="organisationId" name="organisationId" className="field__input" required>
                    {organisations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <p>Votre structure : {organisations[0].name}</p>
              )}
              <button type="submit" className="button">
                Accepter et rejoindre le groupement
              </button>
            </Form>
          )}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="decline" />
            <button type="submit" className="button button--secondary">
              Refuser l’invitation
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/organisations">Voir mes organisations</Link>
      </p>
    </div>
  );
}
