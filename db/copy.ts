import { sql, type Kysely } from 'kysely';
import { COPY_INSERT_PARAMETERS } from './batch';
import type { OpenedPostgresDatabase, OpenedSqliteDatabase } from './connection';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';
import { REFERENCE_TABLES } from './reference/index';

// Copies a grown site's SQLite database into an empty PostgreSQL database (`npm run db:copy`,
// docs/decisions/316): the same migrations on both sides, every table of the database of record in dependency
// order, in multi-row INSERTs, in one PostgreSQL transaction, from one SQLite read transaction (a consistent state
// while the site keeps running on the file). Identity sequences are moved past the copied ids and every table's
// row count is compared before the commit. The embedded search index (search_docs, search_fts…, kept in the SQLite
// file) is not copied: it is derived data that each instance builds or follows on its own.
// Table and column names come from the databases' catalogs, never from a person.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of either database, named by the catalogs
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** Kysely's bookkeeping: migrated, not copied. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Why a copy was refused before anything was written; the script says it in French. */
export type CopyRefusal =
  | { kind: 'source-not-migrated' }
  | { kind: 'source-level'; source: string[]; code: string[] }
  | { kind: 'target-level'; target: string[]; code: string[] }
  | { kind: 'target-foreign-tables'; tables: string[] }
  | { kind: 'target-not-empty'; tables: { table: string; rows: number }[] }
  | { kind: 'schema-mismatch'; table: string; missing: string[]; extra: string[] };

export class CopyRefusedError extends Error {
  constructor(readonly refusal: CopyRefusal) {
    super(`Copy refused: ${refusal.kind}`);
    this.name = 'CopyRefusedError';
  }
}

export interface CopyProgress {
  table: string;
  /** Rows of this table copied so far, of `tableRows`. */
  copied: number;
  tableRows: number;
  /** Rows of every table copied so far, of `totalRows`. */
  done: number;
  totalRows: number;
}

export interface CopyReport {
  /** Every copied table in the order it was copied, with its row count (the same on both sides). */
  tables: { table: string; rows: number }[];
  rows: number;
  /** Source tables left behind: the embedded search index (SQLite's own tables are not listed). */
  skipped: string[];
  /** The migrations this run applied to the target before the copy. */
  migrated: string[];
  /** Identity sequences moved past the copied ids. */
  sequences: number;
  /** The foreign keys no table order satisfies (a cycle), checked once after the rows were in. */
  deferred: string[];
}

const CODE_MIGRATIONS = Object.keys(migrations).sort();

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function sqliteTables(db: AnyDb): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return new Set(rows.map((r) => r.name));
}

async function postgresTables(db: AnyDb): Promise<Set<string>> {
  const { rows } = await sql<{
    name: string;
  }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  return new Set(rows.map((r) => r.name));
}

async function migrationNames(db: AnyDb): Promise<string[]> {
  const rows = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((r) => String(r.name));
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function hasRows(db: AnyDb, table: string): Promise<boolean> {
  return (
    (
      await db
        .selectFrom(table)
        .select(sql`1`.as('one'))
        .limit(1)
        .execute()
    ).length > 0
  );
}

/** The tables other than the reference ones and Kysely's that hold rows, with their counts. */
async function nonEmptyTables(db: AnyDb, tables: Iterable<string>): Promise<{ table: string; rows: number }[]> {
  const found = [];
  for (const table of [...tables].sort()) {
    if (MIGRATION_TABLES.has(table) || REFERENCE_TABLES.has(table)) continue;
    if (await hasRows(db, table)) found.push({ table, rows: await countRows(db, table) });
  }
  return found;
}

export interface ForeignKey {
  child: string;
  parent: string;
  constraint: string;
}

/**
 * Parents before children: Kahn's order over the foreign keys, ties by name. A cycle (suppliers → their logo in
 * stored_files → its organisation → its supplier) or a self-reference cannot be ordered: when no table is ready,
 * one cycle is found by walking up unplaced parents, and the key from its first table by name to its parent in the
 * cycle is set aside in `deferred`, to be checked at the end of the copy instead of at each row.
 */
export function dependencyOrder(
  tables: readonly string[],
  keys: readonly ForeignKey[],
): { order: string[]; deferred: ForeignKey[] } {
  const known = new Set(tables);
  const deferred = keys.filter((k) => k.child === k.parent && known.has(k.child));
  let active = keys.filter((k) => k.child !== k.parent && known.has(k.child) && known.has(k.parent));
  const order: string[] = [];
  const placed = new Set<string>();
  const parentsOf = (t: string) =>
    active
      .filter((k) => k.child === t && !placed.has(k.parent))
      .map((k) => k.parent)
      .sort();
  while (order.length < tables.length) {
    const remaining = tables.filter((t) => !placed.has(t)).sort();
    const ready = remaining.filter((t) => parentsOf(t).length === 0);
    if (ready.length === 0) {
      // Every remaining table waits for another: walking up first parents must come back to a table seen.
      const path = [remaining[0]];
      while (!path.slice(0, -1).includes(path[path.length - 1])) path.push(parentsOf(path[path.length - 1])[0]);
      const cycle = path.slice(path.indexOf(path[path.length - 1]), -1);
      const child = [...cycle].sort()[0];
      const parent = cycle[(cycle.indexOf(child) + 1) % cycle.length];
      const broken = active.filter((k) => k.child === child && k.parent === parent);
      deferred.push(...broken);
      active = active.filter((k) => !broken.includes(k));
      continue;
    }
    for (const t of ready) {
      order.push(t);
      placed.add(t);
    }
  }
  return { order, deferred };
}

async function postgresForeignKeys(db: AnyDb): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select child.relname as child, parent.relname as parent, c.conname as constraint
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where c.contype = 'f' and n.nspname = current_schema()
    order by c.conname`.execute(db);
  return rows;
}

async function postgresColumns(db: AnyDb): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const columns = new Map<string, string[]>();
  for (const r of rows) columns.set(r.table_name, [...(columns.get(r.table_name) ?? []), r.column_name]);
  return columns;
}

async function sqliteColumns(db: AnyDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

/** The identity (or serial) columns of the target and their sequences. */
async function postgresSequences(db: AnyDb): Promise<{ table: string; column: string; sequence: string }[]> {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    select table_name as "table", column_name as "column", sequence from (
      select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
      from information_schema.columns where table_schema = current_schema()
    ) s where sequence is not null`.execute(db);
  return rows;
}

