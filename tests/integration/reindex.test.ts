import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iteratePublishedDocuments } from '../../search/documents';
import { drainOutbox } from '../../search/outbox';
import { reindexAll } from '../../search/reindex';
import { createSqliteEngine } from '../../search/sqlite/engine';
import type { SupplierDocument } from '../../search/types';
import { createTestDatabase, sqliteOf } from '../support/db';
import { changeRows, supplierInput, writeSupplier } from '../support/search-fixtures';

const database = createTestDatabase();
const { db } = database;
const { sqlite } = sqliteOf(database);
const engine = createSqliteEngine(sqlite);

const listAll = () => engine.search({ page: 1, perPage: 100 });

beforeAll(async () => {
  await engine.init();
});
afterAll(async () => {
  await engine.close();
});

describe('reindexAll', () => {
  it('rebuilds the index from the database and moves the cursor to the last change it covered', async () => {
    const published: number[] = [];
    for (let i = 0; i < 12; i++) {
      const { id } = await writeSupplier(
        db,
        supplierInput({ name: `Ressourcerie Kappa ${i}`, publicationStatus: i < 9 ? 'published' : 'draft' }),
      );
      if (i < 9) published.push(id);
    }
    const lastSeqBefore = Math.max(...(await changeRows(db)).map((r) => r.seq));
    expect((await listAll()).total).toBe(0);

    const progress: number[] = [];
    const indexed = await reindexAll(database, engine, (n) => progress.push(n));
    expect(indexed).toBe(9);
    expect(progress.at(-1)).toBe(9);

    const after = await listAll();
    expect(after.total).toBe(9);
    expect(after.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(published);
    // The engine's cursor is the last change read before the rebuild: nothing is left to apply.
    expect((await engine.feed!.position()).seq).toBe(lastSeqBefore);
    expect(await drainOutbox(db, engine, { batchSize: 1000 })).toEqual({ rows: 0, upserted: 0, removed: 0 });
    // The changes stay in the sequence for the other consumers (pruning deletes them later).
    expect(await changeRows(db)).toHaveLength(12);
    expect((await listAll()).total).toBe(9);
  });

  it('does not lose a change made and drained elsewhere during the rebuild', async () => {
    for (let i = 0; i < 30; i++) await writeSupplier(db, supplierInput({ name: `Ressourcerie Nu ${i}` }));
    await drainOutbox(db, engine, { batchSize: 1000 });
    let during: Promise<number> | undefined;
    await reindexAll(database, engine, () => {
      // A server writes a supplier and its worker drains the outbox while the index is being rebuilt.
      during ??= writeSupplier(db, supplierInput({ name: 'Ressourcerie Omicron' })).then(async ({ id }) => {
        await drainOutbox(db, engine, { batchSize: 1000 });
        return id;
      });
    });
    const id = await during!;
    await drainOutbox(db, engine, { batchSize: 1000 });
    expect((await engine.search({ q: 'omicron', page: 1, perPage: 10 })).hits.map((h) => h.id)).toEqual([id]);
  });

  it('drops documents of suppliers that are no longer published', async () => {
    const input = supplierInput({ name: 'Ressourcerie Lambda' });
    const { id } = await writeSupplier(db, input);
    await drainOutbox(db, engine, { batchSize: 1000 });
    expect((await engine.search({ q: 'lambda', page: 1, perPage: 10 })).hits.map((h) => h.id)).toEqual([id]);
    // Unpublished directly in the database, bypassing the outbox: only a rebuild can notice.
    await db.updateTable('suppliers').set({ publication_status: 'draft' }).where('id', '=', id).execute();

    await reindexAll(database, engine);
    expect((await engine.search({ q: 'lambda', page: 1, perPage: 10 })).total).toBe(0);
  });
});

describe('engine.rebuild', () => {
  it('keeps answering from the old index while the new one is filled', async () => {
    await reindexAll(database, engine);
    await drainOutbox(db, engine, { batchSize: 1000 });
    const oldTotal = (await listAll()).total;
    // New suppliers written while the outbox is not drained: only the rebuild will index them.
    for (let i = 0; i < 5; i++) await writeSupplier(db, supplierInput({ name: `Ressourcerie Mu ${i}` }));
    const newTotal = oldTotal + 5;

    const totalsDuringRebuild: number[] = [];
    async function* observed(): AsyncGenerator<SupplierDocument[]> {
      for await (const batch of iteratePublishedDocuments(db, 3)) {
        totalsDuringRebuild.push((await listAll()).total);
        yield batch;
      }
      totalsDuringRebuild.push((await listAll()).total);
    }
    const indexed = await engine.rebuild(observed());
    expect(indexed).toBe(newTotal);
    expect(totalsDuringRebuild.length).toBeGreaterThan(3);
    expect(new Set(totalsDuringRebuild)).toEqual(new Set([oldTotal]));
    expect((await listAll()).total).toBe(newTotal);
  });
});
