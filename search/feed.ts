import os from 'node:os';
import { classifyFailure, describeFailure, type FailureHints } from '../app/domain/failure';
import { OUTBOX_DRAIN_ROWS } from '../db/batch';
import type { DB } from '../db/connection';
import {
  advanceFeedCursor,
  claimFeedCursor,
  copyFeedCursor,
  deleteFeedFailures,
  dueFeedFailures,
  feedFailureAttempts,
  findFeedCursor,
  recordFeedBatchFailure,
  recordFeedFailure,
  releaseFeedClaim,
  resetFeedCursor,
  type SearchChange,
  readChangesAfter,
} from '../db/repositories/search-feed';
import { loadSupplierDocuments } from './documents';
import type { FeedPosition, SearchEngine, SupplierDocument } from './types';

// Applying the search change sequence to one engine (docs/decisions/320-323). Every supplier write appends its
// supplier ids to search_changes in its own transaction (db/repositories/outbox.ts); each consumer follows the
// sequence from its own cursor: the embedded index keeps it next to its rows (search/sqlite/engine.ts, `feed`),
// Meilisearch in search_feed_cursors. A batch: claim the consumer (a lease, so one process applies at a time),
// read the changes after the cursor, load the current documents of those suppliers from the database of record,
// write them and move the cursor. A batch the engine keeps refusing is applied one change at a time after
// FEED_MAX_BATCH_ATTEMPTS tries; the changes that still fail are recorded and retried later, and the feed moves on.

/** Failed tries of one batch before it is applied one change at a time. */
export const FEED_MAX_BATCH_ATTEMPTS = 3;
/** How long a claim holds when its process dies (ms). */
export const FEED_CLAIM_LEASE_MS = 30_000;
/** Back-off of a recorded failed change: 30 s doubled per attempt, at most an hour. */
const FAILURE_RETRY_MS = 30_000;
const FAILURE_RETRY_MAX_MS = 60 * 60 * 1000;
const FAILURE_RETRY_BATCH = 50;

/** Names this process in claims. */
export const PROCESS_OWNER = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/** One engine as a consumer of the sequence: where its cursor is and how a batch is written. */
export interface FeedTarget {
  consumer: string;
  /** The position now (for /healthz and pruning). */
  position(): Promise<number>;
  /** Claims the next batch for `owner`: its position, or null when another process is applying one. */
  claim(owner: string): Promise<FeedPosition | null>;
  /**
   * Writes and moves the cursor from `at` to `throughSeq`; false when the cursor moved meanwhile. `incomplete`: it
   * passes changes that were set aside (the embedded index's version is then its own, decision 324).
   */
  advance(
    owner: string,
    at: FeedPosition,
    throughSeq: number,
    docs: SupplierDocument[],
    removed: number[],
    incomplete?: boolean,
  ): Promise<boolean>;
  /** Writes without moving the cursor (a change applied on its own, a retried failure). */
  write(docs: SupplierDocument[], removed: number[]): Promise<void>;
  release(owner: string): Promise<void>;
  /** After a full rebuild: every change up to `seq` is in the index. */
  reset(seq: number): Promise<void>;
}

/** The consumer of an engine without its own cursor: Meilisearch's index (one per database of record). */
export function consumerName(engine: SearchEngine): string {
  return engine.feed ? engine.feed.consumer() : engine.name;
}

