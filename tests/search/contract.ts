import { afterAll, beforeAll, describe } from 'vitest';
import type { SearchEngine, SearchQuery } from '../../search/types';
import { FIXTURES } from './contract-fixtures';
import { describeFilterContract } from './contract-filters';
import { describeMaintenanceContract } from './contract-maintenance';
import { ids, type SharedEngine } from './contract-support';
import { describeTextContract } from './contract-text';

// The search contract: behaviours every SearchEngine must have, written against the interface only
// (no engine internals). Run by tests/search/sqlite.contract.test.ts and by the Meilisearch engine's test.
// The behaviours live in contract-text.ts, contract-filters.ts (one shared engine with every fixture) and
// contract-maintenance.ts (a fresh engine each).

export interface ContractOptions {
  /** When set, every behaviour is reported as skipped, with this reason. */
  skip?: string;
  /** Frees an engine made by makeEngine (default: engine.close()). */
  dispose?: (engine: SearchEngine) => Promise<void>;
}

export function describeSearchContract(
  engineName: string,
  makeEngine: () => Promise<SearchEngine>,
  opts: ContractOptions = {},
): void {
  const { skip } = opts;
  const dispose = opts.dispose ?? ((engine: SearchEngine) => engine.close());
  if (skip) console.info(`[search contract] ${engineName}: skipped (${skip})`);
  const title = skip ? `search contract: ${engineName} (skipped: ${skip})` : `search contract: ${engineName}`;

  describe.skipIf(Boolean(skip))(title, () => {
    let engine: SearchEngine;
    const search = (query: Partial<SearchQuery>) => engine.search({ page: 1, perPage: 50, ...query });
    const shared: SharedEngine = {
      engine: () => engine,
      search,
      find: async (q, query = {}) => ids(await search({ q, ...query })),
    };

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.init();
      await engine.upsert(FIXTURES);
    });
    afterAll(async () => {
      if (engine) await dispose(engine);
    });

    describeTextContract(shared);
    describeFilterContract(shared);
  });

  describe.skipIf(Boolean(skip))(`${title}: index maintenance`, () => {
    describeMaintenanceContract({ makeEngine, dispose });
  });
}
