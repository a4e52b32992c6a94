import { PostgresAdapter, sql, type Kysely, type OrderByModifiers, type RawBuilder } from 'kysely';
import type { DatabaseDialect } from './connection';

// The dialect a query runs on, for the few repository queries SQLite and PostgreSQL spell differently
// (docs/decisions/310, 312). Branches on the dialect stay in db/.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database or transaction
type AnyDb = Kysely<any>;

export function dialectOf(db: AnyDb): DatabaseDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The operator of a case-insensitive LIKE: SQLite's `like` ignores the case of ASCII letters, PostgreSQL's does
 * not, its `ilike` does (of every letter).
 */
export function caseInsensitiveLike(db: AnyDb): 'like' | 'ilike' {
  return dialectOf(db) === 'postgres' ? 'ilike' : 'like';
}

/** The position of a substring (1-based, 0 when absent): SQLite's `instr(text, part)`, PostgreSQL's `strpos`. */
export function positionFunction(db: AnyDb): 'instr' | 'strpos' {
  return dialectOf(db) === 'postgres' ? 'strpos' : 'instr';
}

/**
 * `column` matches `pattern`, case-sensitive, `*` standing for any text; the caller checked the rest of the pattern
 * holds no wildcard of GLOB or LIKE. SQLite's GLOB (decision 072: it can use the binary-collated index);
 * PostgreSQL's LIKE is case-sensitive already.
 */
export function matchesGlob(db: AnyDb, column: string, pattern: string): RawBuilder<boolean> {
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} like ${pattern.replaceAll('*', '%')}`
    : sql<boolean>`${sql.ref(column)} glob ${pattern}`;
}

/**
 * Ascending with NULLs first, SQLite's order: PostgreSQL puts NULLs last unless told (a tender without a deadline
 * before the others, as SQLite has always listed it).
 */
export function ascNullsFirst(db: AnyDb): OrderByModifiers {
  return dialectOf(db) === 'postgres' ? (ob) => ob.asc().nullsFirst() : 'asc';
}
