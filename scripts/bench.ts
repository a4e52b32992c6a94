import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase, type OpenedDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from '../db/reference/index';
import { mulberry32 } from '../db/seed/random';
import { MAX_SEED_SUPPLIERS, seedDemoData } from '../db/seed/index';
import { iteratePublishedDocuments } from '../search/documents';
import {
  createSqliteEngine,
  PHASES,
  type Phase,
  type RankingStrategy,
  type SqliteEngine,
} from '../search/sqlite/engine';
import { tokenize } from '../search/text';
import type { SearchQuery, SupplierDocument } from '../search/types';
import { percentile } from './lib/percentile';

// `npm run bench -- [--suppliers N] [--seed S] [--queries Q] [--database PATH] [--keep]`
// Builds a database of N demo suppliers in a temporary file (or reuses --database), indexes it with the
// SQLite engine, then runs a fixed, seeded set of mixed queries (1-3 words, typos, prefixes, facets,
// radius, coverage, identifiers, sorts, pages) and prints build time, database size and latency
// percentiles: cold (no cache: every query pays FTS5 and bm25), warm (second pass, caches on), and cold
// with bm25 unbounded, which shows what the bm25 budget saves on broad queries.

const argsSchema = z.object({
  suppliers: z.coerce
    .number({ invalid_type_error: '--suppliers doit être un nombre entier.' })
    .int('--suppliers doit être un nombre entier.')
    .min(1, '--suppliers doit être au moins 1.')
    .max(MAX_SEED_SUPPLIERS, `--suppliers ne peut pas dépasser ${MAX_SEED_SUPPLIERS}.`)
    .default(100_000),
  seed: z.coerce
    .number({ invalid_type_error: '--seed doit être un nombre entier.' })
    .int('--seed doit être un nombre entier.')
    .min(0, '--seed doit être positif ou nul.')
    .max(2 ** 32 - 1, `--seed ne peut pas dépasser ${2 ** 32 - 1}.`)
    .default(42),
  queries: z.coerce
    .number({ invalid_type_error: '--queries doit être un nombre entier.' })
    .int('--queries doit être un nombre entier.')
    .min(200, '--queries doit être au moins 200.')
    .max(100_000, '--queries ne peut pas dépasser 100000.')
    .default(240),
  database: z.string().min(1, '--database ne peut pas être vide.').optional(),
  keep: z.boolean().default(false),
});

function fail(message: string): never {
  console.error(message);
  console.error('Usage : npm run bench -- [--suppliers N] [--seed S] [--queries Q] [--database CHEMIN] [--keep]');
  process.exit(2);
}

