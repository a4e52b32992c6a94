import { redirect } from '@remix-run/node';
import { type Env, getEnv } from '../../env.server';
import type { AppContext } from '../context.server';
import type { RequestClient } from './accounts.server';
import { readSessionToken, serializeBlankSessionCookie, serializeSessionCookie } from './session-cookie.server';
import { type Session, type SessionUser, validateSessionToken } from './sessions.server';

// The session as the pages see it (docs/decisions/110-forms.md, 100-sessions.md): the cookie is read and
// validated on each request; a renewed session re-sends the cookie with its new Max-Age, a cookie that no
// longer validates is blanked. Loaders and actions pass `setCookie` on in their answer's headers.

export interface CurrentUser {
  user: SessionUser;
  session: Session;
}

export interface CurrentUserResult {
  current: CurrentUser | null;
  /** The `Set-Cookie` value to send with the answer, or null when the cookie is fine as it is. */
  setCookie: string | null;
}

/** A loader's or action's arguments: the request, and the load context shared by the loaders of one request. */
export interface RequestArgs {
  request: Request;
  context?: unknown;
}

/**
 * The session of a page request is read once: the root loader and the page's loader run side by side for the
 * same request and share its load context (server.ts makes one per request), so the second asks the first's
 * answer instead of validating (and maybe renewing) the session again. Only GET: a document POST runs its
 * action before its loaders, and the action may end the session.
 */
const readOnce = new WeakMap<object, Promise<CurrentUserResult>>();

export function getCurrentUser(
  { request, context: loadContext }: RequestArgs,
  context: Pick<AppContext, 'database'>,
  now: Date = new Date(),
): Promise<CurrentUserResult> {
  const key = request.method === 'GET' && typeof loadContext === 'object' && loadContext !== null ? loadContext : null;
  if (!key) return readCurrentUser(request, context, now);
  let answer = readOnce.get(key);
  if (!answer) {
    answer = readCurrentUser(request, context, now);
    readOnce.set(key, answer);
  }
  return answer;
}

async function readCurrentUser(
  request: Request,
  context: Pick<AppContext, 'database'>,
  now: Date,
): Promise<CurrentUserResult> {
  const token = readSessionToken(request.headers.get('cookie'));
  if (!token) return { current: null, setCookie: null };
  const valid = await validateSessionToken(context.database.db, token, now);
  if (!valid) return { current: null, setCookie: serializeBlankSessionCookie() };
  return {
    current: { user: valid.user, session: valid.session },
    setCookie: valid.renewed ? serializeSessionCookie(token, valid.session.expiresAt, now) : null,
  };
}

/** A relative path on this site (`/compte?x=1`), or null: never `//host`, `/\host`, a scheme or a control character. */
export function safeRedirectPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return null;
  if (value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  return value;
}

/** The log-in page's address that comes back to `request`'s page afterwards. */
export function logInUrlFor(request: Request): string {
  const url = new URL(request.url);
  return `/connexion?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`;
}

/** The signed-in user, or a redirect (thrown) to the log-in page that brings the person back here. */
export async function requireUser(
  args: RequestArgs,
  context: Pick<AppContext, 'database'>,
  now: Date = new Date(),
): Promise<CurrentUser & { setCookie: string | null }> {
  const { request } = args;
  const { current, setCookie } = await getCurrentUser(args, context, now);
  if (!current) throw redirect(logInUrlFor(request), setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined);
  return { ...current, setCookie };
}

/** What the rate limits and the sessions page know of the client: the address Express saw, the user agent. */
export function requestClient(request: Request, loadContext: unknown): RequestClient {
  const ip = (loadContext as { clientIp?: unknown } | undefined)?.clientIp;
  return { ip: typeof ip === 'string' && ip !== '' ? ip : 'unknown', userAgent: request.headers.get('user-agent') };
}

/**
 * The origin of the site for the links of mails: SITE_URL, never the request's Host header when it is set
 * (required in production, decision 103). In development and tests without it, the request's own origin.
 */
export function siteOrigin(request: Request, env: Pick<Env, 'SITE_URL'> = getEnv()): string {
  return env.SITE_URL ?? new URL(request.url).origin;
}
