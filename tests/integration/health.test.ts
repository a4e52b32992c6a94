import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../app/services/health.server';
import { openDatabase } from '../../db/connection';
import { createMeilisearchEngine } from '../../search/meilisearch/engine';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { createTestDatabase } from '../support/db';

describe('health check', () => {
  const database = createTestDatabase();

  it('is ok when the database and the engine answer', async () => {
    const search = createSqliteEngine(database.sqlite);
    await search.init();
    expect(await checkHealth({ database, search })).toEqual({ status: 'ok', db: 'ok', search: 'ok' });
  });

  it('names the search engine when it is down', async () => {
    // A real Meilisearch client pointed at a port where nothing listens.
    const search = createMeilisearchEngine({ host: 'http://127.0.0.1:9', indexUid: 'health_test' });
    expect(await checkHealth({ database, search })).toEqual({ status: 'error', db: 'ok', search: 'down' });
  });

  it('names the database when it is down', async () => {
    const closed = openDatabase(database.file);
    const search = createSqliteEngine(database.sqlite);
    await search.init();
    await closed.close();
    expect(await checkHealth({ database: closed, search })).toEqual({ status: 'error', db: 'down', search: 'ok' });
  });
});
