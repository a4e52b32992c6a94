import os from 'node:os';
import { z } from 'zod';
import { integerOption } from './cli';

// The pieces shared by the read-only benches of one use case (bench-matching.ts, bench-suggestions.ts): the
// `--database` and `--runs` options and the machine line printed first.

export const DEFAULT_BENCH_DATABASE = 'bench-data/bench.db';

/** The options and schema of `[--database CHEMIN] [--runs N]`; `runsDescription` says what one run measures. */
export function readOnlyBenchOptions(runsDescription: string) {
  return {
    synopsis: '[--database CHEMIN] [--runs N]',
    example: `--database ${DEFAULT_BENCH_DATABASE}`,
    options: {
      database: {
        type: 'string',
        value: 'CHEMIN',
        description: `base de mesure, ouverte en lecture seule (${DEFAULT_BENCH_DATABASE} par défaut)`,
      },
      runs: { type: 'string', value: 'N', description: `${runsDescription} (1 à 200, 20 par défaut)` },
    },
    schema: z.object({
      database: z.string().trim().min(1, '--database ne peut pas être vide.').default(DEFAULT_BENCH_DATABASE),
      runs: integerOption('--runs', { min: 1, max: 200, fallback: 20 }),
    }),
  } as const;
}

/** « Machine : 2 cœurs, Node v22…, charge 0.50 / 0.40 / 0.30 ». */
export function machineLine(): string {
  return `Machine : ${os.cpus().length} cœurs, Node ${process.version}, charge ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`;
}
