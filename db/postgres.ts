import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { OpenedPostgresDatabase } from './connection';
import type { Database } from './schema';

// PostgreSQL as the database of record (DATABASE_URL, docs/decisions/310): Kysely's PostgresDialect on a `pg`
// pool. Everything here is about making PostgreSQL answer like the SQLite file the code was written against.

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const BOOL_OID = 16;

/**
 * SQLite answers integers, sums and averages as JS numbers and has no booleans (a comparison is 0 or 1); `pg`
 * answers int8 (every `count(*)`, the bigint columns of docs/decisions/311) and numeric (`sum`, `avg`) as strings
 * and booleans as true/false. These parsers give the numbers and 0/1 the repositories expect. Integers beyond
 * 2^53 do not occur here (ids, counts, cents).
 */
const sqliteLikeTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary') {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
      if (oid === BOOL_OID) return (value: string) => (value === 't' ? 1 : 0);
    }
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/** `postgres://host:port/name` without the credentials, for messages and logs. */
export function postgresLocation(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}:${u.port || '5432'}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'postgres://?';
  }
}

/**
 * The server could not be reached or refused the connection (ECONNREFUSED, ENOTFOUND, a wrong password 28P01,
 * a database that does not exist 3D000…). Its `code` is the original one, its `path` the location without the
 * credentials; app/domain/failure.ts recognises it by its name (docs/decisions/080, 310).
 */
export class DatabaseConnectionError extends Error {
  readonly code: string | undefined;
  readonly path: string;

  constructor(location: string, cause: unknown) {
    const original = cause as { code?: unknown; message?: unknown };
    super(`Cannot connect to the database ${location}: ${String(original?.message ?? cause)}`, { cause });
    this.name = 'DatabaseConnectionError';
    this.code = typeof original?.code === 'string' ? original.code : undefined;
    this.path = location;
  }
}

export interface PostgresOptions {
  /** Connections in the pool (pg's default is 10). */
  max?: number;
  /** Awaited once before the first connection (the tests create their database there). */
  prepare?: () => Promise<void>;
}

/** Opens a pool on this PostgreSQL database (nothing connects until the first query). */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): OpenedPostgresDatabase {
  const location = postgresLocation(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: sqliteLikeTypes,
    application_name: 'maillage',
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server drops (a restart) must not crash the process; the next query reconnects.
  pool.on('error', (error) =>
    console.error(JSON.stringify({ level: 'error', source: 'postgres', location, message: error.message })),
  );
  let prepared: Promise<void> | undefined;
  const connecting: PostgresPool = {
    async connect() {
      if (options.prepare) await (prepared ??= options.prepare());
      try {
        return await pool.connect();
      } catch (error) {
        throw new DatabaseConnectionError(location, error);
      }
    },
    end: () => pool.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: connecting }) });
  let closed = false;
  return {
    dialect: 'postgres',
    db,
    location,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely ends the pool only if it ever ran a query.
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}