let raw: ReturnType<typeof parseArgs>['values'];
try {
  raw = parseArgs({
    options: {
      suppliers: { type: 'string' },
      seed: { type: 'string' },
      queries: { type: 'string' },
      database: { type: 'string' },
      keep: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(`Arguments invalides : ${error instanceof Error ? error.message : String(error)}`);
}
for (const key of ['suppliers', 'seed', 'queries'] as const) {
  if (raw[key] !== undefined && String(raw[key]).trim() === '') fail(`--${key} ne peut pas être vide.`);
}
const parsed = argsSchema.safeParse(raw);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('\n'));
const args = parsed.data;

// ---------------------------------------------------------------------------------------------------
// Output helpers

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} Mio`;

function fileSize(file: string): number {
  return [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

// ---------------------------------------------------------------------------------------------------
// The query set

type Category =
  | 'one word'
  | 'two or three words'
  | 'typo'
  | 'prefix'
  | 'text + facets'
  | 'facets only'
  | 'radius'
  | 'coverage'
  | 'identifier'
  | 'sort / page';

interface BenchQuery {
  category: Category;
  query: SearchQuery;
}

interface Reference {
  kinds: string[];
  sectors: string[];
  departements: string[];
  regions: string[];
  labels: string[];
  cities: { code: string; name: string; departement: string; region: string; lat: number; lon: number }[];
  broadWords: string[];
  mediumWords: string[];
  rareWords: string[];
  sirets: string[];
  postcodes: string[];
}

/** What buyers type: trades, in their usual words (some with accents, some without). */
const TRADE_QUERIES = [
  'nettoyage',
  'nettoyage bureaux',
  'entretien espaces verts',
  'espaces verts',
  'restauration collective',
  'traiteur',
  'blanchisserie',
  'recyclage',
  'imprimerie',
  'menuiserie',
  'déménagement',
  'informatique',
  'reconditionnement ordinateurs',
  'conditionnement',
  'couture',
  'élagage',
  'livraison vélo',
  'plateaux repas',
  'collecte déchets',
  'peinture',
  'maçonnerie',
  'événementiel',
  'routage',
  'numérisation',
  'archives',
  'jardinage',
  'tonte',
  'lavage vitres',
  'entretien locaux',
  'repassage',
  'linge',
  'mobilier',
  'signalétique',
  'second oeuvre',
  'désinfection',
  'portage repas',
  'débroussaillage',
  'vêtements de travail',
  'sous-traitance industrielle',
  'accueil',
];

const MUTATIONS = ['substitute', 'delete', 'insert', 'transpose'] as const;

function typo(word: string, edits: number, rand: () => number): string {
  let chars = [...word];
  for (let e = 0; e < edits; e++) {
    // Never the first letter: a typo there counts double.
    const i = 1 + Math.floor(rand() * Math.max(1, chars.length - 2));
    const kind = MUTATIONS[Math.floor(rand() * MUTATIONS.length)];
    const letter = 'aeiourstnl'[Math.floor(rand() * 10)];
    if (kind === 'substitute') chars[i] = chars[i] === letter ? 'x' : letter;
    else if (kind === 'delete') chars.splice(i, 1);
    else if (kind === 'insert') chars.splice(i, 0, letter);
    else if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
    else chars[i] = letter;
    chars = chars.filter((c) => c !== undefined);
  }
  return chars.join('');
}

function buildQueries(ref: Reference, count: number, seed: number): BenchQuery[] {
  const rand = mulberry32(seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const some = <T>(items: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(rand() * max);
    return [...new Set(Array.from({ length: n }, () => pick(items)))];
  };
  const base = (): SearchQuery => ({ page: 1, perPage: 20 });
  const word = () => {
    const r = rand();
    return r < 0.3 ? pick(ref.broadWords) : r < 0.75 ? pick(ref.mediumWords) : pick(ref.rareWords);
  };
  const text = () => (rand() < 0.6 ? pick(TRADE_QUERIES) : word());
  const facets = (q: SearchQuery): SearchQuery => {
    const r = rand();
    if (r < 0.25) q.kinds = some(ref.kinds, 2);
    else if (r < 0.45) q.sectors = some(ref.sectors, 2);
    else if (r < 0.65) q.departements = some(ref.departements, 2);
    else if (r < 0.8) q.regions = [pick(ref.regions)];
    else if (r < 0.9) q.labels = [pick(ref.labels)];
    else q.charter = ['verified'];
    if (rand() < 0.3) q.kinds = some(ref.kinds, 2);
    return q;
  };
  const generators: [Category, number, () => SearchQuery][] = [
    [
      'one word',
      0.14,
      () => ({ ...base(), q: rand() < 0.5 ? pick(TRADE_QUERIES.filter((t) => !t.includes(' '))) : word() }),
    ],
    [
      'two or three words',
      0.12,
      () => ({
        ...base(),
        q:
          rand() < 0.5
            ? pick(TRADE_QUERIES.filter((t) => t.includes(' ')))
            : `${word()} ${word()}${rand() < 0.3 ? ` ${pick(ref.cities).name}` : ''}`,
      }),
    ],
    [
      'typo',
      0.12,
      () => {
        const words = tokenize(text());
        const i = Math.floor(rand() * words.length);
        const w = words[i];
        words[i] = w.length >= 9 ? typo(w, 1 + Math.floor(rand() * 2), rand) : w.length >= 5 ? typo(w, 1, rand) : w;
        return { ...base(), q: words.join(' ') };
      },
    ],
    [
      'prefix',
      0.08,
      () => {
        const w = tokenize(text());
        const last = w[w.length - 1];
        w[w.length - 1] = last.slice(0, Math.max(2, Math.ceil(last.length * (0.4 + rand() * 0.4))));
        return { ...base(), q: w.join(' ') };
      },
    ],
    ['text + facets', 0.16, () => facets({ ...base(), q: text() })],
    ['facets only', 0.08, () => facets(base())],
    [
      'radius',
      0.12,
      () => {
        const city = pick(ref.cities);
        const q: SearchQuery = {
          ...base(),
          near: { lat: city.lat, lon: city.lon, radiusKm: pick([5, 10, 20, 30, 50]) },
        };
        if (rand() < 0.6) q.q = text();
        if (rand() < 0.3) q.sort = 'distance';
        return q;
      },
    ],
    [
      'coverage',
      0.07,
      () => {
        const city = pick(ref.cities);
        const q: SearchQuery = {
          ...base(),
          covers: {
            commune: city.code,
            departement: city.departement,
            region: city.region,
            lat: city.lat,
            lon: city.lon,
          },
        };
        if (rand() < 0.6) q.q = text();
        if (rand() < 0.3) q.kinds = some(ref.kinds, 2);
        return q;
      },
    ],
    [
      'identifier',
      0.04,
      () => {
        const r = rand();
        const siret = pick(ref.sirets);
        return { ...base(), q: r < 0.4 ? siret : r < 0.7 ? siret.slice(0, 9) : pick(ref.postcodes) };
      },
    ],
    [
      'sort / page',
      0.07,
      () => {
        const q: SearchQuery = {
          ...base(),
          page: 1 + Math.floor(rand() * 5),
          sort: rand() < 0.5 ? 'name' : 'relevance',
        };
        if (rand() < 0.7) q.q = text();
        return q;
      },
    ],
  ];
  const out: BenchQuery[] = [];
  for (const [category, share, make] of generators) {
    const n = Math.max(1, Math.round(share * count));
    for (let i = 0; i < n; i++) out.push({ category, query: make() });
  }
  while (out.length < count) out.push({ category: 'one word', query: { ...base(), q: word() } });
  // Interleave the categories, deterministically.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.slice(0, Math.max(count, out.length));
}

async function readReference(database: OpenedDatabase, suppliers: number, seed: number): Promise<Reference> {
  const { sqlite } = database;
  const codes = (sql: string) => sqlite.prepare(sql).pluck().all() as string[];
  // Words of the index by document frequency: broad (over 5 % of the suppliers), medium, rare.
  const vocab = sqlite
    .prepare(`SELECT term, doc FROM search_vocab WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*' ORDER BY term`)
    .all() as { term: string; doc: number }[];
  const band = (min: number, max: number) => vocab.filter((v) => v.doc >= min && v.doc < max).map((v) => v.term);
  const rand = mulberry32(seed);
  const sample = <T>(items: T[], n: number) =>
    Array.from({ length: Math.min(n, items.length) }, () => items[Math.floor(rand() * items.length)]);
  const cities = sqlite
    .prepare(
      `SELECT code, name, departement_code AS departement, region_code AS region, latitude AS lat, longitude AS lon
         FROM communes WHERE approximate_location = 0 ORDER BY population DESC LIMIT 60`,
    )
    .all() as Reference['cities'];
  return {
    kinds: codes('SELECT code FROM structure_kinds ORDER BY position'),
    sectors: codes('SELECT code FROM sectors ORDER BY code'),
    departements: codes('SELECT code FROM departements ORDER BY code'),
    regions: codes('SELECT code FROM regions ORDER BY code'),
    labels: codes('SELECT code FROM labels ORDER BY code'),
    cities,
    broadWords: sample(band(Math.ceil(suppliers * 0.05), Infinity), 40),
    mediumWords: sample(band(Math.ceil(suppliers * 0.002), Math.ceil(suppliers * 0.05)), 80),
    rareWords: sample(band(1, Math.max(2, Math.ceil(suppliers * 0.002))), 80),
    sirets: codes("SELECT siret FROM suppliers WHERE publication_status = 'published' ORDER BY id LIMIT 2000").filter(
      (_, i) => i % 97 === 0,
    ),
    postcodes: codes(
      'SELECT DISTINCT postcode FROM suppliers WHERE postcode IS NOT NULL ORDER BY postcode LIMIT 500',
    ).filter((_, i) => i % 37 === 0),
  };
}

