import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { getCurrentUser } from '~/services/auth/current-user.server';
import { serializeBlankSessionCookie } from '~/services/auth/session-cookie.server';
import { invalidateSession } from '~/services/auth/sessions.server';
import { getAppContext } from '~/services/context.server';

// Log-out (issue 6): POST only (the « Se déconnecter » button of the header and of /compte). The session's
// row is deleted, so a copy of the old cookie is worthless, and the browser's cookie is blanked. A GET (a
// link followed, a prefetch) changes nothing and goes home.

export async function loader() {
  throw redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { current } = await getCurrentUser({ request }, ctx);
  if (current) await invalidateSession(ctx.database.db, current.session.id);
  throw redirect('/', { headers: { 'Set-Cookie': serializeBlankSessionCookie() } });
}
