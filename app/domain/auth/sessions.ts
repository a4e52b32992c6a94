// Session timing (docs/decisions/100-sessions.md): a session expires after SESSION_INACTIVITY_MS without use;
// a use in the second half of that window pushes the expiry a full window further (sliding renewal), so a
// session in daily use never expires and the database is written at most once per half window per session.

const DAY_MS = 24 * 60 * 60 * 1000;

/** A session unused for this long is expired. */
export const SESSION_INACTIVITY_MS = 30 * DAY_MS;

/** A session used when less than this is left before its expiry gets a new full window. */
export const SESSION_RENEW_BEFORE_MS = 15 * DAY_MS;

/** When a session created or renewed at `now` expires. */
export function sessionExpiresAt(now: Date): Date {
  return new Date(now.getTime() + SESSION_INACTIVITY_MS);
}

/** Whether a session with this expiry is no longer valid at `now` (the expiry instant itself is expired). */
export function isSessionExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

/** Whether a valid session used at `now` should have its expiry pushed back. */
export function shouldRenewSession(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE_MS;
}

/** The cookie's Max-Age in whole seconds for a session expiring at `expiresAt` (0 when already past). */
export function sessionCookieMaxAge(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
}
