import { createRequire } from 'node:module';
import os from 'node:os';
import { z } from 'zod';
import { EXIT_CODES } from '../app/domain/failure';
import { integerOption, readEnv, runCommand, runIfMain, type CommandSpec } from './lib/cli';
import { scriptDatabase } from './lib/database-option';
import {
  BENCH_ACCOUNTS,
  BENCH_PASSWORD,
  benchEmail,
  benchIp,
  ensureBenchAccounts,
  formBody,
} from './lib/bench-http-accounts';
import { prepareSheetBench, type SheetBench } from './lib/bench-http-sheet';
import { percentile } from './lib/percentile';

// `npm run bench:http [-- --url http://localhost:3000 --duration 15 --connections 16]`
// Loads the RUNNING server (start it with `npm start` first) with autocannon: the search page and the JSON API
// over a rotating set of queries, offer sheets, the home page, the tender list, log-in and sheet saves. Prints
// requests per second, the ratio to a trivial route of the same stack measured in the same run (/healthz/live),
// latency percentiles (p95 computed from every response time, since autocannon reports p97.5 but not p95) and
// whether each goal of issue 8 is met (docs/decisions/300).

const require = createRequire(import.meta.url);
// autocannon ships no types.
const autocannon = require('autocannon') as (
  options: Record<string, unknown>,
) => NodeJS.EventEmitter &
  PromiseLike<{ requests: { average: number }; non2xx: number; errors: number; timeouts: number }>;

/** One target: GET paths over the rotating queries, or a POST whose body and headers change per request. */
type Target =
  | { label: string; pathFor: (query: string, n: number) => string }
  | {
      label: string;
      post: (i: number) => { path: string; body: string; headers: Record<string, string> };
      ok: number[];
    };

const TARGET_KEYS = ['page', 'api', 'sheet', 'home', 'tenders', 'login', 'save'] as const;
type TargetKey = (typeof TARGET_KEYS)[number];

export const BENCH_HTTP_COMMAND = {
  command: 'npm run bench:http --',
  synopsis: '[--url URL] [--duration SECONDES] [--connections N] [--database FICHIER] [--only CIBLES]',
  example: '--url http://localhost:3000',
  options: {
    url: { type: 'string', value: 'URL', description: 'serveur à charger (par défaut http://localhost:3000)' },
    duration: { type: 'string', value: 'SECONDES', description: 'durée par cible (15 par défaut)' },
    connections: { type: 'string', value: 'N', description: 'connexions simultanées (16 par défaut)' },
    database: {
      type: 'string',
      value: 'FICHIER',
      description:
        'base SQLite du serveur, pour préparer le propriétaire de fiche (DATABASE_PATH par défaut ; avec DATABASE_URL, la base PostgreSQL)',
    },
    only: {
      type: 'string',
      value: 'CIBLES',
      description: `cibles à mesurer, séparées par des virgules, parmi ${TARGET_KEYS.join(', ')} (toutes par défaut ; la route triviale est toujours mesurée)`,
    },
  },
  schema: z.object({
    url: z
      .string()
      .url('--url doit être une adresse http(s)://…')
      .regex(/^https?:\/\//, '--url doit être une adresse http(s)://…')
      .default('http://localhost:3000')
      .transform((u) => u.replace(/\/$/, '')),
    duration: integerOption('--duration', { min: 1, max: 3600, fallback: 15 }),
    connections: integerOption('--connections', { min: 1, max: 1000, fallback: 16 }),
    database: z.string().trim().min(1, '--database ne peut pas être vide.').optional(),
    only: z
      .string()
      .optional()
      .transform((value) => (value === undefined ? [...TARGET_KEYS] : value.split(',').map((v) => v.trim())))
      .pipe(
        z
          .array(
            z.enum(TARGET_KEYS, {
              errorMap: () => ({ message: `--only : cibles possibles ${TARGET_KEYS.join(', ')}` }),
            }),
          )
          .min(1, '--only : au moins une cible'),
      ),
  }),
  footer: [
    'Démarrez le serveur avant (npm start), sur la même machine (la fiche se prépare dans sa base).',
    'La base est DATABASE_URL (PostgreSQL) si elle est définie, sinon le fichier SQLite, comme pour npm start.',
  ].join('\n'),
} satisfies CommandSpec<z.ZodTypeAny>;

type BenchArgs = z.output<(typeof BENCH_HTTP_COMMAND)['schema']>;

const queries = [
  'q=nettoyage',
  'q=espaces+verts&departement=69',
  'q=restauraton',
  'q=blanchisserie&kind=ESAT',
  'kind=EI&kind=ACI',
  'q=imprimerie&region=84',
  'q=menuiserie+bois',
  'commune=75056&radius_km=50',
  'q=recyclage&commune=69123',
  'q=traiteur&charter=verified',
  '',
  'q=logistique&page=2',
  'q=blanchiserie',
  'kind=ESAT&region=84',
  'departement=13&charter=verified',
  'q=traiteur&page=3',
];

async function load({ url: base, duration, connections }: BenchArgs, target: Target) {
  const times: number[] = [];
  let i = 0;
  let unexpected = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const n = i++;
          if ('pathFor' in target) return { ...request, path: target.pathFor(queries[n % queries.length], n) };
          const post = target.post(n);
          return {
            ...request,
            method: 'POST',
            path: post.path,
            body: post.body,
            headers: { ...(request.headers as Record<string, string>), ...post.headers },
          };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    const expected = 'pathFor' in target ? status >= 200 && status < 300 : target.ok.includes(status);
    if (!expected) unexpected += 1;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    label: target.label,
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts + unexpected,
  };
}

