import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../app/domain/failure';
import { openPostgresDatabase } from '../../db/postgres';
import { createSearchEngine } from '../../search/index';
import { TMP_DIR } from '../support/paths';
import { closedPort } from '../support/net';
import { postgresTestUrl } from '../support/postgres';

// What an unreachable or refusing PostgreSQL says (docs/decisions/310): the real cause, through failure.ts. The
// closed port needs no server; the refused password needs the test server (TEST_DATABASE_URL).

describe('PostgreSQL connection failures', () => {
  it('names a server that does not answer, with its host and port and no password', async () => {
    const port = await closedPort();
    const opened = openPostgresDatabase(`postgres://maillage:secret@127.0.0.1:${port}/maillage`);
    try {
      const error = await opened.db
        .selectNoFrom((eb) => eb.lit(1).as('one'))
        .execute()
        .catch((e: unknown) => e);
      const failure = classifyFailure(error);
      expect(failure).toMatchObject({ kind: 'database-unreachable', code: 'ECONNREFUSED', exitCode: 19 });
      expect(failure.message).toContain(`Base PostgreSQL injoignable (postgres://127.0.0.1:${port}/maillage)`);
      expect(failure.message).not.toContain('secret');
    } finally {
      await opened.close();
    }
  });

  it.skipIf(!postgresTestUrl())('names refused credentials (28P01) [needs TEST_DATABASE_URL]', async () => {
    const url = new URL(postgresTestUrl()!);
    url.password = 'not-the-password';
    const opened = openPostgresDatabase(url.toString());
    try {
      const error = await opened.db
        .selectNoFrom((eb) => eb.lit(1).as('one'))
        .execute()
        .catch((e: unknown) => e);
      expect(classifyFailure(error)).toMatchObject({ kind: 'database-unreachable', code: '28P01' });
    } finally {
      await opened.close();
    }
  });
});

describe('the embedded search engine next to PostgreSQL', () => {
  it('keeps its index in its own SQLite file (SEARCH_INDEX_PATH), closed with the engine', async () => {
    // Never queried: the engine must not need the database of record's handle.
    const database = openPostgresDatabase(`postgres://maillage@127.0.0.1:${await closedPort()}/maillage`);
    const file = path.join(TMP_DIR, `search-index-${process.pid}-${Date.now()}.db`);
    const engine = createSearchEngine({ MEILI_INDEX: 'suppliers', SEARCH_INDEX_PATH: file }, database);
    try {
      await engine.init();
      expect(engine.name).toBe('sqlite');
      expect(fs.existsSync(file)).toBe(true);
      expect(await engine.documentCount()).toBe(0);
      expect(await engine.health()).toBe(true);
    } finally {
      await engine.close();
      await database.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  });
});
