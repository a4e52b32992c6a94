import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSqliteTestDatabase } from '../support/db';
import { ROOT, TEMPLATE_DB, TMP_DIR } from '../support/paths';
import { CAN_MOUNT_TMPFS, mountTmpfs } from '../support/tmpfs';
import { buildCsv, invalidSiret, validRow, validSiret } from '../fixtures/import/csv';

const run = promisify(execFile);
const database = createSqliteTestDatabase();

async function cli(...args: string[]) {
  return runScript(...args, '--database', database.file);
}

async function runScript(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/import.ts', ...args], {
      cwd: ROOT,
      // --database names a SQLite file: refused when DATABASE_URL is set (docs/decisions/315).
      env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function fixture(name: string, content: string): string {
  const file = path.join(TMP_DIR, `test-cli-${process.pid}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

describe('npm run import (scripts/import.ts)', () => {
  it('imports a clean file with --approve and exits 0', async () => {
    const file = fixture(
      'ok.csv',
      buildCsv([validRow(900), validRow(901, { service_area: 'national' })], {
        separator: ';',
        bom: true,
        eol: '\r\n',
      }),
    );
    const result = await cli(file, '--approve');
    expect(result.stdout).toMatch(
      /Import terminé en [\d.]+ s : 2 ligne\(s\), 2 créé\(s\), 0 modifié\(s\), 0 inchangé\(s\)\./,
    );
    expect(result.code).toBe(0);
    const rows = await database.db
      .selectFrom('suppliers')
      .select(['siret', 'publication_status', 'charter_status'])
      .orderBy('siret')
      .execute();
    expect(rows).toEqual(
      [validSiret(900), validSiret(901)]
        .sort()
        .map((siret) => ({ siret, publication_status: 'published', charter_status: 'verified' })),
    );
    const again = await cli(file, '--approve');
    expect(again.stdout).toMatch(/0 créé\(s\), 0 modifié\(s\), 2 inchangé\(s\)/);
  }, 120_000);

  it('prints every error with its line and column, writes nothing and exits non-zero', async () => {
    const file = fixture(
      'bad.csv',
      buildCsv([validRow(902), validRow(903, { siret: invalidSiret(903), email: 'pas-un-email' })]),
    );
    const result = await cli(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ligne 3, colonne siret : SIRET invalide (clé de contrôle incorrecte)');
    expect(result.stderr).toContain('ligne 3, colonne email : adresse e-mail invalide « pas-un-email »');
    expect(result.stderr).toContain('2 erreurs dans');
    expect(result.stderr).toContain("aucun fournisseur n'a été importé");
    const found = await database.db.selectFrom('suppliers').select('id').where('siret', '=', validSiret(902)).execute();
    expect(found).toEqual([]);
  }, 120_000);

  it('refuses bad usage with exit code 2', async () => {
    const missing = await cli(path.join(TMP_DIR, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Fichier introuvable');
    const unknownOption = await cli('x.csv', '--force');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('option inconnue « --force »');
    expect(unknownOption.stderr).toContain('Usage : npm run import -- FICHIER.csv');
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--dry-run');
  }, 120_000);
});

describe.skipIf(!CAN_MOUNT_TMPFS)('npm run import on a small or read-only file system (tmpfs, needs root)', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => validRow(7000 + i));
  const csv = fixture('big.csv', buildCsv(rows));

  it('names a full disk (exit 10), not a rollback error nor errors in the file', async () => {
    // Room for the database (4.5 MB) but not for 3,000 more suppliers and their search index.
    const fsys = mountTmpfs(Math.ceil(fs.statSync(TEMPLATE_DB).size / 1024) + 700)!;
    try {
      const file = path.join(fsys.dir, 'maillage.db');
      fs.copyFileSync(TEMPLATE_DB, file);
      const result = await runScript(csv, '--approve', '--database', file);
      expect(result.stderr).toContain(`Échec : Disque plein (${file})`);
      expect(result.stderr).not.toMatch(/rollback|at async/);
      expect(result.code).toBe(10);
    } finally {
      fsys.unmount();
    }
  }, 120_000);

  it('names a read-only database (exit 11) with its path', async () => {
    const fsys = mountTmpfs(8 * 1024)!;
    try {
      const file = path.join(fsys.dir, 'maillage.db');
      fs.copyFileSync(TEMPLATE_DB, file);
      fsys.remountReadOnly();
      const result = await runScript(csv, '--database', file);
      expect(result.stderr).toContain(`Échec : Écriture impossible (${file})`);
      expect(result.stderr).toContain('lecture seule');
      expect(result.stderr).not.toContain('    at ');
      expect(result.code).toBe(11);
    } finally {
      fsys.unmount();
    }
  }, 120_000);
});