export function feedTarget(db: DB, engine: SearchEngine): FeedTarget {
  const write = async (docs: SupplierDocument[], removed: number[]) => {
    if (docs.length > 0) await engine.upsert(docs);
    if (removed.length > 0) await engine.remove(removed);
  };
  const feed = engine.feed;
  const consumer = consumerName(engine);
  const now = () => new Date().toISOString();
  const lease = () => new Date(Date.now() + FEED_CLAIM_LEASE_MS).toISOString();
  if (feed) {
    // The cursor is the index's own; the row in search_feed_cursors is a copy, and its claim spares a second
    // process loading a batch for nothing (the commit checks the index's cursor anyway).
    return {
      consumer,
      position: async () => (await feed.position()).seq,
      async claim(owner) {
        if ((await claimFeedCursor(db, consumer, owner, now(), lease())) === null) return null;
        return feed.position();
      },
      async advance(owner, at, throughSeq, docs, removed, incomplete = false) {
        const moved = await feed.commit(at, throughSeq, docs, removed, { incomplete });
        if (moved) await copyFeedCursor(db, consumer, owner, throughSeq, now());
        return moved;
      },
      write,
      release: (owner) => releaseFeedClaim(db, consumer, owner),
      async reset(seq) {
        await feed.reset(seq);
        await resetFeedCursor(db, consumer, seq, now());
      },
    };
  }
  return {
    consumer,
    position: async () => (await findFeedCursor(db, consumer))?.seq ?? 0,
    async claim(owner) {
      const seq = await claimFeedCursor(db, consumer, owner, now(), lease());
      return seq === null ? null : { seq, epoch: 0 };
    },
    async advance(owner, at, throughSeq, docs, removed) {
      // Upserts are idempotent: when the cursor moved meanwhile (a reindex reset it), writing again did no harm.
      await write(docs, removed);
      return advanceFeedCursor(db, consumer, owner, at.seq, throughSeq, now());
    },
    write,
    release: (owner) => releaseFeedClaim(db, consumer, owner),
    // Clears any claim: a batch applied to the index the rebuild replaced must not move the cursor.
    reset: (seq) => resetFeedCursor(db, consumer, seq, now()),
  };
}

export interface DrainResult {
  /** Changes read (and passed by the cursor when the batch succeeded). */
  rows: number;
  upserted: number;
  removed: number;
  /** Changes the engine refused on their own, recorded for a later retry (the feed moved past them). */
  failed?: number;
  /** The error when the batch failed after its changes were read; the cursor stayed. */
  error?: unknown;
}

export interface ApplyOptions {
  batchSize?: number;
  hints?: FailureHints;
  /** Names this process in claims (default: host, pid and a random suffix). */
  owner?: string;
}

function retryAt(attempts: number, now: number): string {
  return new Date(now + Math.min(FAILURE_RETRY_MAX_MS, FAILURE_RETRY_MS * 2 ** Math.min(attempts, 16))).toISOString();
}

/**
 * Applies the next batch of changes after the engine's cursor (nothing when another process holds the claim). An
 * error reading the batch is thrown; an error after it is counted on the cursor and returned, and after
 * FEED_MAX_BATCH_ATTEMPTS tries the batch is applied one change at a time.
 */
export async function applyFeedBatch(db: DB, engine: SearchEngine, options: ApplyOptions = {}): Promise<DrainResult> {
  const batchSize = options.batchSize ?? OUTBOX_DRAIN_ROWS;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const owner = options.owner ?? PROCESS_OWNER;
  const target = feedTarget(db, engine);
  // Reads first: an idle worker writes nothing (a claim is a write, and every process ticks every second).
  if ((await readChangesAfter(db, await target.position(), 1)).length === 0)
    return { rows: 0, upserted: 0, removed: 0 };
  const at = await target.claim(owner);
  if (!at) return { rows: 0, upserted: 0, removed: 0 };
  try {
    const changes = await readChangesAfter(db, at.seq, batchSize);
    if (changes.length === 0) return { rows: 0, upserted: 0, removed: 0 };
    const throughSeq = changes[changes.length - 1].seq;
    const ids = [...new Set(changes.map((c) => c.supplier_id))];
    let loaded: Awaited<ReturnType<typeof loadSupplierDocuments>> | undefined;
    try {
      loaded = await loadSupplierDocuments(db, ids);
      const moved = await target.advance(owner, at, throughSeq, loaded.documents, loaded.missingOrUnpublished);
      if (!moved) return { rows: 0, upserted: 0, removed: 0 };
      await deleteFeedFailures(db, target.consumer, ids);
      return { rows: changes.length, upserted: loaded.documents.length, removed: loaded.missingOrUnpublished.length };
    } catch (error) {
      const message = describeFailure(classifyFailure(error, options.hints), error);
      // A full or read-only database may refuse this write too: the worker's state still says what failed.
      const attempts = await recordFeedBatchFailure(db, target.consumer, message, new Date().toISOString()).catch(
        () => 0,
      );
      if (loaded && attempts >= FEED_MAX_BATCH_ATTEMPTS) {
        const isolated = await applyOneByOne(db, engine, target, owner, at, changes, loaded, options.hints);
        if (isolated) return isolated;
      }
      return { rows: changes.length, upserted: 0, removed: 0, error };
    }
  } finally {
    await target.release(owner).catch(() => undefined);
  }
}

