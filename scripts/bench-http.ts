import { createRequire } from 'node:module';
import os from 'node:os';
import { percentile } from './lib/percentile';

// `npm run bench:http [-- --url http://localhost:3000 --duration 15 --connections 16]`
// Loads the RUNNING server (start it with `npm start` first) with autocannon: the search page and the JSON API,
// over a rotating set of queries. Prints requests per second and latency percentiles (p95 computed from every
// response time, since autocannon itself reports p97.5 but not p95).

const require = createRequire(import.meta.url);
// autocannon ships no types.
const autocannon = require('autocannon') as (
  options: Record<string, unknown>,
) => NodeJS.EventEmitter &
  PromiseLike<{ requests: { average: number }; non2xx: number; errors: number; timeouts: number }>;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const base = arg('url', 'http://localhost:3000').replace(/\/$/, '');
const duration = Number(arg('duration', '15'));
const connections = Number(arg('connections', '16'));

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
];

async function load(label: string, pathFor: (query: string) => string) {
  const times: number[] = [];
  let i = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          path: pathFor(queries[i++ % queries.length]),
        }),
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
    times.push(responseTime),
  );
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    label,
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const health = await fetch(`${base}/healthz`).catch(() => null);
if (!health?.ok) {
  console.error(`No healthy server at ${base} (GET /healthz). Start it with \`npm start\` first.`);
  process.exit(1);
}

console.log(
  `Load: ${connections} connections, ${duration} s per target, ${queries.length} rotating queries, server ${base}`,
);
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const rows = [
  await load('page /fournisseurs', (q) => `/fournisseurs?${q}`),
  await load('API /api/v1/suppliers', (q) => `/api/v1/suppliers?${q}`),
];
console.table(
  rows.map((r) => ({
    target: r.label,
    'req/s': Math.round(r.rps),
    'p50 ms': r.p50,
    'p95 ms': r.p95,
    'p99 ms': r.p99,
    'errors/non-2xx': r.errors,
  })),
);