/** AUTOINCREMENT's high-water marks: ids SQLite will never hand out again, even if their rows were deleted. */
async function sqliteSequences(db: AnyDb, tables: Set<string>): Promise<Map<string, number>> {
  if (!tables.has('sqlite_sequence')) return new Map();
  const rows = await db.selectFrom('sqlite_sequence').select(['name', 'seq']).execute();
  return new Map(rows.map((r) => [String(r.name), Number(r.seq)]));
}

/** Refuses a source that is not at the code's migration level (it is read-only here: it is never migrated). */
async function checkSource(source: AnyDb, tables: Set<string>): Promise<void> {
  if (!tables.has('kysely_migration')) throw new CopyRefusedError({ kind: 'source-not-migrated' });
  const level = await migrationNames(source);
  if (!sameList(level, CODE_MIGRATIONS))
    throw new CopyRefusedError({ kind: 'source-level', source: level, code: CODE_MIGRATIONS });
}

/**
 * Before the target is migrated: it holds no table of anything else, no migration the code does not know, and no
 * row outside the reference tables.
 */
async function checkTargetBeforeMigrating(target: AnyDb): Promise<void> {
  const tables = await postgresTables(target);
  if (!tables.has('kysely_migration')) {
    if (tables.size > 0) throw new CopyRefusedError({ kind: 'target-foreign-tables', tables: [...tables].sort() });
    return;
  }
  const level = await migrationNames(target);
  if (!sameList(level, CODE_MIGRATIONS.slice(0, level.length)))
    throw new CopyRefusedError({ kind: 'target-level', target: level, code: CODE_MIGRATIONS });
  const filled = await nonEmptyTables(target, tables);
  if (filled.length > 0) throw new CopyRefusedError({ kind: 'target-not-empty', tables: filled });
}

async function insertRows(trx: AnyDb, table: string, rows: Row[]): Promise<void> {
  try {
    await trx.insertInto(table).values(rows).execute();
  } catch (error) {
    // Keep the driver's code (SQLSTATE) on the error the script classifies; name the table for the person.
    throw Object.assign(new Error(`Copy of table ${table} failed: ${(error as Error).message}`, { cause: error }), {
      code: (error as { code?: unknown }).code,
    });
  }
}

/**
 * Copies every table of the migrated SQLite database `source` (opened read-only) into the PostgreSQL database
 * `target`, which is migrated first and must be empty (reference tables aside). All or nothing: a failure or a
 * count that differs rolls the PostgreSQL transaction back.
 */
