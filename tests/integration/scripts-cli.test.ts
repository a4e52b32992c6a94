import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_DB, TMP_DIR } from '../support/paths';
import { CAN_MOUNT_TMPFS, mountTmpfs } from '../support/tmpfs';
import { closedPort } from '../support/net';
import { runScript } from '../support/scripts';

// The scripts as a person runs them: real processes, real files, the exit codes README.md documents.

describe('scripts: causes and exit codes', () => {
  it('refuses a bad environment variable with exit 2 and a French message, no stack trace', async () => {
    const result = await runScript('scripts/migrate.ts', [], { PORT: 'quatre' });
    expect(result.stderr).toContain("Variables d'environnement invalides");
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toContain('    at ');
    expect(result.code).toBe(2);
  }, 60_000);

  it('names an unreachable Meilisearch server with its URL (reindex, exit 16)', async () => {
    const file = path.join(TMP_DIR, `test-scripts-${process.pid}.db`);
    fs.copyFileSync(TEMPLATE_DB, file);
    const host = `http://127.0.0.1:${await closedPort()}`;
    try {
      const result = await runScript('scripts/reindex.ts', [], { DATABASE_PATH: file, MEILI_HOST: host });
      expect(result.stderr).toContain(`Échec : Serveur de recherche injoignable (${host})`);
      expect(result.stderr).not.toContain('    at ');
      expect(result.code).toBe(16);
    } finally {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  }, 60_000);

  it.skipIf(!CAN_MOUNT_TMPFS)(
    'stops npm start on a read-only file system with the path and exit 11 (tmpfs, needs root)',
    async () => {
      const fsys = mountTmpfs(8 * 1024)!;
      try {
        const file = path.join(fsys.dir, 'maillage.db');
        fs.copyFileSync(TEMPLATE_DB, file);
        fsys.remountReadOnly();
        const existing = await runScript('scripts/start.ts', [], { DATABASE_PATH: file, PORT: '3999' });
        expect(existing.stderr).toContain(`Échec : Écriture impossible (${file})`);
        expect(existing.stderr).toContain('lecture seule');
        expect(existing.code).toBe(11);

        const newDirectory = await runScript('scripts/start.ts', [], {
          DATABASE_PATH: path.join(fsys.dir, 'data/maillage.db'),
          PORT: '3999',
        });
        expect(newDirectory.stderr).toContain(`Échec : Écriture impossible (${fsys.dir})`);
        expect(newDirectory.stderr).not.toContain('mkdir');
        expect(newDirectory.code).toBe(11);
      } finally {
        fsys.unmount();
      }
    },
    60_000,
  );
});
