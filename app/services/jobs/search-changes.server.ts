import type { DB } from '../../../db/connection';
import { pruneSearchChanges } from '../../../db/repositories/search-feed';

// The daily pruning of the search change sequence (docs/decisions/322): changes every active consumer has passed
// and older than the retention are deleted. A consumer whose cursor has not moved for the retention (an instance
// gone) no longer holds them back; if it comes back below the pruned mark, its worker rebuilds its index.

/** Changes are kept at least this long (ms), so an instance away for less than that catches up from its cursor. */
export const SEARCH_CHANGES_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function pruneSearchChangeSequence(db: DB, now: Date = new Date()): Promise<{ deleted: number }> {
  const limit = new Date(now.getTime() - SEARCH_CHANGES_RETENTION_MS).toISOString();
  const deleted = await db.transaction().execute((trx) => pruneSearchChanges(trx, limit, limit));
  return { deleted };
}
