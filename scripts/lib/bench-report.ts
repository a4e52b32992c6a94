import os from 'node:os';
import { PHASES, type Phase, type RankingStrategy } from '../../search/sqlite/observer';
import type { BenchQuery } from './bench-queries';
import type { Sample } from './bench-run';
import { percentile } from './percentile';

// The tables scripts/bench.ts prints (in French, like the rest of the tools' output).

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} Mio`;

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

export interface BuildFigures {
  indexed: number;
  seedMs: number;
  buildMs: number;
  loadMs: number;
  fileBytes: number;
  indexBytes: number;
  dataBytes: number;
  memoryLoadMs: number;
}

export function printBuild(f: BuildFigures): void {
  console.log('');
  console.log(
    table(
      ['Construction', 'valeur'],
      [
        ['fournisseurs indexés', f.indexed],
        ...(f.seedMs > 0 ? [['création des données (seed)', `${(f.seedMs / 1000).toFixed(1)} s`]] : []),
        ['indexation complète (rebuild)', `${(f.buildMs / 1000).toFixed(1)} s`],
        ['  dont lecture des documents', `${(f.loadMs / 1000).toFixed(1)} s`],
        ['  dont écriture de l’index FTS5', `${((f.buildMs - f.loadMs) / 1000).toFixed(1)} s`],
        ['taille de la base', mib(f.fileBytes)],
        ['  dont index de recherche', mib(f.indexBytes)],
        ['  dont données', mib(f.dataBytes)],
        ['chargement en mémoire (init)', `${ms(f.memoryLoadMs)} ms`],
      ],
    ),
  );
}

const LATENCY_HEADERS = [
  '',
  'requêtes',
  'moyenne ms',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'CPU p50',
  'CPU p95',
  'CPU p99',
];

function summary(label: string, samples: Sample[]): (string | number)[] {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return [
    label,
    samples.length,
    ms(mean),
    ms(percentile(sorted, 50)),
    ms(percentile(sorted, 95)),
    ms(percentile(sorted, 99)),
    ms(sorted[sorted.length - 1]),
    ms(percentile(cpu, 50)),
    ms(percentile(cpu, 95)),
    ms(percentile(cpu, 99)),
  ];
}

export interface Passes {
  queries: BenchQuery[];
  /** Caches cleared before each query. */
  cold: Sample[];
  /** Second pass, caches on. */
  warm: Sample[];
  /** Cold, with bm25 unbounded. */
  coldUnbounded: Sample[];
}

function printLatency({ queries, cold, warm, coldUnbounded }: Passes): void {
  console.log('');
  console.log(`Latence de ${queries.length} requêtes mixtes (moteur SQLite, temps de engine.search) :`);
  console.log(
    table(LATENCY_HEADERS, [
      summary('à froid (sans cache)', cold),
      summary('à chaud (2e passage, cache)', warm),
      summary('à froid, bm25 sans limite', coldUnbounded),
    ]),
  );

  console.log('');
  console.log('Par catégorie (à froid) :');
  const categories = [...new Set(queries.map((q) => q.category))].sort();
  console.log(
    table(
      ['catégorie', ...LATENCY_HEADERS.slice(1), 'correspondances moy.'],
      categories.map((c) => {
        const samples = cold.filter((s) => s.category === c);
        const matches = samples.reduce((a, s) => a + s.matches, 0) / samples.length;
        return [...summary(c, samples), Math.round(matches)];
      }),
    ),
  );
}

const PHASE_NAMES: Record<Phase, string> = {
  plan: 'mots et fautes de frappe',
  match: 'correspondances FTS5',
  filter: 'filtres et géographie',
  order: 'tri (dont bm25)',
  facets: 'facettes',
  hits: 'résultats et extraits',
};

function printPhases(cold: Sample[]): void {
  console.log('');
  console.log('Temps par étape (à froid, ms) :');
  console.log(
    table(
      ['étape', 'moyenne', 'p50', 'p95', 'max'],
      PHASES.map((phase) => {
        const values = cold.map((s) => s.phases[phase]).sort((a, b) => a - b);
        return [
          PHASE_NAMES[phase],
          ms(values.reduce((a, b) => a + b, 0) / values.length),
          ms(percentile(values, 50)),
          ms(percentile(values, 95)),
          ms(values[values.length - 1]),
        ];
      }),
    ),
  );
}

const STRATEGIES: RankingStrategy[] = ['bm25-full', 'bm25-name-tier', 'default-order'];
const EXPLAIN: Record<RankingStrategy, string> = {
  none: '',
  'bm25-full': 'bm25 sur toutes les correspondances',
  'bm25-name-tier': 'bm25 sur les correspondances du nom, puis ordre par défaut',
  'default-order': 'correspondances du nom d’abord, ordre par défaut',
};

function printStrategies({ cold, coldUnbounded }: Passes): void {
  console.log('');
  console.log('Stratégie de classement des requêtes avec texte (à froid) :');
  console.log(
    table(
      [
        'stratégie',
        'requêtes',
        'correspondances moy.',
        'lignes bm25 moy.',
        'lignes bm25 max',
        'p95 ms',
        'p95 ms sans limite',
      ],
      STRATEGIES.map((strategy) => {
        const idx = cold.map((s, i) => (s.strategy === strategy ? i : -1)).filter((i) => i >= 0);
        const samples = idx.map((i) => cold[i]);
        const sortedMs = samples.map((s) => s.ms).sort((a, b) => a - b);
        const sortedUnbounded = idx.map((i) => coldUnbounded[i].ms).sort((a, b) => a - b);
        const mean = (f: (s: Sample) => number) =>
          samples.length ? Math.round(samples.reduce((a, s) => a + f(s), 0) / samples.length) : 0;
        return [
          `${strategy} (${EXPLAIN[strategy]})`,
          samples.length,
          mean((s) => s.matches),
          mean((s) => s.bm25Rows),
          samples.reduce((a, s) => Math.max(a, s.bm25Rows), 0),
          ms(percentile(sortedMs, 95)),
          ms(percentile(sortedUnbounded, 95)),
        ];
      }),
    ),
  );
}

function printSlowest({ queries, cold }: Passes): void {
  console.log('');
  console.log('Les 8 requêtes les plus lentes (à froid) :');
  const slowest = cold
    .map((sample, i) => ({ sample, query: queries[i].query }))
    .sort((a, b) => b.sample.ms - a.sample.ms)
    .slice(0, 8);
  console.log(
    table(
      ['requête', 'ms', 'correspondances', 'stratégie', 'étapes (ms)'],
      slowest.map(({ sample, query }) => {
        const { page: _page, perPage: _perPage, ...rest } = query;
        return [
          JSON.stringify(rest).slice(0, 70),
          ms(sample.ms),
          sample.matches,
          sample.strategy,
          PHASES.map((phase) => `${phase} ${sample.phases[phase].toFixed(1)}`).join(', '),
        ];
      }),
    ),
  );
}

/** Latency tables, phases, ranking strategies, slowest queries and the p95 objective. */
export function printPasses(passes: Passes): void {
  printLatency(passes);
  printPhases(passes.cold);
  printStrategies(passes);
  printSlowest(passes);
  const { cold } = passes;
  console.log('');
  const coldP95 = percentile(
    cold.map((s) => s.ms).sort((a, b) => a - b),
    95,
  );
  console.log('');
  const coldCpuP95 = percentile(
    cold.map((s) => s.cpuMs).sort((a, b) => a - b),
    95,
  );
  console.log(`Charge moyenne de la machine à la fin (1 / 5 / 15 min) : ${loadAverage()}`);
  console.log(
    `Objectif p95 < 25 ms à froid : ${coldP95 < 25 ? 'atteint' : 'NON atteint'} (${ms(coldP95)} ms ; temps CPU p95 ${ms(coldCpuP95)} ms).`,
  );
}
