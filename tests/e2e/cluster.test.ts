import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_JOBS } from '../../app/domain/jobs';
import { openDatabase } from '../../db/connection';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { ensureBuild, KNOWN_SUPPLIERS } from '../support/e2e';
import { closedPort } from '../support/net';
import { ROOT, TEMPLATE_DB, TMP_DIR } from '../support/paths';

// `npm start` with WEB_CONCURRENCY=2 (docs/decisions/330-332), seen from outside: scripts/start.ts on a fresh
// database (SEED_DEMO=0), two workers answering, a supplier written to the database found through both, the
// background work run by the primary only, a dead worker replaced, SIGTERM ending with 0, a bad WEB_CONCURRENCY
// refused. No browser.

interface Started {
  child: ChildProcess;
  log(): string;
  exited: Promise<number | null>;
}

function startCluster(env: Record<string, string>): Started {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', MEILI_HOST: '', SMTP_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, log: () => log, exited };
}

/** One GET; `agent` keeps its connection (so its worker) between calls, none opens a new connection each time. */
function get(url: string, agent: http.Agent | false = false): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, timeout: 5000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within 5 s: ${url}`)));
    request.on('error', reject);
  });
}

interface Health {
  status: string;
  process?: { worker: number; workers: number };
  outbox: { worker: { state: string } | null };
  mail: { worker: { state: string } | null };
}

const workerOf = async (url: string, agent: http.Agent | false = false) =>
  ((await get(`${url}/healthz`, agent)).body as Health).process?.worker;

/** Polls `probe` until it gives a value; fails at once when the cluster's primary has exited. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, cluster: Started, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = cluster.child;
    if (exitCode !== null || signalCode !== null)
      throw new Error(`${what}: the primary exited (${exitCode ?? signalCode})\n${cluster.log()}`);
    const value = await probe().catch((error: unknown) => {
      last = error;
      return undefined;
    });
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${seconds} s (last error: ${String(last)})\n${cluster.log()}`);
}

/** The processes the primary forked (the workers; not tsx's esbuild service). */
function workerPids(primary: number): number[] {
  return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(primary)], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('scripts/start.ts'))
    .map((line) => Number.parseInt(line.trim(), 10));
}

const file = path.join(TMP_DIR, `test-cluster-${process.pid}-${crypto.randomUUID()}.db`);
const dataDir = path.join(TMP_DIR, `cluster-${process.pid}-${crypto.randomUUID()}`);
let started: Started;
let url: string;

