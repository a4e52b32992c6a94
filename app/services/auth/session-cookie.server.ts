import { sessionCookieMaxAge } from '~/domain/auth/sessions';

// The session cookie (docs/decisions/100-sessions.md): HttpOnly (no script reads it), SameSite=Lax (not sent
// on cross-site form posts), Secure in production, Path=/, and a Max-Age that ends with the session. Log-out
// sends the blank cookie with Max-Age=0; the session row is deleted too, so a copy of the old cookie is
// worthless.

export const SESSION_COOKIE_NAME = 'maillage_session';

export interface CookieOptions {
  /** Adds `Secure`; default: NODE_ENV is `production`. */
  secure?: boolean;
}

function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

function attributes(maxAge: number, options: CookieOptions): string {
  const secure = options.secure ?? isProduction();
  return `; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** The `Set-Cookie` value that gives the browser its session token until `expiresAt`. */
export function serializeSessionCookie(
  token: string,
  expiresAt: Date,
  now: Date = new Date(),
  options: CookieOptions = {},
): string {
  return `${SESSION_COOKIE_NAME}=${token}${attributes(sessionCookieMaxAge(expiresAt, now), options)}`;
}

/** The `Set-Cookie` value that removes the session cookie (log-out, invalid token). */
export function serializeBlankSessionCookie(options: CookieOptions = {}): string {
  return `${SESSION_COOKIE_NAME}=${attributes(0, options)}`;
}

/** The session token in a `Cookie` request header, or null. The value is only read; validation is separate. */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE_NAME) continue;
    const value = part.slice(eq + 1).trim();
    return value === '' ? null : value;
  }
  return null;
}
