import { DOCUMENT_BATCH_SUPPLIERS } from '../db/batch';
import type { OpenedDatabase } from '../db/connection';
import { deleteOutboxUpTo, enqueueSearchSync, maxOutboxId } from '../db/repositories/outbox';
import { listSupplierIdsUpdatedSince } from '../db/repositories/suppliers';
import { iteratePublishedDocuments } from './documents';
import type { SearchEngine } from './types';

/**
 * Rebuilds the engine's whole index from the database (published suppliers only), without search going
 * down, and returns the number of documents indexed.
 *
 * The outbox rows that existed before the rebuild started are covered by it and deleted. Rows written
 * during the rebuild stay for the worker. A worker in another process may however drain such a row into
 * the old index just before the swap, so the suppliers changed since the start are queued again once the
 * new index is live (docs/decisions/034-reindex-and-outbox.md).
 */
export async function reindexAll(
  database: OpenedDatabase,
  engine: SearchEngine,
  onProgress?: (indexed: number) => void,
): Promise<number> {
  const { db } = database;
  // Read before the outbox: a write stamped earlier than this committed before maxId was read.
  const startedAt = new Date().toISOString();
  const maxId = await maxOutboxId(db);

  const indexed = await engine.rebuild(iteratePublishedDocuments(db, DOCUMENT_BATCH_SUPPLIERS), onProgress);

  await db.transaction().execute(async (trx) => {
    await deleteOutboxUpTo(trx, maxId);
    await enqueueSearchSync(trx, await listSupplierIdsUpdatedSince(trx, startedAt));
  });
  return indexed;
}
