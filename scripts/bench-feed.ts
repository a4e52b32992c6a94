import { z } from 'zod';
import type { Env } from '../app/env.server';
import { EXIT_CODES } from '../app/domain/failure';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { enqueueSearchSync } from '../db/repositories/outbox';
import { listPublishedSupplierIds } from '../db/repositories/suppliers';
import { applyFeedBatch } from '../search/feed';
import { reindexAll } from '../search/reindex';
import { createSqliteEngine } from '../search/sqlite/engine';
import { SearchStatsRecorder } from '../search/sqlite/observer';
import { integerOption, readEnv, runCommand, runIfMain, type CommandSpec } from './lib/cli';

// `npm run bench:feed`: how long a second process takes to see one change to a supplier sheet (docs/decisions/321)
// on the database DATABASE_PATH, against the full reload of its in-memory state that it did before. Two handles on
// one file stand for two processes: A applies the change sequence, B only searches. It appends changes to the
// sequence and rewrites index rows: run it on a copy of the bench database, never on the original.

export const BENCH_FEED_COMMAND = {
  command: 'npm run bench:feed --',
  synopsis: '[--rounds N]',
  options: { rounds: { type: 'string', value: 'N', description: 'changes suivies (défaut 20)' } },
  schema: z.object({ rounds: integerOption('--rounds', { min: 1, max: 10_000, fallback: 20 }) }),
  footer: 'Écrit dans la base DATABASE_PATH (séquence de modifications, index) : utilisez une copie.',
} satisfies CommandSpec<z.ZodTypeAny>;

const ms = (n: number) => `${n.toFixed(2)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function main(argv: readonly string[]): Promise<number | undefined> {
  let env: Env | undefined;
  return runCommand(
    BENCH_FEED_COMMAND,
    argv,
    async ({ rounds }: { rounds: number }) => {
      env = readEnv();
      const a = openDatabase(env.DATABASE_PATH);
      const b = openDatabase(env.DATABASE_PATH);
      try {
        await migrateToLatest(a.db);
        const engineA = createSqliteEngine(a.sqlite);
        await engineA.init();
        if ((await engineA.documentCount()) === 0) await reindexAll(a, engineA);
        // The index's cursor starts at the head: only the changes made here are followed.
        while ((await applyFeedBatch(a.db, engineA, { owner: 'bench-A', batchSize: 5_000 })).rows > 0);

        const recorder = new SearchStatsRecorder();
        const engineB = createSqliteEngine(b.sqlite, { observer: recorder });
        let started = performance.now();
        await engineB.init();
        const fullReloads = [performance.now() - started];
        for (let i = 0; i < 2; i++) {
          const again = createSqliteEngine(b.sqlite);
          started = performance.now();
          await again.init();
          fullReloads.push(performance.now() - started);
          await again.close();
        }
        const documents = await engineB.documentCount();
        const ids = await listPublishedSupplierIds(a.db, 0, rounds);

        const apply: number[] = [];
        const follow: number[] = [];
        const freshCheck: number[] = [];
        const firstSearch: number[] = [];
        const warmSearch: number[] = [];
        const list = { page: 1, perPage: 20 };
        await engineB.search(list);
        for (const id of ids) {
          await a.db.transaction().execute((trx) => enqueueSearchSync(trx, [id]));
          started = performance.now();
          await applyFeedBatch(a.db, engineA, { owner: 'bench-A' });
          apply.push(performance.now() - started);
          // documentCount() is the freshness check of a search (one primary-key read) plus the catch-up.
          started = performance.now();
          await engineB.documentCount();
          follow.push(performance.now() - started);
          started = performance.now();
          await engineB.documentCount();
          freshCheck.push(performance.now() - started);
          // The first search after a change also re-sorts the name and default orders (store.ts, nearly sorted).
          started = performance.now();
          await engineB.search(list);
          firstSearch.push(performance.now() - started);
          if (process.env.BENCH_FEED_PHASES) console.log(JSON.stringify(recorder.lastStats().phases));
          started = performance.now();
          await engineB.search(list);
          warmSearch.push(performance.now() - started);
        }
        console.log(`${documents} documents ; ${ids.length} modifications suivies par le second processus.`);
        console.log(
          `rechargement complet (avant) : médiane ${ms(median(fullReloads))} (${fullReloads.map(ms).join(', ')})`,
        );
        console.log(`application d'une modification (processus A) : médiane ${ms(median(apply))}`);
        console.log(
          `rattrapage d'une modification (processus B) : médiane ${ms(median(follow))}, max ${ms(Math.max(...follow))}`,
        );
        console.log(`vérification de fraîcheur sans modification : médiane ${ms(median(freshCheck))}`);
        console.log(
          `liste par défaut juste après (ordres recalculés) : médiane ${ms(median(firstSearch))} ; ensuite : ${ms(median(warmSearch))}`,
        );
        console.log(
          `rafraîchissements de B : ${recorder.refreshes.full} complet(s) (dont l'ouverture), ${recorder.refreshes.incremental} incrémentaux`,
        );
        await engineB.close();
        await engineA.close();
        return EXIT_CODES.ok;
      } finally {
        await b.close();
        await a.close();
      }
    },
    { hints: () => ({ path: env?.DATABASE_PATH }) },
  );
}

runIfMain(import.meta.filename, main);
