import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { OpenedDatabase } from './connection';

// What the database of record looks like now, in one cheap read: a value that changes with every commit, by any
// connection, process or instance, and never comes back. A cache that keeps it next to what it read may serve that
// again while the value is the same (docs/decisions/307-pages-served-before-remix.md).
// - SQLite: `PRAGMA data_version` on a connection of its own that never writes. The pragma moves for commits made by
//   every other connection to the file, this process's writing connection included, and not for its own.
// - PostgreSQL: the current snapshot (`xmin:xmax:in-progress ids`), the exact description of which transactions a
//   new statement sees. It is the whole cluster's, so a write to another database only costs a miss.

export interface ChangeMark {
  /** The current mark; null when none can be given (a database in memory), which keeps nothing. */
  read(): Promise<string | null>;
  close(): void;
}

export function openChangeMark(database: OpenedDatabase): ChangeMark {
  if (database.dialect === 'postgres') {
    return {
      async read() {
        const { rows } = await sql<{ mark: string }>`select pg_current_snapshot()::text as mark`.execute(database.db);
        return `s${rows[0].mark}`;
      },
      close() {},
    };
  }
  if (database.sqlite.memory) return { read: async () => null, close() {} };
  const watcher = new SQLite(database.sqlite.name, { readonly: true, fileMustExist: true });
  const dataVersion = watcher.prepare('PRAGMA data_version').pluck();
  return {
    async read() {
      return `d${dataVersion.get() as number}`;
    },
    close() {
      if (watcher.open) watcher.close();
    },
  };
}
