import type { Failure, FailureHints } from '../app/domain/failure';
import { OUTBOX_DRAIN_ROWS } from '../db/batch';
import type { DB, OpenedDatabase } from '../db/connection';
import { startQueueWorker, type QueueWorker, type QueueWorkerStatus } from '../db/queue-worker';
import { prunedThrough } from '../db/repositories/search-feed';
import { applyFeedBatch, feedTarget, retryFeedFailures, type DrainResult } from './feed';
import { reindexAll } from './reindex';
import type { SearchEngine } from './types';

// The worker that keeps this process's engine in step with the search change sequence (search/feed.ts;
// docs/decisions/320-323, and 033 and 082 for the loop and its state). It used to drain a queue (the search
// outbox) that the first reader emptied; now every consumer follows the sequence from its own cursor, so
// several processes and several instances all see every change. The names drainOutbox / startOutboxWorker stay
// for their callers. The worker keeps its own state (failing or not, the last error, the next attempt) for /healthz.

export type { DrainResult };

/** Applies the next batch of the change sequence to this engine (see applyFeedBatch). */
export function drainOutbox(
  db: DB,
  engine: SearchEngine,
  options: { batchSize?: number; hints?: FailureHints; owner?: string } = {},
): Promise<DrainResult> {
  return applyFeedBatch(db, engine, options);
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
  /** Called after each batch that applied changes. */
  onDrain?: (result: DrainResult) => void;
  /**
   * The database, for the full rebuild of an index whose cursor is below the pruned changes (an instance that was
   * away longer than the retention). Without it such an index reports the failure instead.
   */
  database?: OpenedDatabase;
}

export type OutboxWorker = QueueWorker<'draining'>;

/** Follows the change sequence at start and then every intervalMs (db/queue-worker.ts: one pass at a time, back-off). */
export function startOutboxWorker(db: DB, engine: SearchEngine, options: OutboxWorkerOptions = {}): OutboxWorker {
  const batchSize = options.batchSize ?? OUTBOX_DRAIN_ROWS;
  return startQueueWorker({
    busyState: 'draining',
    intervalMs: options.intervalMs ?? 1000,
    hints: options.hints,
    async drainOnce() {
      // An index that missed pruned changes, or was dropped for another layout (cursor -1), is rebuilt whole.
      const pruned = await prunedThrough(db);
      const position = await feedTarget(db, engine).position();
      if (position < 0 || (pruned > 0 && position < pruned)) {
        if (!options.database) throw new Error(`Search index behind the change sequence (${position}): reindex.`);
        await reindexAll(options.database, engine);
      }
      const result = await applyFeedBatch(db, engine, { batchSize, hints: options.hints });
      if (result.rows > 0) options.onDrain?.(result);
      const full = result.error === undefined && result.rows >= batchSize;
      if (!full && result.error === undefined) await retryFeedFailures(db, engine, { hints: options.hints });
      return { full, error: result.error };
    },
    source: 'search-feed',
    onError: options.onError,
  });
}
