import { DOCUMENT_BATCH_SUPPLIERS } from '../db/batch';
import type { OpenedDatabase } from '../db/connection';
import { deleteAllFeedFailures, headSeq } from '../db/repositories/search-feed';
import { iteratePublishedDocuments } from './documents';
import { feedTarget } from './feed';
import type { SearchEngine } from './types';

/**
 * Rebuilds the engine's whole index from the database (published suppliers only), without search going
 * down, and returns the number of documents indexed.
 *
 * The last seq of the change sequence is read before the rebuild starts: every change up to it committed before
 * the rebuild read any supplier, so the new index holds it, and the engine's cursor is set to it once the new
 * index is live. Changes after it are applied again by the feed (idempotent), whatever a worker did to the old
 * index meanwhile (docs/decisions/323-reindex-and-the-change-sequence.md; replaces 034's outbox dance).
 */
export async function reindexAll(
  database: OpenedDatabase,
  engine: SearchEngine,
  onProgress?: (indexed: number) => void,
): Promise<number> {
  const { db } = database;
  const throughSeq = await headSeq(db);
  const indexed = await engine.rebuild(iteratePublishedDocuments(db, DOCUMENT_BATCH_SUPPLIERS), onProgress);
  const target = feedTarget(db, engine);
  await target.reset(throughSeq);
  await deleteAllFeedFailures(db, target.consumer);
  return indexed;
}
