import { classifyFailure, type Failure, type FailureHints } from '../app/domain/failure';
import { OUTBOX_DRAIN_ROWS } from '../db/batch';
import type { DB } from '../db/connection';
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

const MAX_ERROR_LENGTH = 2000;

/** The text kept in last_error: the French cause when it is known, else the error's own words. */
function describeError(failure: Failure, error: unknown): string {
  const text =
    failure.kind !== 'internal'
      ? failure.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
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
    await recordOutboxFailure(db, rowIds, describeError(classifyFailure(error, options.hints), error)).catch(
      () => undefined,
    );
    return { rows: rows.length, upserted: 0, removed: 0, error };
  }
  return { rows: rows.length, upserted: documents, removed };
}

export type OutboxWorkerState = 'idle' | 'draining' | 'failing' | 'stopped';

/** What the worker is doing, for /healthz (times are ISO strings). */
export interface OutboxWorkerStatus {
  state: OutboxWorkerState;
  /** Failed drains in a row (0 after a success). */
  consecutiveFailures: number;
  /** The cause of the last failure, in French (app/domain/failure.ts), or null. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** The end of the last drain that emptied the outbox or processed rows without error. */
  lastSuccessAt: string | null;
  /** When a failing worker tries again, or null when it is not waiting. */
  nextAttemptAt: string | null;
}

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

export interface OutboxWorker {
  /** Stops the timer and resolves once the drain in progress, if any, has finished. */
  stop(): Promise<void>;
  /** The worker's state now (a copy). */
  status(): OutboxWorkerStatus;
}

/**
 * Drains the outbox at start and then every intervalMs, until it is empty each time. Never runs two
 * drains at once: a tick that comes while a drain is running is skipped. After a failure it backs off
 * (doubling the wait, at most a minute) so a server that is down is not hammered. Returns { stop, status }.
 */
export function startOutboxWorker(db: DB, engine: SearchEngine, options: OutboxWorkerOptions = {}): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? OUTBOX_DRAIN_ROWS;
  const onError =
    options.onError ?? ((_error: unknown, failure: Failure) => console.error(`[search-outbox] ${failure.message}`));
  const maxBackoffMs = Math.max(intervalMs, 60_000);
  let running: Promise<void> | undefined;
  let stopped = false;
  // After failures, wait intervalMs × 2^(failures - 1), at most a minute, before the next attempt.
  let nextAttemptAt = 0;
  const status: OutboxWorkerStatus = {
    state: 'idle',
    consecutiveFailures: 0,
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: null,
    nextAttemptAt: null,
  };

  function failed(error: unknown): void {
    const failure = classifyFailure(error, options.hints);
    status.consecutiveFailures++;
    nextAttemptAt = Date.now() + Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(status.consecutiveFailures - 1, 16));
    status.state = 'failing';
    status.lastError = describeError(failure, error);
    status.lastErrorAt = new Date().toISOString();
    status.nextAttemptAt = new Date(nextAttemptAt).toISOString();
    onError(error, failure, { ...status });
  }

  function succeeded(): void {
    status.consecutiveFailures = 0;
    status.state = 'idle';
    status.lastSuccessAt = new Date().toISOString();
    status.nextAttemptAt = null;
    nextAttemptAt = 0;
  }

  async function drainUntilEmpty(): Promise<void> {
    while (!stopped) {
      let result: DrainResult;
      try {
        result = await drainOutbox(db, engine, { batchSize, hints: options.hints });
      } catch (error) {
        failed(error);
        return;
      }
      if (result.rows > 0) options.onDrain?.(result);
      if (result.error !== undefined) {
        failed(result.error);
        return;
      }
      if (result.rows < batchSize) {
        succeeded();
        return;
      }
    }
  }

  function tick(): Promise<void> {
    if (stopped || (!running && Date.now() < nextAttemptAt)) return running ?? Promise.resolve();
    running ??= (async () => {
      if (status.state !== 'failing') status.state = 'draining';
      try {
        await drainUntilEmpty();
      } finally {
        running = undefined;
        if (stopped) status.state = 'stopped';
      }
    })();
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
      status.state = 'stopped';
      status.nextAttemptAt = null;
    },
    status: () => ({ ...status }),
  };
}