/**
 * Applies each change of a refused batch on its own; records the ones still refused and moves the cursor past the
 * batch. Returns null (the cursor stays) when every change failed and the engine looks down: that is no poison
 * document but an engine or a disk that refuses everything.
 */
async function applyOneByOne(
  db: DB,
  engine: SearchEngine,
  target: FeedTarget,
  owner: string,
  at: FeedPosition,
  changes: SearchChange[],
  loaded: { documents: SupplierDocument[]; missingOrUnpublished: number[] },
  hints: FailureHints | undefined,
): Promise<DrainResult | null> {
  const lastSeq = new Map<number, number>();
  for (const change of changes) lastSeq.set(change.supplier_id, change.seq);
  const failures: { supplierId: number; error: unknown }[] = [];
  const items = [
    ...loaded.documents.map((d) => ({ id: d.id, docs: [d], removed: [] as number[] })),
    ...loaded.missingOrUnpublished.map((id) => ({ id, docs: [] as SupplierDocument[], removed: [id] })),
  ];
  for (const item of items) {
    try {
      await target.write(item.docs, item.removed);
    } catch (error) {
      failures.push({ supplierId: item.id, error });
    }
  }
  if (failures.length === items.length && (items.length > 1 || !(await engine.health().catch(() => false))))
    return null;
  const now = Date.now();
  for (const failure of failures) {
    const previous = await feedFailureAttempts(db, target.consumer, failure.supplierId);
    await recordFeedFailure(db, {
      consumer: target.consumer,
      supplierId: failure.supplierId,
      seq: lastSeq.get(failure.supplierId) ?? at.seq,
      error: describeFailure(classifyFailure(failure.error, hints), failure.error),
      now: new Date(now).toISOString(),
      nextAttemptAt: retryAt(previous, now),
    });
  }
  const throughSeq = changes[changes.length - 1].seq;
  if (!(await target.advance(owner, at, throughSeq, [], [], failures.length > 0)))
    return { rows: 0, upserted: 0, removed: 0 };
  const failed = new Set(failures.map((f) => f.supplierId));
  await deleteFeedFailures(
    db,
    target.consumer,
    items.map((i) => i.id).filter((id) => !failed.has(id)),
  );
  return {
    rows: changes.length,
    upserted: loaded.documents.filter((d) => !failed.has(d.id)).length,
    removed: loaded.missingOrUnpublished.filter((id) => !failed.has(id)).length,
    failed: failures.length,
  };
}

/** Tries again the recorded failed changes that are due; returns how many now succeeded. */
export async function retryFeedFailures(
  db: DB,
  engine: SearchEngine,
  options: { hints?: FailureHints; now?: number } = {},
): Promise<number> {
  const target = feedTarget(db, engine);
  const now = options.now ?? Date.now();
  const due = await dueFeedFailures(db, target.consumer, new Date(now).toISOString(), FAILURE_RETRY_BATCH);
  if (due.length === 0) return 0;
  const loaded = await loadSupplierDocuments(
    db,
    due.map((f) => f.supplier_id),
  );
  let succeeded = 0;
  for (const failure of due) {
    const doc = loaded.documents.find((d) => d.id === failure.supplier_id);
    try {
      await target.write(doc ? [doc] : [], doc ? [] : [failure.supplier_id]);
      await deleteFeedFailures(db, target.consumer, [failure.supplier_id]);
      succeeded++;
    } catch (error) {
      await recordFeedFailure(db, {
        consumer: target.consumer,
        supplierId: failure.supplier_id,
        seq: failure.seq,
        error: describeFailure(classifyFailure(error, options.hints), error),
        now: new Date(now).toISOString(),
        nextAttemptAt: retryAt(failure.attempts, now),
      });
    }
  }
  return succeeded;
}