// ---------------------------------------------------------------------------------------------------
// Measurement

interface Sample {
  category: Category;
  /** Wall-clock time of engine.search. */
  ms: number;
  /** CPU time of this process during engine.search: close to the wall time on an idle machine, and a
   * steadier figure when other processes compete for the cores. */
  cpuMs: number;
  strategy: RankingStrategy;
  bm25Rows: number;
  matches: number;
  total: number;
  phases: Record<Phase, number>;
}

async function runPass(engine: SqliteEngine, queries: BenchQuery[], cold: boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const { category, query } of queries) {
    if (cold) engine.clearCaches();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await engine.search(query);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const stats = engine.lastStats();
    samples.push({
      category,
      ms: elapsed,
      cpuMs: (used.user + used.system) / 1000,
      strategy: stats.strategy,
      bm25Rows: stats.bm25Rows,
      matches: stats.matches,
      total: result.total,
      phases: stats.phases,
    });
  }
  return samples;
}

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

// ---------------------------------------------------------------------------------------------------
// Main

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
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

const temporaryDir = args.database ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-'));
const file = args.database ?? path.join(temporaryDir as string, 'bench.db');
console.log(
  `Machine : ${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? 'inconnu'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} Gio, Node ${process.version}`,
);
console.log(`Base : ${file}`);
console.log(`Charge moyenne de la machine au départ (1 / 5 / 15 min) : ${loadAverage()}`);