/** How many times each daily job was started, counted by a trigger the test adds to its own database. */
function jobStarts(): Record<string, number> {
  const database = openDatabase(file);
  try {
    const rows = database.sqlite
      .prepare('SELECT name, count(*) AS n FROM test_job_starts GROUP BY name ORDER BY name')
      .all() as { name: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  } finally {
    void database.close();
  }
}

beforeAll(async () => {
  ensureBuild();
  fs.copyFileSync(TEMPLATE_DB, file);
  const database = openDatabase(file);
  database.sqlite.exec(`
    CREATE TABLE test_job_starts (name TEXT NOT NULL, started_at TEXT);
    CREATE TRIGGER test_job_insert AFTER INSERT ON job_runs
      BEGIN INSERT INTO test_job_starts VALUES (NEW.name, NEW.last_started_at); END;
    CREATE TRIGGER test_job_update AFTER UPDATE OF last_started_at ON job_runs
      BEGIN INSERT INTO test_job_starts VALUES (NEW.name, NEW.last_started_at); END;`);
  await database.close();
  const port = await closedPort();
  url = `http://localhost:${port}`;
  started = startCluster({
    WEB_CONCURRENCY: '2',
    SEED_DEMO: '0',
    PORT: String(port),
    SITE_URL: url,
    DATABASE_PATH: file,
    MAIL_DIR: path.join(dataDir, 'mail'),
    UPLOADS_DIR: path.join(dataDir, 'uploads'),
  });
  // The primary prepares the database, then each worker loads the build and its engine: slow on a busy machine.
  await until('ready', async () => (started.log().includes('Maillage est prêt') ? true : undefined), started, 120);
});

afterAll(async () => {
  if (started?.child.exitCode === null) {
    started.child.kill('SIGKILL');
    await started.exited;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start with WEB_CONCURRENCY=2', () => {
  it('answers from two worker processes, each showing the background work the primary runs', async () => {
    expect(started.log()).toContain(`Maillage est prêt : ${url} (2 processus de service)`);
    const seen = new Map<number, Health>();
    for (let i = 0; i < 6; i++) {
      const health = (await get(`${url}/healthz`)).body as Health;
      seen.set(health.process!.worker, health);
    }
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    for (const health of seen.values()) {
      expect(health).toMatchObject({ status: 'ok', process: { workers: 2 } });
      // Relayed from the primary within a second of the worker's start.
      expect(health.outbox.worker?.state).toMatch(/^(idle|draining)$/);
      expect(health.mail.worker?.state).toMatch(/^(idle|sending)$/);
    }
  });

  it('finds a supplier written to the database through both workers within seconds', async () => {
    // One kept-alive connection per worker: each agent's requests all reach the worker it first reached.
    const agents = new Map<number, http.Agent>();
    for (let i = 0; i < 10 && agents.size < 2; i++) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const worker = await workerOf(url, agent);
      if (worker !== undefined && !agents.has(worker)) agents.set(worker, agent);
      else agent.destroy();
    }
    expect(agents.size).toBe(2);
    const search = `${url}/api/v1/suppliers?q=quintaine`;
    for (const agent of agents.values()) expect((await get(search, agent)).body).toMatchObject({ total: 0 });

    const database = openDatabase(file);
    await database.db.transaction().execute((trx) => upsertSupplierBySiret(trx, KNOWN_SUPPLIERS.quintaine));
    await database.close();

    for (const [worker, agent] of agents) {
      await until(
        `worker ${worker} finds the new supplier`,
        async () => (((await get(search, agent)).body as { total: number }).total === 1 ? true : undefined),
        started,
      );
      expect(await workerOf(url, agent)).toBe(worker);
      agent.destroy();
    }
  });

  it('runs the daily jobs once, in the primary: a replaced worker does not run them', async () => {
    const once = Object.fromEntries(DAILY_JOBS.map((name) => [name, 1]));
    expect(jobStarts()).toEqual(once);
    // Every job due again: a worker that ran the background work would run them all at its start.
    const database = openDatabase(file);
    database.sqlite.prepare("UPDATE job_runs SET next_due_at = '2000-01-01T00:00:00.000Z'").run();
    await database.close();

    const [victim] = workerPids(started.child.pid!);
    process.kill(victim, 'SIGKILL');
    await until(
      'a third worker',
      async () => {
        const workers = new Set<number | undefined>();
        for (let i = 0; i < 4; i++) workers.add(await workerOf(url));
        return workers.has(3) && workers.size === 2 ? true : undefined;
      },
      started,
    );
    expect(started.log()).toMatch(/"pid":\d+,"exitCode":null,"signal":"SIGKILL","message":"processus worker-\d arrêté/);
    expect(started.log()).toContain('remplacé');
    expect(jobStarts()).toEqual(once);
  });

  it('stops on SIGTERM: the workers close, then the primary exits 0', async () => {
    const workers = workerPids(started.child.pid!);
    expect(workers).toHaveLength(2);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.log()).toContain('Arrêt demandé (SIGTERM)');
    expect(started.log()).toContain('Maillage est arrêté.');
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    await expect(get(`${url}/healthz`)).rejects.toThrow();
    // Stopping is not crashing: no worker was replaced after the signal.
    expect(started.log().match(/remplacé/g)).toHaveLength(1);
  });
});

describe('a bad WEB_CONCURRENCY', () => {
  it.each([
    ['0', 'WEB_CONCURRENCY: au moins 1 processus'],
    ['65', 'WEB_CONCURRENCY: au plus 64 processus'],
    ['deux', 'WEB_CONCURRENCY: nombre entier de processus attendu, de 1 à 64'],
  ])('refuses %s with its French message and exit code 2, before touching the database', async (value, message) => {
    const missing = path.join(dataDir, `never-${value}.db`);
    const run = startCluster({ WEB_CONCURRENCY: value, DATABASE_PATH: missing, SITE_URL: 'http://localhost:1' });
    expect(await run.exited).toBe(2);
    expect(run.log()).toContain("Variables d'environnement invalides");
    expect(run.log()).toContain(message);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