/** POST /connexion with the bench accounts in turn, each request from its own address: a 302 is a log-in. */
function logInTarget(base: string): Target {
  return {
    label: 'log-in POST /connexion',
    ok: [302, 303],
    post: (i) => ({
      path: '/connexion',
      body: formBody({ email: benchEmail(i % BENCH_ACCOUNTS), password: BENCH_PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-forwarded-for': benchIp(i) },
    }),
  };
}

/** POST the offer-sheet editor as its owner, the two bodies in turn: a 302 back to the editor is a save. */
function sheetSaveTarget(base: string, sheet: SheetBench): Target {
  return {
    label: 'sheet save POST /organisations/:id/fiche',
    ok: [302, 303],
    post: (i) => ({
      path: sheet.path,
      body: sheet.bodies[i % 2],
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: sheet.cookie },
    }),
  };
}

/** A goal of issue 8: at least `ratio` of the trivial route's requests per second, and a p95 bound when given. */
interface Goal {
  ratio: number;
  p95Ms?: number;
}

type Row = Awaited<ReturnType<typeof load>> & { goal?: Goal };

/** Up to `count` slugs of published sheets, found through the API over the rotating queries. */
async function sampleSlugs(base: string, count: number): Promise<string[]> {
  const slugs = new Set<string>();
  for (const query of queries) {
    const answer = await fetch(`${base}/api/v1/suppliers?${query}`);
    if (!answer.ok) continue;
    const body = (await answer.json()) as { hits?: { slug?: string }[] };
    for (const hit of body.hits ?? []) if (hit.slug) slugs.add(hit.slug);
    if (slugs.size >= count) break;
  }
  return [...slugs].slice(0, count);
}

function verdict(row: Row, trivialRps: number): string {
  if (!row.goal) return '';
  const ratio = row.rps / trivialRps;
  const ratioOk = ratio >= row.goal.ratio;
  const p95Ok = row.goal.p95Ms === undefined || row.p95 <= row.goal.p95Ms;
  const wanted = `≥ ${row.goal.ratio}${row.goal.p95Ms === undefined ? '' : `, p95 ≤ ${row.goal.p95Ms} ms`}`;
  return `${ratioOk && p95Ok ? 'met' : 'MISSED'} (${wanted})`;
}

async function bench(args: BenchArgs): Promise<number> {
  const { url: base, duration, connections } = args;
  const health = await fetch(`${base}/healthz`).catch(() => null);
  if (!health?.ok) {
    console.error(`Aucun serveur en bonne santé à ${base} (GET /healthz) : démarrez-le avant avec \`npm start\`.`);
    return EXIT_CODES.usage;
  }

  console.log(
    `Load: ${connections} connections, ${duration} s per target, ${queries.length} rotating queries, server ${base}`,
  );
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const wanted = new Set<TargetKey>(args.only);
  const sheet = wanted.has('save') ? await prepareSheetBench(scriptDatabase(args.database, readEnv())) : undefined;
  if (wanted.has('login')) {
    const failedSignUps = await ensureBenchAccounts(base);
    if (failedSignUps > 0) console.warn(`${failedSignUps} comptes de banc d’essai n’ont pas pu être créés.`);
  }
  const slugs = await sampleSlugs(base, queries.length);
  if (wanted.has('sheet') && slugs.length === 0) {
    console.error('Aucune fiche publiée trouvée par l’API : la base du serveur est-elle vide ?');
    return EXIT_CODES.usage;
  }
  const targets: Record<TargetKey, () => { target: Target; goal?: Goal }> = {
    page: () => ({
      target: { label: 'page /fournisseurs', pathFor: (q) => `/fournisseurs?${q}` },
      goal: { ratio: 0.25, p95Ms: 60 },
    }),
    api: () => ({
      target: { label: 'API /api/v1/suppliers', pathFor: (q) => `/api/v1/suppliers?${q}` },
      goal: { ratio: 0.5, p95Ms: 25 },
    }),
    sheet: () => ({
      target: {
        label: 'offer sheet /fournisseurs/:slug',
        pathFor: (_q, n) => `/fournisseurs/${slugs[n % slugs.length]}`,
      },
      goal: { ratio: 0.5 },
    }),
    home: () => ({ target: { label: 'home page /', pathFor: () => '/' }, goal: { ratio: 0.5 } }),
    tenders: () => ({
      target: { label: 'tender list /appels-d-offres', pathFor: () => '/appels-d-offres' },
      goal: { ratio: 0.5 },
    }),
    login: () => ({ target: logInTarget(base) }),
    save: () => ({ target: sheetSaveTarget(base, sheet!) }),
  };
  const trivial: Target = { label: 'trivial route /healthz/live', pathFor: () => '/healthz/live' };
  // The trivial route is measured first and last; the reference is their mean, so a drift of the machine during
  // the run (another process, thermal limits) weighs on both sides of each ratio alike.
  // Warm-up, not measured: every process's JIT and caches see each GET target once (a cluster's workers too).
  const warmPaths = [
    '/healthz/live',
    '/',
    '/appels-d-offres',
    ...queries.flatMap((q) => [`/fournisseurs?${q}`, `/api/v1/suppliers?${q}`]),
    ...slugs.map((slug) => `/fournisseurs/${slug}`),
  ];
  await load(
    { ...args, duration: Math.min(5, args.duration) },
    { label: 'warm-up', pathFor: (_q, n) => warmPaths[n % warmPaths.length] },
  );
  const first = await load(args, trivial);
  const rows: Row[] = [];
  for (const key of TARGET_KEYS) {
    if (!wanted.has(key)) continue;
    const { target, goal } = targets[key]();
    rows.push({ ...(await load(args, target)), goal });
  }
  const last = await load(args, trivial);
  const trivialRps = (first.rps + last.rps) / 2;
  console.table(
    [first, ...rows, last].map((r: Row) => ({
      target: r.label,
      'req/s': Math.round(r.rps),
      'of trivial': (r.rps / trivialRps).toFixed(2),
      'p50 ms': Math.round(r.p50 * 10) / 10,
      'p95 ms': Math.round(r.p95 * 10) / 10,
      'p99 ms': Math.round(r.p99 * 10) / 10,
      'errors/unexpected status': r.errors,
      'issue 8 goal': verdict(r, trivialRps),
    })),
  );
  console.log(`Trivial route reference: ${Math.round(trivialRps)} req/s (mean of the first and last runs).`);
  return EXIT_CODES.ok;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(BENCH_HTTP_COMMAND, argv, bench);
}

runIfMain(import.meta.filename, main);
