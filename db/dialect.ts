import { PostgresAdapter, type Kysely } from 'kysely';
import type { DatabaseDialect } from './connection';

// The dialect a query runs on, for the few repository queries SQLite and PostgreSQL spell differently
// (docs/decisions/310, 312). Branches on the dialect stay in db/.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database or transaction
export function dialectOf(db: Kysely<any>): DatabaseDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
