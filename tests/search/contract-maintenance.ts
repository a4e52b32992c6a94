import { expect, it } from 'vitest';
import type { SearchEngine, SupplierDocument } from '../../search/types';
import { byId, FIXTURES } from './contract-fixtures';
import { ALL_IDS, edited, facetsOf, ids, inBatches, sorted, type EngineFactory } from './contract-support';

// Search contract, index maintenance: upserts, removals, document count, rebuilds. Each behaviour gets a
// fresh engine.

export function describeMaintenanceContract({ makeEngine, dispose }: EngineFactory): void {
  /** A fresh engine with the given documents indexed; disposed after the test. */
  async function withEngine(docs: SupplierDocument[], use: (engine: SearchEngine) => Promise<void>): Promise<void> {
    const engine = await makeEngine();
    try {
      await engine.init();
      await engine.upsert(docs);
      await use(engine);
    } finally {
      await dispose(engine);
    }
  }

  it('makes only the upserted documents searchable', async () => {
    await withEngine([byId(101), byId(102)], async (e) => {
      const result = await e.search({ page: 1, perPage: 20 });
      expect(sorted(ids(result))).toEqual([101, 102]);
      expect((await e.search({ q: 'blanchisserie', page: 1, perPage: 20 })).total).toBe(0);
    });
  });

  it('replaces a document on upsert', async () => {
    await withEngine(FIXTURES, async (e) => {
      await e.upsert([
        edited(byId(105), {
          name: 'Armor Élagage Insertion',
          structureKind: 'SCIC',
          structureKindName: "Société coopérative d'intérêt collectif",
        }),
      ]);
      const s = (q: string) => e.search({ q, page: 1, perPage: 20 });
      expect(ids(await s('armor'))).toEqual([105]);
      expect((await s('bretagne')).total).toBe(0);
      const all = await e.search({ page: 1, perPage: 50 });
      expect(all.total).toBe(FIXTURES.length);
      expect(all.facets.kind.SCIC).toBe(2);
      expect(all.facets.kind.EI).toBe(facetsOf(ALL_IDS).kind.EI - 1);
      // Upserting the same documents again adds nothing.
      await e.upsert(FIXTURES.slice(0, 3));
      expect((await e.search({ page: 1, perPage: 50 })).total).toBe(FIXTURES.length);
    });
  });

  it('adds a new document on upsert', async () => {
    await withEngine(FIXTURES.slice(0, 5), async (e) => {
      expect((await e.search({ q: 'kodra', page: 1, perPage: 20 })).total).toBe(0);
      await e.upsert([byId(107)]);
      expect(ids(await e.search({ q: 'kodra', page: 1, perPage: 20 }))).toEqual([107]);
      expect((await e.search({ q: 'kodro', page: 1, perPage: 20 })).total).toBe(1);
    });
  });

  it('removes documents', async () => {
    await withEngine(FIXTURES, async (e) => {
      await e.remove([103, 999_999]);
      expect(ids(await e.search({ q: 'blanchisserie', page: 1, perPage: 20 }))).toEqual([109]);
      const all = await e.search({ page: 1, perPage: 50 });
      expect(all.total).toBe(FIXTURES.length - 1);
      expect(all.facets.departement['13']).toBeUndefined();
      expect(all.hits.map((h) => h.id)).not.toContain(103);
    });
  });

  it('counts its documents: none before any upsert, then every upsert and remove', async () => {
    const e = await makeEngine();
    try {
      await e.init();
      expect(await e.documentCount()).toBe(0);
      await e.upsert(FIXTURES.slice(0, 4));
      expect(await e.documentCount()).toBe(4);
      await e.upsert(FIXTURES.slice(2, 6));
      expect(await e.documentCount()).toBe(6);
      await e.remove([FIXTURES[0].id]);
      expect(await e.documentCount()).toBe(5);
    } finally {
      await dispose(e);
    }
  });

  it('rebuilds the whole index from batches, reporting progress', async () => {
    await withEngine(FIXTURES, async (e) => {
      const progress: number[] = [];
      const subset = [byId(101), byId(102), byId(103), byId(104), byId(105)];
      const count = await e.rebuild(inBatches(subset, 2), (n) => progress.push(n));
      expect(count).toBe(5);
      expect(progress[progress.length - 1]).toBe(5);
      const all = await e.search({ page: 1, perPage: 50 });
      expect(sorted(ids(all))).toEqual([101, 102, 103, 104, 105]);
      expect(all.facets).toEqual(facetsOf([101, 102, 103, 104, 105]));
      expect(ids(await e.search({ q: 'cocagme', page: 1, perPage: 20 }))).toEqual([102]);
      expect((await e.search({ q: 'kodra', page: 1, perPage: 20 })).total).toBe(0);
    });
  });

  it('keeps answering from the old index while a rebuild runs', async () => {
    await withEngine(FIXTURES, async (e) => {
      const during: number[] = [];
      await e.rebuild(
        inBatches(FIXTURES.slice(0, 4), 2, async () => {
          during.push((await e.search({ page: 1, perPage: 50 })).total);
          during.push((await e.search({ q: 'kodra', page: 1, perPage: 20 })).total);
        }),
      );
      expect(during).toEqual([FIXTURES.length, 1]);
      expect((await e.search({ page: 1, perPage: 50 })).total).toBe(4);
    });
  });
}
