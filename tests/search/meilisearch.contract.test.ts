import crypto from 'node:crypto';
import { createMeilisearchEngine, type MeilisearchEngine } from '../../search/meilisearch/engine';
import type { SearchEngine } from '../../search/types';
import { describeSearchContract } from './contract';

// The contract suite against a real Meilisearch server, when MEILI_HOST names one (MEILI_API_KEY if it
// needs a key). Every engine gets its own temporary index, deleted when disposed. Without MEILI_HOST the
// behaviours are reported as skipped, with the reason.

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY || undefined;
const run = crypto.randomUUID().slice(0, 8);
let counter = 0;

async function makeEngine(): Promise<SearchEngine> {
  if (!host) throw new Error('MEILI_HOST is not set');
  counter++;
  return createMeilisearchEngine({ host, apiKey, indexUid: `maillage_contract_${run}_${counter}` });
}

async function dispose(engine: SearchEngine): Promise<void> {
  await (engine as MeilisearchEngine).dropIndex();
  await engine.close();
}

describeSearchContract(
  'meilisearch',
  makeEngine,
  host ? { dispose } : { skip: 'MEILI_HOST is not set: no Meilisearch server on this machine', dispose },
);
