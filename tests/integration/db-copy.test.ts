import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { dependencyOrder } from '../../db/copy';
import { migrateToLatest } from '../../db/migrate';
import { openPostgresDatabase } from '../../db/postgres';
import { insertOrganisation } from '../../db/repositories/organisations';
import { insertStoredFile } from '../../db/repositories/stored-files';
import { insertUser } from '../../db/repositories/users';
import { seedDemoData } from '../../db/seed/index';
import { main } from '../../scripts/db-copy';
import type { ScriptIo } from '../../scripts/lib/cli';
import { createSqliteTestDatabase, createTestDatabase, testsOnPostgres } from '../support/db';
import { TMP_DIR } from '../support/paths';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName, postgresTestUrl } from '../support/postgres';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// `npm run db:copy` (docs/decisions/316): a seeded SQLite database copied into PostgreSQL, then used there; and
// every refusal, with nothing written on either side.

const dir = path.join(TMP_DIR, `db-copy-${process.pid}-${crypto.randomUUID()}`);
fs.mkdirSync(dir, { recursive: true });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture(): ScriptIo & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), text: () => lines.join('\n') };
}

async function copy(args: string[], env: { DATABASE_URL?: string } = {}) {
  vi.stubEnv('DATABASE_URL', env.DATABASE_URL ?? '');
  const io = capture();
  try {
    return { code: await main(args, io), output: io.text() };
  } finally {
    vi.unstubAllEnvs();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, named by the catalog
type AnyDb = Kysely<any>;

async function counts(db: DB, tables: string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const row = await (db as unknown as AnyDb)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

async function postgresTableNames(db: DB): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(db);
  return rows.map((r) => r.name).filter((t) => !t.startsWith('kysely_'));
}

const source = createSqliteTestDatabase();
const NOW = '2026-12-02T04:00:00.000Z';

/** The source: demo suppliers, a supplier whose logo belongs to its organisation (a cycle of keys), users. */
async function fillSource() {
  await seedDemoData(source, { suppliers: 40, seed: 11 });
  const { id: supplierId } = await writeSupplier(source.db, supplierInput({ name: 'Ressourcerie du Transfert' }));
  const organisationId = await insertOrganisation(source.db, {
    kind: 'supplier',
    name: 'Ressourcerie du Transfert',
    supplierId,
    siret: null,
    buyerType: null,
    buyerSize: null,
    now: NOW,
  });
  const userId = await insertUser(source.db, { email: 'copie@example.fr', passwordHash: 'x', now: NOW });
  await insertStoredFile(source.db, {
    id: 'a'.repeat(32),
    purpose: 'logo',
    content_type: 'image/png',
    byte_size: 10,
    sha256: 'b'.repeat(64),
    original_name: 'logo.png',
    organisation_id: organisationId,
    uploaded_by_user_id: userId,
    created_at: NOW,
  });
  await source.db
    .updateTable('suppliers')
    .set({ logo_file_id: 'a'.repeat(32) })
    .where('id', '=', supplierId)
    .execute();
  // A deleted user: AUTOINCREMENT never gives its id again, nor must PostgreSQL after the copy.
  const gone = await insertUser(source.db, { email: 'parti@example.fr', passwordHash: 'x', now: NOW });
  await source.db.deleteFrom('users').where('id', '=', gone).execute();
  return { supplierId, userId, gone };
}

const filled = await fillSource();
const sourceStat = () => {
  const s = fs.statSync(source.file);
  return { size: s.size, mtime: s.mtimeMs };
};

describe('dependencyOrder', () => {
  it('puts parents first, ties by name, and sets aside one key per cycle and every self-reference', () => {
    const key = (child: string, parent: string) => ({ child, parent, constraint: `${child}_${parent}_fkey` });
    expect(dependencyOrder(['c', 'b', 'a'], [key('c', 'b'), key('b', 'a')])).toEqual({
      order: ['a', 'b', 'c'],
      deferred: [],
    });
    const { order, deferred } = dependencyOrder(
      ['suppliers', 'stored_files', 'organisations', 'users', 'offers'],
      [
        key('suppliers', 'stored_files'),
        key('stored_files', 'organisations'),
        key('stored_files', 'users'),
        key('organisations', 'suppliers'),
        key('offers', 'suppliers'),
        key('users', 'users'),
      ],
    );
    expect(deferred.map((k) => k.constraint)).toEqual(['users_users_fkey', 'organisations_suppliers_fkey']);
    expect(order).toEqual(['users', 'organisations', 'stored_files', 'suppliers', 'offers']);
  });
});

describe('npm run db:copy refuses, and writes nothing', () => {
  // Never reached: each refusal comes before the first query to PostgreSQL (else the exit code would be 19).
  const unreachable = 'postgres://maillage:secret@127.0.0.1:1/nulle_part';

  it('refuses bad arguments with a French message (exit 2)', async () => {
    const notSqlite = path.join(dir, 'pas-une-base.db');
    fs.writeFileSync(notSqlite, 'ceci n’est pas une base SQLite, mais un texte assez long pour en avoir l’air.');
    const cases: [string[], string][] = [
      [[], 'Indiquez la base SQLite à copier : --from FICHIER.db.'],
      [['--from', source.file], 'Indiquez la base PostgreSQL qui reçoit la copie'],
      [['--from', source.file, '--to', 'mysql://root@localhost/maillage'], '--to attend une adresse PostgreSQL'],
      [['--from', path.join(dir, 'absente.db'), '--to', unreachable], 'n’existe pas (--from)'],
      [['--from', source.file, '--vers', unreachable], 'option inconnue « --vers »'],
    ];
    for (const [args, message] of cases) {
      const { code, output } = await copy(args);
      expect(output, args.join(' ')).toContain(message);
      expect(code, args.join(' ')).toBe(2);
    }
    const damaged = await copy(['--from', notSqlite, '--to', unreachable]);
    expect(damaged.output).toContain(`n'est pas une base SQLite (${notSqlite})`);
    expect(damaged.code).toBe(14);
    expect(fs.existsSync(path.join(dir, 'absente.db'))).toBe(false);
  });

  it('refuses a file that is not a migrated Maillage database, or at another migration level', async () => {
    const blank = path.join(dir, 'vide.db');
    const older = path.join(dir, 'ancienne.db');
    const opened = [openDatabase(blank), openDatabase(older)];
    await migrateToLatest(opened[1].db, '2026-12-01-006-bids-and-groupements');
    await sql`create table autre (x integer)`.execute(opened[0].db);
    for (const database of opened) await database.close();

    const notMaillage = await copy(['--from', blank, '--to', unreachable]);
    expect(notMaillage.output).toContain('n’est pas une base Maillage migrée');
    expect(notMaillage.code).toBe(2);

    const before = fs.statSync(older).mtimeMs;
    const behind = await copy(['--from', older], { DATABASE_URL: unreachable });
    expect(behind.output).toContain('il lui manque : 2026-12-02-007-search-changes');
    expect(behind.output).toContain(`migrez-la d’abord (DATABASE_PATH=${older} npm run migrate`);
    expect(behind.output).toContain('rien n’a été écrit');
    expect(behind.code).toBe(2);
    // Read-only: the older file was not migrated by the attempt.
    expect(fs.statSync(older).mtimeMs).toBe(before);
  });
});

const adminUrl = postgresTestUrl();
const skipReason = testsOnPostgres() ? undefined : 'TEST_DATABASE_URL non défini';
if (skipReason) console.info(`db-copy.test.ts : copie vers PostgreSQL ignorée : ${skipReason}`);
// A target already prepared by `npm run migrate` (the run's template: migrations and reference data).
const prepared = skipReason ? undefined : createTestDatabase();

describe.skipIf(skipReason !== undefined)('npm run db:copy into PostgreSQL', () => {
  it('copies every table into a database holding only the reference data, and the site goes on from there', async () => {
    if (!prepared || prepared.dialect !== 'postgres') throw new Error('expected a PostgreSQL test database');
    expect((await counts(prepared.db, ['communes', 'suppliers'])).suppliers).toBe(0); // creates it, too
    const before = sourceStat();
    const result = await copy(['--from', source.file, '--to', prepared.url]);
    expect(result.output).toMatch(/\d+ lignes copiées dans \d+ tables .* comptes vérifiés table par table/);
    expect(result.output).toContain('Non copié : l’index de recherche intégré');
    expect(result.code).toBe(0);
    expect(sourceStat()).toEqual(before);

    const tables = await postgresTableNames(prepared.db);
    expect(tables).toContain('suppliers');
    const copied = await counts(prepared.db, tables);
    expect(copied).toEqual(await counts(source.db, tables));
    expect(copied.suppliers).toBe(41);
    expect(copied.supplier_offers).toBeGreaterThan(41);

    // A supplier read by id is the same row on both sides (numbers, 0/1 flags, texts, its logo of the cycle).
    const row = (db: DB) =>
      db.selectFrom('suppliers').selectAll().where('id', '=', filled.supplierId).executeTakeFirst();
    expect(await row(prepared.db)).toEqual(await row(source.db));
    expect((await row(prepared.db))?.logo_file_id).toBe('a'.repeat(32));
    const offers = (db: DB) => db.selectFrom('supplier_offers').selectAll().orderBy('id').execute();
    expect(await offers(prepared.db)).toEqual(await offers(source.db));

    // The key set aside for the cycle is an ordinary, immediate key again.
    const { rows } = await sql<{ deferrable: number }>`
      select condeferrable as deferrable from pg_constraint where conname = 'organisations_supplier_id_fkey'`.execute(
      prepared.db,
    );
    expect(rows).toEqual([{ deferrable: 0 }]);

    // New rows get fresh ids: past the copied ones, and past the deleted user's (AUTOINCREMENT's mark).
    const { id: next } = await writeSupplier(prepared.db, supplierInput({ name: 'Atelier Après la Copie' }));
    const maxCopied = await source.db
      .selectFrom('suppliers')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    expect(next).toBe(Number(maxCopied.max) + 1);
    const user = await insertUser(prepared.db, { email: 'apres@example.fr', passwordHash: 'x', now: NOW });
    expect(user).toBe(filled.gone + 1);

    // A second copy into the same database is refused: it is no longer empty.
    const again = await copy(['--from', source.file, '--to', prepared.url]);
    expect(again.output).toMatch(/n’est pas vide \([a-z_]+ : \d+ lignes?/);
    expect(again.code).toBe(2);
    expect((await counts(prepared.db, ['suppliers'])).suppliers).toBe(42);
  }, 180_000);

  it('migrates a brand-new database itself, and refuses one holding tables of something else', async () => {
    const name = newDatabaseName(inject('postgresRunPrefix')!, 'copy');
    await createDatabase(adminUrl!, name);
    const url = databaseUrl(adminUrl!, name);
    const target = openPostgresDatabase(url, { max: 1 });
    try {
      await sql`create table autre_application (x integer)`.execute(target.db);
      const foreign = await copy(['--from', source.file], { DATABASE_URL: url });
      expect(foreign.output).toContain(
        'contient déjà des tables qui ne sont pas celles de Maillage (autre_application)',
      );
      expect(foreign.code).toBe(2);
      expect(await postgresTableNames(target.db)).toEqual(['autre_application']);

      await sql`drop table autre_application`.execute(target.db);
      const result = await copy(['--from', source.file], { DATABASE_URL: url });
      expect(result.output).toContain('Migrations appliquées à la cible : 2026-11-21-001-catalogue');
      expect(result.code).toBe(0);
      const tables = await postgresTableNames(target.db);
      expect(await counts(target.db, tables)).toEqual(await counts(source.db, tables));
      expect((await migrateToLatest(target.db)).results ?? []).toEqual([]);
    } finally {
      await target.close();
      await dropDatabase(adminUrl!, name);
    }
  }, 180_000);
});
