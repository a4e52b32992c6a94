import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/components/format';
import { MEMBERSHIP_ROLE_LABELS } from '~/domain/organisation';
import { tokenPageHeaders } from '~/services/auth/authorize.server';
import { requireUser } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { answerInvitation, viewInvitation } from '~/services/organisations/invitations.server';

// An invitation's link (issue 6, decision 122): the signed-in person sees which organisation invites them and
// with which role, and accepts or declines with a button (mail scanners follow links: a GET changes nothing).
// Only the invited address, confirmed, can accept; another address is told so plainly. Anonymous visitors go
// to the log-in page, which brings them back. The token is in the URL: no-store and no referrer.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request, context }, ctx);
  const invitation = await viewInvitation(ctx.database.db, params.token, user.id);
  return data(
    { invitation, email: user.email },
    { status: invitation.kind === 'invalid' ? 404 : 200, headers: tokenPageHeaders(setCookie) },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const formData = await request.formData();
  const outcome = await answerInvitation(ctx.database.db, {
    actor: { userId: user.id, email: user.email },
    token: params.token,
    decision: formData.get('decision'),
  });
  if (outcome.ok && outcome.value.accepted)
    throw redirect(`/organisations/${outcome.value.organisationId}`, { headers: tokenPageHeaders(setCookie) });
  if (outcome.ok) return data({ declined: true, message: null }, { headers: tokenPageHeaders(setCookie) });
  return data(
    { declined: false, message: outcome.error.message },
    { status: 400, headers: tokenPageHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Invitation — Maillage' }];

export default function InvitationPage() {
  const { invitation, email } = useLoaderData<typeof loader>();
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
      <h1>Invitation à rejoindre une organisation</h1>
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
            Vous êtes invité à rejoindre <strong>{invitation.organisationName}</strong> comme{' '}
            {MEMBERSHIP_ROLE_LABELS[invitation.role].toLowerCase()}. L’invitation est adressée à {invitation.email} et
            valable jusqu’au {formatDate(invitation.expiresAt)}.
          </p>
          {invitation.blocker ? (
            <div className="alert">
              <p>{invitation.blocker}</p>
            </div>
          ) : (
            <Form method="post" className="inline-form">
              <input type="hidden" name="decision" value="accept" />
              <button type="submit" className="button">
                Accepter l’invitation
              </button>
            </Form>
          )}{' '}
          {invitation.email === email ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="decision" value="decline" />
              <button type="submit" className="button button--secondary">
                Refuser l’invitation
              </button>
            </Form>
          ) : null}
        </>
      )}
      <p>
        <Link to="/organisations">Voir mes organisations</Link>
      </p>
    </div>
  );
}
