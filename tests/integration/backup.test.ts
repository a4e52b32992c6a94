import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { openPostgresDatabase } from '../../db/postgres';
import { insertUser } from '../../db/repositories/users';
import { reindexAll } from '../../search/reindex';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { main, pgConnection, runPgTool } from '../../scripts/backup';
import type { ScriptIo } from '../../scripts/lib/cli';
import { createSqliteTestDatabase, createTestDatabase, testsOnPostgres } from '../support/db';
import { TMP_DIR } from '../support/paths';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName, postgresTestUrl } from '../support/postgres';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// `npm run backup` (docs/decisions/340, docs/deployment.md): a copy taken while another handle holds a write
// transaction, then really restored: opened, checked, migrated (nothing to do) and searched after a reindex.

const dir = path.join(TMP_DIR, `backup-${process.pid}-${crypto.randomUUID()}`);
fs.mkdirSync(dir, { recursive: true });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture(): ScriptIo & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), text: () => lines.join('\n') };
}

/** Runs the script in this process against the given database variables. */
async function backup(args: string[], env: { DATABASE_PATH: string; DATABASE_URL?: string }) {
  vi.stubEnv('DATABASE_PATH', env.DATABASE_PATH);
  vi.stubEnv('DATABASE_URL', env.DATABASE_URL ?? '');
  const io = capture();
  try {
    const code = await main(args, io);
    return { code, output: io.text() };
  } finally {
    vi.unstubAllEnvs();
  }
}

async function writeRows(db: DB) {
  const suppliers = [];
  for (const name of ['Ressourcerie Sauvegarde', 'Atelier Restauration', 'Brouillon Copie'])
    suppliers.push(
      await writeSupplier(
        db,
        supplierInput({ name, publicationStatus: name.startsWith('Brouillon') ? 'draft' : 'published' }),
      ),
    );
  const userId = await insertUser(db, {
    email: 'sauvegarde@example.fr',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2VsZ2VsZ2VsZ2Vs$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA',
    now: '2026-12-02T02:00:00.000Z',
  });
  return { supplierIds: suppliers.map((s) => s.id), userId };
}

async function rowsOf(db: DB) {
  const suppliers = await db.selectFrom('suppliers').select(['id', 'name']).orderBy('id').execute();
  const users = await db.selectFrom('users').select(['id', 'email']).orderBy('id').execute();
  return { suppliers, users };
}

const filesIn = () => fs.readdirSync(dir).sort();

describe('npm run backup on SQLite', () => {
  const database = createSqliteTestDatabase();

  it('copies the database while another handle writes; the copy opens, checks, migrates and searches', async () => {
    const written = await writeRows(database.db);
    const target = path.join(dir, 'maillage-copie.db');

    // Another handle (another worker of the site) holds a write transaction during the backup.
    const other = openDatabase(database.file);
    let result: { code: number | undefined; output: string } | undefined;
    try {
      await other.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            email: 'en-cours@example.fr',
            password_hash: 'x',
            site_role: null,
            email_verified_at: null,
            created_at: '2026-12-02T02:00:00.000Z',
            updated_at: '2026-12-02T02:00:00.000Z',
          })
          .execute();
        result = await backup(['--to', target], database.env);
      });
    } finally {
      await other.close();
    }
    expect(result?.output).toContain('Sauvegarde de');
    expect(result?.code).toBe(0);
    expect(filesIn()).toEqual(['maillage-copie.db']);

    const copy = openDatabase(target);
    try {
      expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const original = await rowsOf(database.db);
      const restored = await rowsOf(copy.db);
      // What was committed before the copy is there; the transaction still open during it is not.
      expect(restored.suppliers.map((s) => s.id)).toEqual(expect.arrayContaining(written.supplierIds));
      expect(restored.users).toContainEqual({ id: written.userId, email: 'sauvegarde@example.fr' });
      expect(original.users.map((u) => u.email)).toContain('en-cours@example.fr');
      expect(restored.users.map((u) => u.email)).not.toContain('en-cours@example.fr');
      expect(restored.suppliers).toEqual(original.suppliers);

      const migrated = await migrateToLatest(copy.db);
      expect(migrated.error).toBeUndefined();
      expect(migrated.results ?? []).toEqual([]);

      // The search index is derived data: a fresh engine rebuilt from the copy finds its suppliers.
      const index = openDatabase(path.join(dir, 'index-neuf.db'));
      const engine = createSqliteEngine(index.sqlite);
      try {
        await engine.init();
        expect(await reindexAll(copy, engine)).toBe(2);
        const found = await engine.search({ q: 'ressourcerie sauvegarde', page: 1, perPage: 10 });
        expect(found.hits.map((h) => h.id)).toEqual([written.supplierIds[0]]);
        expect((await engine.search({ q: 'brouillon', page: 1, perPage: 10 })).total).toBe(0);
      } finally {
        await engine.close();
        await index.close();
      }
    } finally {
      await copy.close();
      for (const f of ['maillage-copie.db', 'index-neuf.db'])
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, f + suffix), { force: true });
    }
  });

  it('refuses bad arguments with a French message and writes nothing', async () => {
    const env = database.env;
    const existing = path.join(dir, 'deja-la.db');
    fs.writeFileSync(existing, 'ancienne sauvegarde');
    const cases: [string[], string][] = [
      [[], 'Indiquez le fichier de sauvegarde : --to FICHIER.'],
      [['--to'], 'valeur manquante'],
      [['--to', path.join(dir, 'absent', 'copie.db')], 'n’existe pas : créez-le avant la sauvegarde'],
      [['--to', dir], 'est un dossier'],
      [['--to', existing], 'existe déjà : choisissez un autre nom, ou ajoutez --force'],
      [['--to', database.file, '--force'], 'est la base elle-même'],
      [['--to', path.join(dir, 'x.db'), '--vers', 'y'], 'option inconnue « --vers »'],
    ];
    for (const [args, message] of cases) {
      const { code, output } = await backup(args, env);
      expect(output, args.join(' ')).toContain(message);
      expect(code, args.join(' ')).toBe(2);
    }
    expect(fs.readFileSync(existing, 'utf8')).toBe('ancienne sauvegarde');
    expect(filesIn()).toEqual(['deja-la.db']);

    const missing = await backup(['--to', path.join(dir, 'copie.db')], {
      DATABASE_PATH: path.join(dir, 'pas-de-base.db'),
    });
    expect(missing.output).toContain('n’existe pas : vérifiez DATABASE_PATH');
    expect(missing.code).toBe(12);
    expect(filesIn()).toEqual(['deja-la.db']);

    // --force replaces an older backup with a complete database.
    const forced = await backup(['--to', existing, '--force'], env);
    expect(forced.code).toBe(0);
    const copy = openDatabase(existing, { readonly: true });
    try {
      expect(copy.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
      expect((await rowsOf(copy.db)).users.map((u) => u.email)).toContain('sauvegarde@example.fr');
    } finally {
      await copy.close();
      fs.rmSync(existing, { force: true });
    }
  });
});

