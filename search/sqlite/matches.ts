import type SQLite from 'better-sqlite3';
import { BM25_WEIGHTS, LIVE } from './schema';

// The FTS5 queries of a search (the ids matching an expression, the same in bm25 order) and the cache of
// their results per expression (docs/decisions/013).

/** Prepared statements by SQL, prepared on first use (the tables exist only after init()). */
export class Statements {
  private readonly prepared = new Map<string, SQLite.Statement>();

  constructor(private readonly sqlite: SQLite.Database) {}

  get(sql: string): SQLite.Statement {
    let s = this.prepared.get(sql);
    if (!s) {
      s = this.sqlite.prepare(sql);
      this.prepared.set(sql, s);
    }
    return s;
  }

  /** Forgets every statement (after the tables were dropped or renamed). */
  clear(): void {
    this.prepared.clear();
  }
}

/** Parses SQLite's group_concat of integer ids ("1,5,9") without building intermediate strings. */
export function parseIds(list: string | null | undefined): Int32Array {
  if (!list) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) count++;
  const out = new Int32Array(count);
  let n = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      out[n++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (c === 45) {
      negative = true;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  out[n++] = negative ? -value : value;
  return out;
}

/** The two FTS5 queries of the live index, by expression. */
export interface FtsMatcher {
  /** Ids matching the expression, ascending. */
  matchIds(expression: string): Int32Array;
  /** The same ids in bm25 order (best first). */
  bm25Order(expression: string): Int32Array;
}

const MATCH_SQL = `SELECT group_concat(rowid) FROM ${LIVE.fts} WHERE ${LIVE.fts} MATCH ?`;
const BM25_SQL = `WITH ranked AS MATERIALIZED (
    SELECT rowid AS id, bm25(${LIVE.fts}, ${BM25_WEIGHTS}) AS score FROM ${LIVE.fts} WHERE ${LIVE.fts} MATCH ?
  )
  SELECT group_concat(id, ',' ORDER BY score, id) FROM ranked`;

export function createFtsMatcher(statements: Statements): FtsMatcher {
  const idList = (sql: string, expression: string) =>
    parseIds(statements.get(sql).pluck().get(expression) as string | null);
  return {
    matchIds: (expression) => idList(MATCH_SQL, expression),
    bm25Order: (expression) => idList(BM25_SQL, expression),
  };
}

/** What is cached per expression: its matches, and their ranking once a search needed it. */
export interface MatchEntry<R> {
  matches: Int32Array;
  ranking?: R;
}

/** An LRU of expressions and their matches, cleared whenever the index changes. */
export class MatchCache<R> {
  private readonly entries = new Map<string, MatchEntry<R>>();

  constructor(private readonly size: number) {}

  /** The entry of an expression, from the cache (`hit`) or from `load`. */
  get(expression: string, load: (expression: string) => Int32Array): { entry: MatchEntry<R>; hit: boolean } {
    const entry = this.entries.get(expression);
    if (entry) {
      this.entries.delete(expression);
      this.entries.set(expression, entry);
      return { entry, hit: true };
    }
    const fresh: MatchEntry<R> = { matches: load(expression) };
    this.entries.set(expression, fresh);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
    return { entry: fresh, hit: false };
  }

  clear(): void {
    this.entries.clear();
  }
}
