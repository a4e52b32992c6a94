import type SQLite from 'better-sqlite3';
import { LAYOUT_VERSION, META } from './schema';

// The version of an embedded index (SearchEngine.version(), docs/decisions/303 and 324): the position in the
// change sequence it has applied (its feed cursor, search_meta.feed_seq), so that two indexes fed from the same
// database (several instances on one PostgreSQL, each with its own index file, decision 353) give the same version
// once they have applied the same changes, and an ETag of one is recognised by the other.
//
// That is only sound while the index's content is what the sequence made of it. search_meta.divergence says whether
// it is; any other state gives a version of this index alone (its id and generation), as before.

/** Values of search_meta.divergence. */
export const DIVERGENCE = {
  /** Built from the database by a rebuild and its cursor reset, changed since only by the sequence: shared. */
  shared: 0,
  /** Written outside the sequence (current documents: a retry, a suspension) since the last commit: local. */
  outside: 1,
  /** Not (yet) what the sequence makes it: new, dropped, rebuilt from given documents, a change set aside. */
  local: 2,
  /** Rebuilt with nothing written outside the sequence during the fill; shared once its cursor is reset. */
  rebuilt: 3,
} as const;

/** What the memory of an engine reflects, read in one statement (and in the same transaction as its rows). */
export interface IndexState {
  generation: number;
  seq: number;
  divergence: number;
  indexId: number;
}

export function readIndexState(sqlite: SQLite.Database): IndexState {
  const rows = sqlite
    .prepare(`SELECT key, value FROM ${META} WHERE key IN ('generation', 'feed_seq', 'divergence', 'index_id')`)
    .all() as { key: string; value: number }[];
  const value = (key: string, missing: number) => rows.find((r) => r.key === key)?.value ?? missing;
  return {
    generation: value('generation', 0),
    seq: value('feed_seq', 0),
    divergence: value('divergence', DIVERGENCE.local),
    indexId: value('index_id', 0),
  };
}

/**
 * The version text. Shared: `s<seq>-l<layout>` (and `-b<budget>` when the bm25 budget, which changes rankings, is
 * not the default): every index of this layout and budget at that position says the same. Local: the same
 * followed by `~<index id>.<generation>`, which no other index file gives and which moves with every write.
 */
export function formatVersion(state: IndexState, bm25Budget: number, defaultBudget: number): string {
  const shared = `s${state.seq}-l${LAYOUT_VERSION}${bm25Budget === defaultBudget ? '' : `-b${bm25Budget}`}`;
  if (state.divergence === DIVERGENCE.shared) return shared;
  return `${shared}~${state.indexId.toString(36)}.${state.generation}`;
}

function setDivergence(sqlite: SQLite.Database, value: number, where = ''): void {
  sqlite.prepare(`UPDATE ${META} SET value = ? WHERE key = 'divergence' ${where}`).run(value);
}

/**
 * A write outside the sequence (upsert/remove of current documents): local until the next commit; a rebuild in
 * progress may now get an older document than the one it read, so its result is not shared either.
 */
export function markOutsideWrite(sqlite: SQLite.Database): void {
  setDivergence(sqlite, DIVERGENCE.outside, `AND value = ${DIVERGENCE.shared}`);
  setDivergence(sqlite, DIVERGENCE.local, `AND value = ${DIVERGENCE.rebuilt}`);
  sqlite.prepare(`UPDATE ${META} SET value = 0 WHERE key = 'fill_clean'`).run();
}

/**
 * A commit of the sequence moves the cursor, so the version moves without the local part: documents written outside
 * the sequence were current ones, newer than the cursor, which the sequence's content allows (decision 324). A commit
 * that passed a change it could not apply (set aside, decision 322) is local until a rebuild.
 */
export function markCommit(sqlite: SQLite.Database, incomplete: boolean): void {
  if (incomplete) setDivergence(sqlite, DIVERGENCE.local);
  else setDivergence(sqlite, DIVERGENCE.shared, `AND value = ${DIVERGENCE.outside}`);
}

/** A rebuild starts filling the `_next` tables. */
export function markFillStart(sqlite: SQLite.Database): void {
  sqlite.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('fill_clean', 1)`).run();
}

/** The `_next` tables are swapped in: rebuilt, or local when something was written outside the sequence meanwhile. */
export function markSwap(sqlite: SQLite.Database): void {
  const clean = sqlite.prepare(`SELECT value FROM ${META} WHERE key = 'fill_clean'`).pluck().get() === 1;
  setDivergence(sqlite, clean ? DIVERGENCE.rebuilt : DIVERGENCE.local);
}

/** The cursor is set after a rebuild from the database: shared if that rebuild was clean, local otherwise. */
export function markReset(sqlite: SQLite.Database): void {
  const now = sqlite.prepare(`SELECT value FROM ${META} WHERE key = 'divergence'`).pluck().get();
  setDivergence(sqlite, now === DIVERGENCE.rebuilt ? DIVERGENCE.shared : DIVERGENCE.local);
}

/** The index was created, or dropped for another layout: local until it is rebuilt from the database. */
export function markNew(sqlite: SQLite.Database): void {
  sqlite.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('divergence', ?)`).run(DIVERGENCE.local);
}
