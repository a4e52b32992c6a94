import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_JOBS } from '../../app/domain/jobs';
import { composeMail } from '../../app/domain/mail';
import { enqueueMail } from '../../db/repositories/mail-outbox';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { createTestDatabase, testsOnPostgres } from '../support/db';
import { createUser } from '../support/organisations';
import { ensureBuild, KNOWN_SUPPLIERS } from '../support/e2e';
import { closedPort } from '../support/net';
import { ROOT, TMP_DIR } from '../support/paths';

// Two instances of the site side by side on one PostgreSQL (issue 8 §2, docs/decisions/350-353): two `npm start`
// processes (WEB_CONCURRENCY=1), each with its own pool, its own embedded index file and its own background work.
// A supplier written to the database is found through both (each index follows search_changes on its own), its
// suspension and restoration through A's moderation form are followed by B's index (which then answers 304 to
// an ETag of A), each daily job runs once between them, and each queued mail is sent once. PostgreSQL only
// (TEST_DATABASE_URL).

interface Instance {
  name: string;
  url: string;
  mailDir: string;
  child: ChildProcess;
  log(): string;
  exited: Promise<number | null>;
}

const onPostgres = testsOnPostgres();
const database = onPostgres ? createTestDatabase() : undefined;
const dataDir = path.join(TMP_DIR, `instances-${process.pid}-${crypto.randomUUID()}`);
const instances: Instance[] = [];

async function startInstance(name: string, url: string): Promise<Instance> {
  const port = await closedPort();
  const dir = path.join(dataDir, name);
  const mailDir = path.join(dir, 'mail');
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      MEILI_HOST: '',
      SMTP_URL: '',
      WEB_CONCURRENCY: '1',
      SEED_DEMO: '0',
      PORT: String(port),
      SITE_URL: `http://localhost:${port}`,
      DATABASE_URL: url,
      SEARCH_INDEX_PATH: path.join(dir, 'search-index.db'),
      MAIL_DIR: mailDir,
      UPLOADS_DIR: path.join(dir, 'uploads'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, url: `http://localhost:${port}`, mailDir, child, log: () => log, exited };
}

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 5000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(text) as unknown);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within 5 s: ${url}`)));
    request.on('error', reject);
  });
}

/** A GET's status and ETag (the body is read and dropped). */
function getStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; etag?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: 5000, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: response.headers.etag }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within 5 s: ${url}`)));
    request.on('error', reject);
  });
}