describe('the PostgreSQL client tools', () => {
  it('names the package to install when a tool is missing, and keeps the password off the command line', async () => {
    await expect(runPgTool('pg_dump_introuvable', ['--version'], {})).rejects.toThrow(
      /Le programme pg_dump_introuvable est introuvable : installez le paquet postgresql-client/,
    );
    const { dbname, env } = pgConnection('postgres://maillage:m%C3%B4t%40passe@db.internal:5432/maillage');
    expect(dbname).toBe('postgres://maillage@db.internal:5432/maillage');
    expect(env).toEqual({ PGPASSWORD: 'môt@passe' });
  });
});

/** Why the PostgreSQL restore cannot run here, or undefined when it can. */
function postgresSkipReason(): string | undefined {
  if (!testsOnPostgres()) return 'TEST_DATABASE_URL non défini';
  for (const tool of ['pg_dump', 'pg_restore'])
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} introuvable (paquet postgresql-client)`;
  return undefined;
}

const skipReason = postgresSkipReason();
if (skipReason) console.info(`backup.test.ts : restauration PostgreSQL ignorée : ${skipReason}`);
const pgSource = skipReason ? undefined : createTestDatabase();

describe('npm run backup on PostgreSQL', () => {
  it.skipIf(skipReason !== undefined)(
    `dumps with pg_dump and restores with pg_restore into a new database${skipReason ? ` (ignoré : ${skipReason})` : ''}`,
    async () => {
      if (!pgSource || pgSource.dialect !== 'postgres') throw new Error('expected a PostgreSQL test database');
      const written = await writeRows(pgSource.db);
      const target = path.join(dir, 'maillage.dump');
      const result = await backup(['--to', target], pgSource.env);
      expect(result.output).toContain('format pg_dump custom');
      expect(result.code).toBe(0);

      const adminUrl = postgresTestUrl()!;
      const name = newDatabaseName(inject('postgresRunPrefix')!, 'restore');
      await createDatabase(adminUrl, name);
      const url = databaseUrl(adminUrl, name);
      try {
        const { dbname, env } = pgConnection(url);
        const restore = await runPgTool(
          'pg_restore',
          ['--no-owner', '--exit-on-error', '--dbname', dbname, target],
          env,
        );
        expect(restore.stderr).toBe('');
        expect(restore.code).toBe(0);
        const restored = openPostgresDatabase(url, { max: 1 });
        try {
          expect(await rowsOf(restored.db)).toEqual(await rowsOf(pgSource.db));
          expect((await rowsOf(restored.db)).users).toContainEqual({
            id: written.userId,
            email: 'sauvegarde@example.fr',
          });
          const migrated = await migrateToLatest(restored.db);
          expect(migrated.results ?? []).toEqual([]);
          // Identity columns go on from where they were: a new row does not collide with a restored one.
          const next = await insertUser(restored.db, {
            email: 'apres@example.fr',
            passwordHash: 'x',
            now: '2026-12-02',
          });
          expect(next).toBeGreaterThan(written.userId);
          const { count } = await sql<{ count: number }>`select count(*)::int as count from search_changes`
            .execute(restored.db)
            .then((r) => r.rows[0]);
          expect(count).toBeGreaterThanOrEqual(3);
        } finally {
          await restored.close();
        }
      } finally {
        await dropDatabase(adminUrl, name);
        fs.rmSync(target, { force: true });
      }
    },
    120_000,
  );
});
