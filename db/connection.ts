import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type { Database } from './schema';

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Repository functions take either the database or a transaction first. */
export type Executor = DB | Tx;

export interface OpenedDatabase {
  db: DB;
  /** The raw better-sqlite3 handle, for FTS5 and bulk paths that Kysely cannot express. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

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

/** Opens (creating if needed) the SQLite file with WAL, foreign keys and a busy timeout. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): OpenedDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false });
  sqlite.pragma('busy_timeout = 5000');
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -64000');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    sqlite,
    async close() {
      await db.destroy();
      // Kysely only closes the handle if it ever ran a query.
      if (sqlite.open) sqlite.close();
    },
  };
}
