import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDateTime } from '~/components/format';
import { SubmitButton } from '~/components/form/submit-button';
import { requireUser } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { listUserSessions, revokeUserSession } from '~/services/auth/sessions.server';
import { getAppContext } from '~/services/context.server';
import { privateHeaders } from '~/services/auth/authorize.server';

// « Sessions actives » (issue 6), private and never cached: where the account is signed in, with a button
// that signs out each other session (its cookie becomes worthless). This browser's own session is signed out
// with « Se déconnecter ».

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { user, session, setCookie } = await requireUser({ request, context }, ctx);
  const sessions = await listUserSessions(ctx.database.db, user.id, session.id);
  return data({ sessions }, { headers: privateHeaders(setCookie) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, session, setCookie } = await requireUser({ request }, ctx);
  const sessionId = (await request.formData()).get('sessionId');
  const revoked =
    typeof sessionId === 'string' &&
    sessionId !== session.id &&
    (await revokeUserSession(ctx.database.db, user.id, sessionId));
  return data(
    { revoked, message: revoked ? 'La session a été fermée.' : 'Cette session n’existe plus ou n’est pas la vôtre.' },
    { status: revoked ? 200 : 404, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Sessions actives — Mon compte — Maillage' }];

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <p>
        <Link to="/compte">Retour à mon compte</Link>
      </p>
      <h1>Sessions actives</h1>
      <p>Les navigateurs où votre compte est connecté. Fermez une session que vous ne reconnaissez pas.</p>
      {answer ? (
        <div className={answer.revoked ? 'notice' : 'alert'} role={answer.revoked ? 'status' : 'alert'}>
          <p>{answer.message}</p>
        </div>
      ) : null}
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.id}>
            <h2>
              {s.userAgent ?? 'Navigateur inconnu'}
              {s.current ? ' (cette session)' : null}
            </h2>
            <dl>
              <dt>Ouverte le</dt>
              <dd>{formatDateTime(s.createdAt)}</dd>
              <dt>Dernière activité</dt>
              <dd>{formatDateTime(s.lastVerifiedAt)}</dd>
              {s.ip ? (
                <>
                  <dt>Adresse IP</dt>
                  <dd>{s.ip}</dd>
                </>
              ) : null}
            </dl>
            {s.current ? (
              <Form method="post" action="/deconnexion">
                <SubmitButton>Se déconnecter</SubmitButton>
              </Form>
            ) : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton>
                  Fermer cette session
                  <span className="visually-hidden"> ouverte le {formatDateTime(s.createdAt)}</span>
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
