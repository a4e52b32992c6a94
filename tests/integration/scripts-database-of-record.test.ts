import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.server';
import { UsageError } from '../../scripts/lib/cli';
import { scriptDatabase } from '../../scripts/lib/database-option';
import { prepareSheetBench } from '../../scripts/lib/bench-http-sheet';
import { createTestDatabase } from '../support/db';
import { runScript } from '../support/scripts';
import { TMP_DIR } from '../support/paths';
import { buildCsv, validRow, validSiret } from '../fixtures/import/csv';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// `npm run seed`, `npm run import` and bench:http's sheet owner work on the database of record
// (docs/decisions/315): the test's database, a SQLite file by default, PostgreSQL under TEST_DATABASE_URL, reached
// through the same variables as `npm start` (DATABASE_URL, else DATABASE_PATH), never through --database.

const database = createTestDatabase();
const { db } = database;
/** What reaches this database: DATABASE_URL on PostgreSQL (emptied on SQLite: a developer's own must not leak in). */
const databaseEnv = { DATABASE_PATH: database.env.DATABASE_PATH, DATABASE_URL: database.env.DATABASE_URL ?? '' };
const where = database.dialect === 'postgres' ? database.location : database.file;

async function supplierCount(): Promise<number> {
  const row = await db
    .selectFrom('suppliers')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`scripts on the database of record (${database.dialect})`, () => {
  it('npm run seed writes its suppliers into it', async () => {
    const before = await supplierCount();
    const result = await runScript('scripts/seed.ts', ['--suppliers', '6', '--seed', '5'], databaseEnv);
    expect(result.stdout).toContain(`Création de 6 fournisseurs de démonstration (graine 5) dans ${where}…`);
    expect(result.stdout).toContain('6 créés');
    expect(result.code).toBe(0);
    expect(await supplierCount()).toBe(before + 6);
  }, 180_000);

  it('npm run import writes the file’s suppliers into it', async () => {
    const file = path.join(TMP_DIR, `test-import-record-${process.pid}.csv`);
    fs.writeFileSync(file, buildCsv([validRow(5100), validRow(5101)]));
    try {
      const result = await runScript('scripts/import.ts', [file, '--approve'], databaseEnv);
      expect(result.stdout).toMatch(/Import terminé en [\d.]+ s : 2 ligne\(s\), 2 créé\(s\)/);
      expect(result.code).toBe(0);
    } finally {
      fs.rmSync(file, { force: true });
    }
    const rows = await db
      .selectFrom('suppliers')
      .select(['siret', 'publication_status'])
      .where('siret', 'in', [validSiret(5100), validSiret(5101)])
      .orderBy('siret')
      .execute();
    expect(rows).toEqual(
      [validSiret(5100), validSiret(5101)].sort().map((siret) => ({ siret, publication_status: 'published' })),
    );
  }, 180_000);

  it('bench:http prepares its sheet owner in it: an owner of the first published supplier, signed in', async () => {
    await writeSupplier(db, supplierInput({ name: 'Atelier du Banc' }));
    const first = await db
      .selectFrom('suppliers')
      .select('id')
      .where('publication_status', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const sheet = await prepareSheetBench(scriptDatabase(undefined, parseEnv(databaseEnv)));
    const organisationId = Number(/^\/organisations\/(\d+)\/fiche$/.exec(sheet.path)?.[1]);
    const organisation = await db
      .selectFrom('organisations')
      .select('supplier_id')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    expect(organisation.supplier_id).toBe(first.id);
    const owner = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.email', 'memberships.role'])
      .where('memberships.organisation_id', '=', organisationId)
      .execute();
    expect(owner).toEqual([{ email: 'banc-fiche@banc.maillage.localhost', role: 'owner' }]);
    expect(sheet.cookie).toMatch(/^maillage_session=\S+$/);
    expect(sheet.bodies[0]).toContain('intent=save');
    expect(sheet.bodies[0]).not.toBe(sheet.bodies[1]);

    // Again: the same owner and organisation, one more session.
    const sessions = async () =>
      (
        await db
          .selectFrom('sessions')
          .innerJoin('users', 'users.id', 'sessions.user_id')
          .select('sessions.user_id')
          .where('users.email', '=', 'banc-fiche@banc.maillage.localhost')
          .execute()
      ).length;
    const before = await sessions();
    const again = await prepareSheetBench(scriptDatabase(undefined, parseEnv(databaseEnv)));
    expect(again.path).toBe(sheet.path);
    expect(again.cookie).not.toBe(sheet.cookie);
    expect(await sessions()).toBe(before + 1);
  }, 60_000);
});

describe('--database with DATABASE_URL', () => {
  // Never reached: the refusal comes before anything is opened (else the exit code would be 19).
  const url = 'postgres://maillage:secret@127.0.0.1:1/nulle_part';
  const file = path.join(TMP_DIR, `test-jamais-creee-${process.pid}.db`);
  const refusal = '--database désigne un fichier SQLite, mais DATABASE_URL est définie';

  it('is refused by seed and import with a French message, exit 2, nothing opened or created', async () => {
    const csv = path.join(TMP_DIR, `test-import-refus-${process.pid}.csv`);
    fs.writeFileSync(csv, buildCsv([validRow(5200)]));
    try {
      for (const [script, args] of [
        ['scripts/seed.ts', ['--suppliers', '1', '--database', file]],
        ['scripts/import.ts', [csv, '--database', file]],
      ] as const) {
        const result = await runScript(script, [...args], { DATABASE_URL: url });
        expect(result.stderr, script).toContain(refusal);
        expect(result.stderr, script).toContain('(postgres://127.0.0.1:1/nulle_part)');
        expect(result.stderr, script).not.toContain('secret');
        expect(result.code, script).toBe(2);
      }
    } finally {
      fs.rmSync(csv, { force: true });
    }
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);

  it('is refused for bench:http too; without DATABASE_URL --database names the SQLite file', () => {
    const env = parseEnv({ DATABASE_URL: url, DATABASE_PATH: 'data/autre.db' });
    expect(() => scriptDatabase(file, env)).toThrow(UsageError);
    expect(() => scriptDatabase(file, env)).toThrow(refusal);
    expect(scriptDatabase(undefined, env)).toEqual({ DATABASE_URL: url, DATABASE_PATH: 'data/autre.db' });
    const sqliteEnv = parseEnv({ DATABASE_PATH: 'data/autre.db' });
    expect(scriptDatabase(file, sqliteEnv)).toEqual({ DATABASE_PATH: file });
    expect(scriptDatabase(undefined, sqliteEnv)).toEqual({ DATABASE_PATH: 'data/autre.db' });
  });
});
