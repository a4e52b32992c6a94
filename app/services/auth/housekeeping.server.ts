import type { DB } from '../../../db/connection';
import { deleteRateLimitWindowsBefore } from '../../../db/repositories/rate-limits';
import { deleteExpiredSessions } from '../../../db/repositories/sessions';
import { deleteSpentUserTokens } from '../../../db/repositories/user-tokens';
import { RATE_LIMIT_RULES } from '~/domain/auth/rate-limits';

// Removes the account rows that can no longer mean anything: expired sessions (validation already refuses
// them), spent or expired e-mailed tokens, and rate-limit windows older than the longest window. Safe to run
// at any time and as often as wanted (at start-up and then hourly, for instance).

export interface AuthHousekeeping {
  sessions: number;
  userTokens: number;
  rateLimits: number;
}

const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMIT_RULES).map((rule) => rule.windowMs));

export async function purgeExpiredAuthData(db: DB, now: Date = new Date()): Promise<AuthHousekeeping> {
  const stamp = now.toISOString();
  const oldestWindow = new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString();
  return db.transaction().execute(async (trx) => ({
    sessions: await deleteExpiredSessions(trx, stamp),
    userTokens: await deleteSpentUserTokens(trx, stamp),
    rateLimits: await deleteRateLimitWindowsBefore(trx, oldestWindow),
  }));
}
