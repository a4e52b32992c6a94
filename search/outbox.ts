import type { DB } from '../db/connection';
import { loadSupplierDocuments } from './documents';
import type { SearchEngine } from './types';

// The drain side of the search outbox (db/repositories/outbox.ts writes the rows in the same
// transaction as each supplier change). A drain reads the oldest rows, loads the current documents of
// those suppliers, upserts the published ones and removes the others, then deletes exactly the rows it
// read: a row written meanwhile stays for the next drain. When the engine fails, the rows stay, with
// their attempt count incremented and the error kept, and are retried on the next drain.

export interface DrainResult {
  /** Outbox rows read (and deleted when the engine succeeded). */
  rows: number;
  upserted: number;
  removed: number;
  /** The engine error when the batch failed; the rows were kept. */
  error?: unknown;
}

const MAX_ERROR_LENGTH = 2000;
/** Outbox rows read per drain, unless the caller says otherwise. */
const DEFAULT_BATCH_SIZE = 500;

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Processes one batch of outbox rows (fewest attempts first, then oldest). Database errors are thrown;
 * engine errors are recorded on the rows.
 */
export async function drainOutbox(
  db: DB,
  engine: SearchEngine,
  options: { batchSize?: number } = {},
): Promise<DrainResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  // Rows that failed before go after fresh ones, so one document the engine keeps refusing cannot hold
  // back every later change.
  const rows = await db
    .selectFrom('search_outbox')
    .select(['id', 'supplier_id'])
    .orderBy('attempts')
    .orderBy('id')
    .limit(batchSize)
    .execute();
  if (rows.length === 0) return { rows: 0, upserted: 0, removed: 0 };
  const rowIds = rows.map((r) => r.id);

  const { documents, missingOrUnpublished } = await loadSupplierDocuments(
    db,
    rows.map((r) => r.supplier_id),
  );
  try {
    if (documents.length > 0) await engine.upsert(documents);
    if (missingOrUnpublished.length > 0) await engine.remove(missingOrUnpublished);
  } catch (error) {
    await db
      .updateTable('search_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: describeError(error) }))
      .where('id', 'in', rowIds)
      .execute();
    return { rows: rows.length, upserted: 0, removed: 0, error };
  }
  await db.deleteFrom('search_outbox').where('id', 'in', rowIds).execute();
  return { rows: rows.length, upserted: documents.length, removed: missingOrUnpublished.length };
}

export interface OutboxWorkerOptions {
  intervalMs?: number;
  batchSize?: number;
  /** Called with every failure (engine or database); the worker keeps running and retries later. */
  onError?: (error: unknown) => void;
  /** Called after each drain that processed rows. */
  onDrain?: (result: DrainResult) => void;
}

export interface OutboxWorker {
  /** Stops the timer and resolves once the drain in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Drains the outbox at start and then every intervalMs, until it is empty each time. Never runs two
 * drains at once: a tick that comes while a drain is running is skipped. After a failure it backs off
 * (doubling the wait, at most a minute) so a server that is down is not hammered. Returns { stop }.
 */
export function startOutboxWorker(db: DB, engine: SearchEngine, options: OutboxWorkerOptions = {}): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const onError = options.onError ?? ((error: unknown) => console.error('[search-outbox]', error));
  const maxBackoffMs = Math.max(intervalMs, 60_000);
  let running: Promise<void> | undefined;
  let stopped = false;
  // After failures, wait intervalMs × 2^(failures - 1), at most a minute, before the next attempt.
  let failures = 0;
  let nextAttemptAt = 0;

  function failed(error: unknown): void {
    failures++;
    nextAttemptAt = Date.now() + Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(failures - 1, 16));
    onError(error);
  }

  async function drainUntilEmpty(): Promise<void> {
    while (!stopped) {
      let result: DrainResult;
      try {
        result = await drainOutbox(db, engine, { batchSize });
      } catch (error) {
        failed(error);
        return;
      }
      if (result.rows > 0) options.onDrain?.(result);
      if (result.error !== undefined) {
        failed(result.error);
        return;
      }
      failures = 0;
      if (result.rows < batchSize) return;
    }
  }

  function tick(): Promise<void> {
    if (!running && Date.now() < nextAttemptAt) return Promise.resolve();
    running ??= drainUntilEmpty().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
