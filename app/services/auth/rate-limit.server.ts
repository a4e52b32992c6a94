import type { DB } from '../../../db/connection';
import { findRateLimitWindow, saveRateLimitWindow } from '../../../db/repositories/rate-limits';
import { RATE_LIMIT_RULES, type RateLimitBucket, decideRateLimit, rateLimitMessage } from '~/domain/auth/rate-limits';

// Rate limiting of the account forms (docs/decisions/102-rate-limits.md): counters in SQLite, so a restart
// forgets nothing. Read, decide and write in one transaction: two requests cannot both take the last attempt.

export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

/** The failure a service returns when refused: the page answers 429 with `Retry-After` and the message. */
export type RateLimited = { kind: 'rate-limited'; retryAfterSeconds: number; message: string };

export function rateLimited(refused: { retryAfterSeconds: number; message: string }): RateLimited {
  return { kind: 'rate-limited', retryAfterSeconds: refused.retryAfterSeconds, message: refused.message };
}

/** Counts one attempt of `key` (an IP address, a normalised e-mail) in `bucket` if the limit allows it. */
export async function consumeRateLimit(
  db: DB,
  bucket: RateLimitBucket,
  key: string,
  now: Date = new Date(),
): Promise<RateLimitOutcome> {
  return db.transaction().execute(async (trx) => {
    const decision = decideRateLimit(RATE_LIMIT_RULES[bucket], await findRateLimitWindow(trx, bucket, key), now);
    if (!decision.allowed)
      return {
        allowed: false,
        retryAfterSeconds: decision.retryAfterSeconds,
        message: rateLimitMessage(decision.retryAfterSeconds),
      };
    await saveRateLimitWindow(trx, bucket, key, decision.window);
    return { allowed: true };
  });
}

/** Consumes in each bucket in turn and stops at the first refusal (the longest wait is not needed). */
export async function consumeRateLimits(
  db: DB,
  attempts: ReadonlyArray<readonly [RateLimitBucket, string]>,
  now: Date = new Date(),
): Promise<RateLimitOutcome> {
  for (const [bucket, key] of attempts) {
    const outcome = await consumeRateLimit(db, bucket, key, now);
    if (!outcome.allowed) return outcome;
  }
  return { allowed: true };
}
