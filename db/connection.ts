import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import type { Database } from './schema';

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Repository functions take either the database or a transaction first. */
export type Executor = DB | Tx;

/** The two databases of record (docs/decisions/310): a SQLite file (the default) or a PostgreSQL server. */
export type DatabaseDialect = 'sqlite' | 'postgres';

interface OpenedDatabaseBase {
  db: DB;
  close(): Promise<void>;
}

export interface OpenedSqliteDatabase extends OpenedDatabaseBase {
  dialect: 'sqlite';
  /** The raw better-sqlite3 handle, for FTS5 and bulk paths that Kysely cannot express. SQLite only. */
  sqlite: SQLite.Database;
}

export interface OpenedPostgresDatabase extends OpenedDatabaseBase {
  dialect: 'postgres';
  /** Where the database is, for messages: `postgres://host:port/name`, never the credentials. */
  location: string;
}

/** An open database of record. Only SQLite has a raw handle: check `dialect` before reaching for it. */
export type OpenedDatabase = OpenedSqliteDatabase | OpenedPostgresDatabase;

const STATEMENT_CACHE_SIZE = 512;

/**
 * Kysely's SQLite driver prepares every statement again at each execution; preparing costs as much as running a
 * small insert. This hands Kysely the same better-sqlite3 handle with prepared statements cached by SQL text
 * (least recently used out first). A statement still iterating (a streamed query) is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement && !statement.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, statement);
        return statement;
      }
      statement = sqlite.prepare(sqlText);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

/** Whether the database answers a query (the health check). */
export async function pingDatabase(db: DB): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}

/**
 * When a statement fails with SQLITE_FULL, SQLITE_IOERR and a few others, SQLite rolls the whole transaction
 * back by itself; Kysely then sends `rollback`, which fails with "cannot rollback - no transaction is active"
 * and replaces the real error. This driver skips a rollback that SQLite already did, so the caller sees
 * SQLITE_FULL (docs/decisions/080-failure-causes-and-exit-codes.md).
 */
class SqliteDialectKeepingErrors extends SqliteDialect {
  private readonly database: SqliteDatabase;

  constructor(private readonly handle: SQLite.Database) {
    const database = withStatementCache(handle);
    super({ database });
    this.database = database;
  }

  override createDriver(): Driver {
    const handle = this.handle;
    return new (class extends SqliteDriver {
      // Several processes write one file (npm start with WEB_CONCURRENCY > 1): a transaction begun deferred that
      // reads, then writes after another process committed, fails at once with SQLITE_BUSY_SNAPSHOT, which no
      // busy timeout retries. Taking the write lock at `begin` makes it wait its turn instead
      // (docs/decisions/333-immediate-write-transactions.md). A read-only handle cannot take it: it only reads.
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw(handle.readonly ? 'begin' : 'begin immediate'));
      }

      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (!handle.open || !handle.inTransaction) return;
        await super.rollbackTransaction(connection);
      }
    })({ database: this.database });
  }
}

/** The error a file system gives for writing in `target` (EROFS, EACCES…), or undefined when it can write. */
function writeProblem(target: string): NodeJS.ErrnoException | undefined {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return e.code === 'ENOENT' ? undefined : e;
  }
}

/** The closest ancestor directory of `file` that exists (the one a new directory would be created in). */
function nearestExistingDirectory(file: string): string {
  let dir = path.dirname(file);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * An error opening the database, with its real cause: SQLite says only SQLITE_CANTOPEN when a WAL database
 * sits on a read-only file system, so the file and its directory are probed and the probe's code (EROFS,
 * EACCES) and path come first; the original error is the cause.
 */
export class DatabaseOpenError extends Error {
  readonly code: string | undefined;
  readonly path: string;

  constructor(file: string, cause: unknown) {
    const resolved = path.resolve(file);
    const probe = writeProblem(resolved) ?? writeProblem(nearestExistingDirectory(resolved));
    const original = cause as { code?: unknown; message?: unknown };
    super(`Cannot open the database ${resolved}: ${String(original?.message ?? cause)}`, { cause });
    this.name = 'DatabaseOpenError';
    this.code = probe?.code ?? (typeof original?.code === 'string' ? original.code : undefined);
    this.path = probe?.path ?? resolved;
  }
}

function openHandle(file: string, readonly: boolean): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file, { readonly });
  try {
    sqlite.pragma('busy_timeout = 5000');
    if (!readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('cache_size = -64000');
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/**
 * Opens (creating if needed) the SQLite file with WAL, foreign keys and a busy timeout. Throws a
 * DatabaseOpenError naming the path and the real cause (read-only file system, no permission…).
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): OpenedSqliteDatabase {
  let sqlite: SQLite.Database;
  try {
    sqlite = openHandle(file, options.readonly ?? false);
  } catch (error) {
    throw new DatabaseOpenError(file, error);
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialectKeepingErrors(sqlite),
  });
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    async close() {
      await db.destroy();
      // Kysely only closes the handle if it ever ran a query.
      if (sqlite.open) sqlite.close();
    },
  };
}