export async function copySqliteToPostgres(
  source: OpenedSqliteDatabase,
  target: OpenedPostgresDatabase,
  options: { onProgress?: (progress: CopyProgress) => void } = {},
): Promise<CopyReport> {
  if (!source.sqlite.readonly)
    throw new Error('The source must be opened read-only: a write transaction would stop the site writing');
  const sourceTables = await sqliteTables(source.db);
  await checkSource(source.db, sourceTables);
  await checkTargetBeforeMigrating(target.db);
  const migrated = ((await migrateToLatest(target.db)).results ?? [])
    .filter((r) => r.status === 'Success')
    .map((r) => r.migrationName);

  const targetColumns = await postgresColumns(target.db);
  const tables = [...(await postgresTables(target.db))].filter((t) => !MIGRATION_TABLES.has(t));
  const { order, deferred } = dependencyOrder(tables, await postgresForeignKeys(target.db));
  for (const table of order) {
    const wanted = targetColumns.get(table) ?? [];
    const present = sourceTables.has(table) ? await sqliteColumns(source.db, table) : [];
    const missing = wanted.filter((c) => !present.includes(c));
    const extra = present.filter((c) => !wanted.includes(c));
    if (missing.length > 0 || extra.length > 0)
      throw new CopyRefusedError({ kind: 'schema-mismatch', table, missing, extra });
  }
  const copied = new Set([...order, ...MIGRATION_TABLES]);
  const skipped = [...sourceTables].filter((t) => !copied.has(t) && !t.startsWith('sqlite_')).sort();
  const sequences = await postgresSequences(target.db);

  // One read transaction on the file (a read-only handle begins deferred: no write lock, the site keeps writing),
  // one write transaction on PostgreSQL.
  const untyped = (database: OpenedSqliteDatabase | OpenedPostgresDatabase) => database.db as unknown as AnyDb;
  return untyped(source)
    .transaction()
    .execute(async (from) => {
      const counts = new Map<string, number>();
      for (const table of order) counts.set(table, await countRows(from, table));
      const highWater = await sqliteSequences(from, sourceTables);
      const totalRows = [...counts.values()].reduce((a, b) => a + b, 0);

      return untyped(target)
        .transaction()
        .execute(async (to) => {
          // Checked again inside the transaction: nothing wrote meanwhile.
          const filled = await nonEmptyTables(to, order);
          if (filled.length > 0) throw new CopyRefusedError({ kind: 'target-not-empty', tables: filled });
          // Reference rows loaded by `npm run migrate` give way to the source's (nothing else references them yet).
          for (const table of [...order].reverse())
            if (REFERENCE_TABLES.has(table)) await to.deleteFrom(table).execute();

          // The keys no order satisfies are checked once, after the copy, inside this transaction: made deferrable
          // here and made immediate again before the commit, so the schema is the migrations' own afterwards.
          for (const key of deferred)
            await sql`alter table ${sql.table(key.child)} alter constraint ${sql.id(key.constraint)} deferrable initially deferred`.execute(
              to,
            );

          let done = 0;
          for (const table of order) {
            const columns = targetColumns.get(table)!;
            const batchRows = Math.max(1, Math.floor(COPY_INSERT_PARAMETERS / columns.length));
            const tableRows = counts.get(table)!;
            let copiedRows = 0;
            let batch: Row[] = [];
            const flush = async () => {
              await insertRows(to, table, batch);
              copiedRows += batch.length;
              done += batch.length;
              batch = [];
              options.onProgress?.({ table, copied: copiedRows, tableRows, done, totalRows });
            };
            // rowid order: the file's own order, and for an INTEGER PRIMARY KEY the id itself.
            const rows = from
              .selectFrom(table)
              .select(columns)
              .orderBy(sql`rowid`)
              .stream();
            for await (const row of rows) {
              batch.push(row as Row);
              if (batch.length >= batchRows) await flush();
            }
            if (batch.length > 0) await flush();
            if (tableRows === 0) options.onProgress?.({ table, copied: 0, tableRows, done, totalRows });
          }

          if (deferred.length > 0) {
            await sql`set constraints all immediate`.execute(to);
            for (const key of deferred)
              await sql`alter table ${sql.table(key.child)} alter constraint ${sql.id(key.constraint)} not deferrable`.execute(
                to,
              );
          }

          // The next generated id follows the highest copied one (or SQLite's AUTOINCREMENT mark, if higher).
          for (const { table, column, sequence } of sequences) {
            const max = await to
              .selectFrom(table)
              .select((eb) => eb.fn.max(column).as('max'))
              .executeTakeFirst();
            const next = Math.max(Number(max?.max ?? 0), highWater.get(table) ?? 0) + 1;
            await sql`select setval(${sequence}::regclass, ${next}, false)`.execute(to);
          }

          const report: CopyReport = {
            tables: [],
            rows: 0,
            skipped,
            migrated,
            sequences: sequences.length,
            deferred: deferred.map((k) => k.constraint),
          };
          for (const table of order) {
            const rows = await countRows(to, table);
            if (rows !== counts.get(table))
              throw new Error(
                `Row count differs after the copy of ${table}: ${counts.get(table)} in SQLite, ${rows} here`,
              );
            report.tables.push({ table, rows });
            report.rows += rows;
          }
          return report;
        });
    });
}

/** Fresh planner statistics for the copied tables (the copy wrote every row at once). */
export async function analyzeAfterCopy(target: OpenedPostgresDatabase): Promise<void> {
  await sql`analyze`.execute(target.db);
}
