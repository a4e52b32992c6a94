import { classifyFailure, describeFailure, type Failure, type FailureHints } from '../app/domain/failure';
import { OUTBOX_DRAIN_ROWS } from '../db/batch';
import type { DB } from '../db/connection';
import { startQueueWorker, type QueueWorker, type QueueWorkerStatus } from '../db/queue-worker';
import { deleteOutboxRows, readOutboxBatch, recordOutboxFailure } from '../db/repositories/outbox';
import { loadSupplierDocuments } from './documents';
import type { SearchEngine } from './types';

// The drain side of the search outbox (db/repositories/outbox.ts writes the rows in the same
// transaction as each supplier change). A drain reads the oldest rows, loads the current documents of
// those suppliers, upserts the published ones and removes the others, then deletes exactly the rows it
// read: a row written meanwhile stays for the next drain. When anything fails after the rows were read
// (the engine, or the database: a full disk), the rows stay, with their attempt count incremented and the
// error kept when the database allows that write, and are retried later. The worker keeps its own state
// (failing or not, the last error, the next attempt) for /healthz. See docs/decisions/033 and 082.

export interface DrainResult {
  /** Outbox rows read (and deleted when the batch succeeded). */
  rows: number;
  upserted: number;
  removed: number;
  /** The error when the batch failed after its rows were read; the rows were kept. */
  error?: unknown;
}

/**
 * Processes one batch of outbox rows (fewest attempts first, then oldest). An error reading the batch is
 * thrown; an error after it (engine or database) is recorded on the rows when possible and returned.
 */
export async function drainOutbox(
  db: DB,
  engine: SearchEngine,
  options: { batchSize?: number; hints?: FailureHints } = {},
): Promise<DrainResult> {
  const batchSize = options.batchSize ?? OUTBOX_DRAIN_ROWS;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  // Rows that failed before go after fresh ones, so one document the engine keeps refusing cannot hold
  // back every later change.
  const rows = await readOutboxBatch(db, batchSize);
  if (rows.length === 0) return { rows: 0, upserted: 0, removed: 0 };
  const rowIds = rows.map((r) => r.id);

  let documents = 0;
  let removed = 0;
  try {
    const loaded = await loadSupplierDocuments(
      db,
      rows.map((r) => r.supplier_id),
    );
    if (loaded.documents.length > 0) await engine.upsert(loaded.documents);
    if (loaded.missingOrUnpublished.length > 0) await engine.remove(loaded.missingOrUnpublished);
    documents = loaded.documents.length;
    removed = loaded.missingOrUnpublished.length;
    await deleteOutboxRows(db, rowIds);
  } catch (error) {
    // A full or read-only database may refuse this write too: the worker's state still says what failed.
    await recordOutboxFailure(db, rowIds, describeFailure(classifyFailure(error, options.hints), error)).catch(
      () => undefined,
    );
    return { rows: rows.length, upserted: 0, removed: 0, error };
  }
  return { rows: rows.length, upserted: documents, removed };
}

/** What the worker is doing, for /healthz (db/queue-worker.ts). */
export type OutboxWorkerStatus = QueueWorkerStatus<'draining'>;
export type OutboxWorkerState = OutboxWorkerStatus['state'];

export interface OutboxWorkerOptions {
  intervalMs?: number;
  batchSize?: number;
  /** The database path and search server URL, named in the French cause of a failure. */
  hints?: FailureHints;
  /** Called with every failure (engine or database) and its cause; the worker keeps running and retries later. */
  onError?: (error: unknown, failure: Failure, status: OutboxWorkerStatus) => void;
  /** Called after each drain that processed rows. */
  onDrain?: (result: DrainResult) => void;
}

export type OutboxWorker = QueueWorker<'draining'>;

/** Drains the outbox at start and then every intervalMs (db/queue-worker.ts: one drain at a time, back-off). */
export function startOutboxWorker(db: DB, engine: SearchEngine, options: OutboxWorkerOptions = {}): OutboxWorker {
  const batchSize = options.batchSize ?? OUTBOX_DRAIN_ROWS;
  return startQueueWorker({
    busyState: 'draining',
    intervalMs: options.intervalMs ?? 1000,
    hints: options.hints,
    async drainOnce() {
      const result = await drainOutbox(db, engine, { batchSize, hints: options.hints });
      if (result.rows > 0) options.onDrain?.(result);
      return { full: result.rows >= batchSize, error: result.error };
    },
    source: 'search-outbox',
    onError: options.onError,
  });
}