const database = openDatabase(file);
let exitCode = 0;
try {
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  const existing = database.sqlite.prepare(`SELECT count(*) FROM suppliers`).pluck().get() as number;
  let seedMs = 0;
  if (existing < args.suppliers) {
    console.log(`Création de ${args.suppliers} fournisseurs (graine ${args.seed})…`);
    const started = performance.now();
    await seedDemoData(database, {
      suppliers: args.suppliers,
      seed: args.seed,
      onProgress: (done, total) => {
        if (done % 10_000 === 0 || done === total) process.stdout.write(`\r  ${done}/${total}`);
      },
    });
    seedMs = performance.now() - started;
    process.stdout.write('\n');
  }
  const published = database.sqlite
    .prepare(`SELECT count(*) FROM suppliers WHERE publication_status = 'published'`)
    .pluck()
    .get() as number;

  // Index build: time spent reading documents from the database vs. indexing them.
  const engine = createSqliteEngine(database.sqlite);
  await engine.init();
  let loadMs = 0;
  async function* timed(source: AsyncGenerator<SupplierDocument[]>): AsyncGenerator<SupplierDocument[]> {
    for (;;) {
      const started = performance.now();
      const next = await source.next();
      loadMs += performance.now() - started;
      if (next.done) return;
      yield next.value;
    }
  }
  console.log(`Indexation de ${published} fournisseurs publiés…`);
  const buildStarted = performance.now();
  const indexed = await engine.rebuild(timed(iteratePublishedDocuments(database.db, 1000)), (n) => {
    if (n % 10_000 === 0) process.stdout.write(`\r  ${n}/${published}`);
  });
  const buildMs = performance.now() - buildStarted;
  process.stdout.write('\n');
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // What a server pays at start (or when another process changed the index): tables -> memory.
  const reloadStarted = performance.now();
  const fresh = createSqliteEngine(database.sqlite);
  await fresh.init();
  const memoryLoadMs = performance.now() - reloadStarted;
  await fresh.close();

  const sizes = database.sqlite
    .prepare(
      `SELECT CASE WHEN name LIKE 'search%' THEN 'index' ELSE 'data' END AS part, sum(pgsize) AS bytes FROM dbstat GROUP BY part`,
    )
    .all() as { part: string; bytes: number }[];
  const sizeOf = (part: string) => sizes.find((s) => s.part === part)?.bytes ?? 0;

  console.log('');
  console.log(
    table(
      ['Construction', 'valeur'],
      [
        ['fournisseurs indexés', indexed],
        ...(seedMs > 0 ? [['création des données (seed)', `${(seedMs / 1000).toFixed(1)} s`]] : []),
        ['indexation complète (rebuild)', `${(buildMs / 1000).toFixed(1)} s`],
        ['  dont lecture des documents', `${(loadMs / 1000).toFixed(1)} s`],
        ['  dont écriture de l’index FTS5', `${((buildMs - loadMs) / 1000).toFixed(1)} s`],
        ['taille de la base', mib(fileSize(file))],
        ['  dont index de recherche', mib(sizeOf('index'))],
        ['  dont données', mib(sizeOf('data'))],
        ['chargement en mémoire (init)', `${ms(memoryLoadMs)} ms`],
      ],
    ),
  );

  const reference = await readReference(database, published, args.seed);
  const queries = buildQueries(reference, args.queries, args.seed);

  // Warm-up: JIT and SQLite page cache, not measured.
  await runPass(engine, queries.slice(0, 30), true);
  const cold = await runPass(engine, queries, true);
  const warmEngine = createSqliteEngine(database.sqlite, { cacheSize: 1024 });
  await warmEngine.init();
  await runPass(warmEngine, queries, false);
  const warm = await runPass(warmEngine, queries, false);
  const unbounded = createSqliteEngine(database.sqlite, { bm25Budget: Number.POSITIVE_INFINITY });
  await unbounded.init();
  await runPass(unbounded, queries.slice(0, 30), true);
  const coldUnbounded = await runPass(unbounded, queries, true);

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

  console.log('');
  console.log('Temps par étape (à froid, ms) :');
  const phaseNames: Record<Phase, string> = {
    plan: 'mots et fautes de frappe',
    match: 'correspondances FTS5',
    filter: 'filtres et géographie',
    order: 'tri (dont bm25)',
    facets: 'facettes',
    hits: 'résultats et extraits',
  };
  console.log(
    table(
      ['étape', 'moyenne', 'p50', 'p95', 'max'],
      PHASES.map((phase) => {
        const values = cold.map((s) => s.phases[phase]).sort((a, b) => a - b);
        return [
          phaseNames[phase],
          ms(values.reduce((a, b) => a + b, 0) / values.length),
          ms(percentile(values, 50)),
          ms(percentile(values, 95)),
          ms(values[values.length - 1]),
        ];
      }),
    ),
  );

  console.log('');
  console.log('Stratégie de classement des requêtes avec texte (à froid) :');
  const strategies: RankingStrategy[] = ['bm25-full', 'bm25-name-tier', 'default-order'];
  const explain: Record<RankingStrategy, string> = {
    none: '',
    'bm25-full': 'bm25 sur toutes les correspondances',
    'bm25-name-tier': 'bm25 sur les correspondances du nom, puis ordre par défaut',
    'default-order': 'correspondances du nom d’abord, ordre par défaut',
  };
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
      strategies.map((strategy) => {
        const idx = cold.map((s, i) => (s.strategy === strategy ? i : -1)).filter((i) => i >= 0);
        const samples = idx.map((i) => cold[i]);
        const sortedMs = samples.map((s) => s.ms).sort((a, b) => a - b);
        const sortedUnbounded = idx.map((i) => coldUnbounded[i].ms).sort((a, b) => a - b);
        const mean = (f: (s: Sample) => number) =>
          samples.length ? Math.round(samples.reduce((a, s) => a + f(s), 0) / samples.length) : 0;
        return [
          `${strategy} (${explain[strategy]})`,
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
  await Promise.all([engine.close(), warmEngine.close(), unbounded.close()]);
} catch (error) {
  console.error('Le banc d’essai a échoué :', error instanceof Error ? (error.stack ?? error.message) : error);
  exitCode = 1;
} finally {
  await database.close();
  if (temporaryDir && !args.keep) fs.rmSync(temporaryDir, { recursive: true, force: true });
  else if (temporaryDir) console.log(`Base conservée : ${file}`);
}
process.exit(exitCode);