/** Polls `probe` until it gives a value; fails at once when an instance has exited. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    for (const instance of instances)
      if (instance.child.exitCode !== null || instance.child.signalCode !== null)
        throw new Error(`${what}: instance ${instance.name} exited\n${instance.log()}`);
    const value = await probe().catch((error: unknown) => {
      last = error;
      return undefined;
    });
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${what}: not within ${seconds} s (last error: ${String(last)})\n${instances.map((i) => i.log()).join('\n')}`,
  );
}

/** A form POST with a cookie, as a browser on the same site sends it; resolves with the status code. */
function postForm(url: string, fields: Record<string, string>, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(fields).toString();
    const request = http.request(
      url,
      {
        method: 'POST',
        timeout: 5000,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          'Sec-Fetch-Site': 'same-origin',
          Cookie: cookie,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within 5 s: ${url}`)));
    request.on('error', reject);
    request.end(body);
  });
}

const emlFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : []);

beforeAll(async () => {
  if (!database || database.dialect !== 'postgres') return;
  ensureBuild();
  // Each job's starts, counted by triggers in this test's own database (the claim inserts or updates last_started_at).
  await sql`create table test_job_starts (name text not null, started_at text)`.execute(database.db);
  await sql`create function test_job_start() returns trigger language plpgsql as $$
    begin insert into test_job_starts values (new.name, new.last_started_at); return new; end $$`.execute(database.db);
  await sql`create trigger test_job_insert after insert on job_runs
    for each row execute function test_job_start()`.execute(database.db);
  await sql`create trigger test_job_update after update of last_started_at on job_runs
    for each row execute function test_job_start()`.execute(database.db);
  instances.push(await startInstance('a', database.url), await startInstance('b', database.url));
  for (const instance of instances)
    await until(
      `instance ${instance.name} ready`,
      async () => (instance.log().includes('Maillage est prêt') ? true : undefined),
      150,
    );
});

afterAll(async () => {
  for (const instance of instances) {
    if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGTERM');
    await instance.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(onPostgres)('two instances on one PostgreSQL', () => {
  it('find a supplier written to the database through both, and follow its suspension and restoration through A in B', async () => {
    const db = database!.db;
    const search = (instance: Instance) => getJson(`${instance.url}/api/v1/suppliers?q=quintaine`);
    for (const instance of instances) expect(await search(instance)).toMatchObject({ total: 0 });

    await db.transaction().execute((trx) => upsertSupplierBySiret(trx, KNOWN_SUPPLIERS.quintaine));

    for (const instance of instances)
      await until(`instance ${instance.name} finds the new supplier`, async () =>
        ((await search(instance)) as { total: number }).total === 1 ? true : undefined,
      );
    // A moderator suspends it through instance A (an HTTP form): instance B's index follows and drops it.
    const [a, b] = instances as [Instance, Instance];
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const supplier = await db
      .selectFrom('suppliers')
      .select('id')
      .where('siret', '=', KNOWN_SUPPLIERS.quintaine.siret)
      .executeTakeFirstOrThrow();
    const status = await postForm(
      `${a.url}/moderation/fournisseurs`,
      { supplierId: String(supplier.id), intent: 'suspend', reason: 'Fiche à vérifier avant publication.' },
      moderator.cookie,
    );
    expect(status).toBe(302);
    await until('instance b no longer finds the suspended supplier', async () =>
      ((await search(b)) as { total: number }).total === 0 ? true : undefined,
    );
    expect(await search(a)).toMatchObject({ total: 0 });
    // Restored through A: found through B again.
    expect(
      await postForm(
        `${a.url}/moderation/fournisseurs`,
        { supplierId: String(supplier.id), intent: 'restore', reason: 'Fiche vérifiée, republiée.' },
        moderator.cookie,
      ),
    ).toBe(302);
    await until('instance b finds the restored supplier', async () =>
      ((await search(b)) as { total: number }).total === 1 ? true : undefined,
    );
    // Behind a load balancer: once both indexes applied the same changes, B answers 304 to the ETag that A gave
    // (docs/decisions/324; A's immediate removal at the suspension made its index's version its own for a while).
    const api = (instance: Instance) => `${instance.url}/api/v1/suppliers?q=quintaine`;
    const etag = await until('both instances give the same ETag', async () => {
      const [fromA, fromB] = await Promise.all([getStatus(api(a)), getStatus(api(b))]);
      return fromA.etag && fromA.etag === fromB.etag ? fromA.etag : undefined;
    });
    expect(etag).not.toContain('~');
    expect(await getStatus(api(b), { 'if-none-match': etag })).toEqual({ status: 304, etag });
    // Two consumers, one per index, each with its own cursor past the change.
    const cursors = await db
      .selectFrom('search_feed_cursors')
      .select(['consumer', 'seq'])
      .where('consumer', 'like', 'sqlite:%')
      .execute();
    expect(cursors).toHaveLength(2);
  });

  // Both instances check the jobs at their start, a moment apart: this shows the second finds them claimed. The
  // simultaneous claim (which the previous read-then-run code lost) is forced in daily-jobs-instances.test.ts.
  it('run each daily job once between them', async () => {
    const db = database!.db;
    await until('every job ran', async () => {
      const rows = await db.selectFrom('job_runs').select('name').where('last_ok_at', 'is not', null).execute();
      return rows.length === DAILY_JOBS.length ? true : undefined;
    });
    const starts = await sql<{ name: string; n: number }>`select name, count(*) as n from test_job_starts
      group by name order by name`.execute(db);
    expect(Object.fromEntries(starts.rows.map((r) => [r.name, Number(r.n)]))).toEqual(
      Object.fromEntries([...DAILY_JOBS].sort().map((name) => [name, 1])),
    );
  });

  it('send each queued mail once between them', async () => {
    const db = database!.db;
    const recipients = Array.from({ length: 12 }, (_, i) => `personne${i}@exemple.fr`);
    for (const to of recipients) {
      const message = composeMail(to, { subject: 'Bienvenue sur Maillage', paragraphs: [`Bonjour ${to}.`] });
      if (!message.ok) throw new Error(message.error);
      await enqueueMail(db, message.value);
    }
    await until('the outbox is empty', async () =>
      (await db.selectFrom('mail_outbox').select('id').execute()).length === 0 ? true : undefined,
    );
    const sent = instances.flatMap((instance) =>
      emlFiles(instance.mailDir).map((f) => fs.readFileSync(path.join(instance.mailDir, f), 'utf8')),
    );
    expect(sent).toHaveLength(recipients.length);
    for (const to of recipients) expect(sent.filter((eml) => eml.includes(`To: ${to}`))).toHaveLength(1);
  });
});
