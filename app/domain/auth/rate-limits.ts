// Rate limits on the account forms (docs/decisions/102-rate-limits.md): a fixed window per bucket and key
// (an IP address or a normalised e-mail), counted in SQLite so that a restart forgets nothing. The first
// attempt opens a window; attempts beyond `limit` inside it are refused until it closes, with the number of
// seconds to wait (the `Retry-After` header) and a French message. Refused attempts are not counted.

export const RATE_LIMIT_BUCKETS = [
  'login-ip',
  'login-email',
  'signup-ip',
  'reset-ip',
  'invite-user',
  'join-request-user',
  'reauth-user',
] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

export interface RateLimitRule {
  /** Attempts allowed in one window. */
  limit: number;
  windowMs: number;
}

const MINUTE_MS = 60 * 1000;

export const RATE_LIMIT_RULES: Record<RateLimitBucket, RateLimitRule> = {
  // Behind one IP may sit a whole town hall: generous per IP, strict per account.
  'login-ip': { limit: 30, windowMs: 15 * MINUTE_MS },
  'login-email': { limit: 10, windowMs: 15 * MINUTE_MS },
  'signup-ip': { limit: 10, windowMs: 60 * MINUTE_MS },
  'reset-ip': { limit: 5, windowMs: 60 * MINUTE_MS },
  // The current password asked again by a sensitive action, per account (key: the user id).
  'reauth-user': { limit: 10, windowMs: 15 * MINUTE_MS },
  // Each of these mails someone (the invited address, the owners): per signed-in person (decisions 121, 122).
  'invite-user': { limit: 30, windowMs: 60 * MINUTE_MS },
  'join-request-user': { limit: 20, windowMs: 60 * MINUTE_MS },
};

/** The stored counter of one bucket and key, if any. */
export interface RateLimitWindow {
  windowStart: Date;
  hits: number;
}

export type RateLimitDecision =
  { allowed: true; window: RateLimitWindow } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether one more attempt is allowed at `now`, and the window to store if so. A window that has closed
 * (`now >= windowStart + windowMs`) is replaced by a new one starting at `now`.
 */
export function decideRateLimit(
  rule: RateLimitRule,
  stored: RateLimitWindow | undefined,
  now: Date,
): RateLimitDecision {
  const closesAt = stored ? stored.windowStart.getTime() + rule.windowMs : 0;
  if (!stored || now.getTime() >= closesAt) return { allowed: true, window: { windowStart: now, hits: 1 } };
  if (stored.hits < rule.limit)
    return { allowed: true, window: { windowStart: stored.windowStart, hits: stored.hits + 1 } };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((closesAt - now.getTime()) / 1000)) };
}

/** The French message of a `429` answer (« Réessayez dans 3 minutes. »). */
export function rateLimitMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? 's' : ''}`
      : `${Math.ceil(retryAfterSeconds / 60)} minute${Math.ceil(retryAfterSeconds / 60) > 1 ? 's' : ''}`;
  return `Trop de tentatives en peu de temps. Réessayez dans ${wait}.`;
}
