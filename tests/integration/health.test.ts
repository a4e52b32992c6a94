import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.server';
import { loader as healthzLoader } from '../../app/routes/healthz';
import { setAppContext } from '../../app/services/context.server';
import { composeMail } from '../../app/domain/mail';
import {
  checkHealth,
  checkOutbox,
  MAIL_FAILURES_DEGRADED,
  MAIL_LAG_DEGRADED_SECONDS,
  OUTBOX_FAILURES_DEGRADED,
  OUTBOX_LAG_DEGRADED_SECONDS,
} from '../../app/services/health.server';
import { drainMail, startMailWorker } from '../../app/services/mail/sender.server';
import { createFileTransport, createSmtpTransport } from '../../app/services/mail/transport.server';
import { enqueueMail } from '../../db/repositories/mail-outbox';
import { createMeilisearchEngine } from '../../search/meilisearch/engine';
import { drainOutbox, startOutboxWorker } from '../../search/outbox';
import { createSqliteEngine } from '../../search/sqlite/engine';
import type { SearchEngine } from '../../search/types';
import { createTestDatabase, openAgain, sqliteOf } from '../support/db';
import { supplierInput, writeSupplier } from '../support/search-fixtures';
import { closedPort } from '../support/net';
import { TMP_DIR } from '../support/paths';

describe('health check', () => {
  const database = createTestDatabase();
  const checkOutboxOf = (search: SearchEngine) => checkOutbox({ database, search });

  it('is ok when the database and the engine answer and the outbox is empty', async () => {
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    expect(await checkHealth({ database, search })).toEqual({
      status: 'ok',
      db: 'ok',
      search: 'ok',
      outbox: {
        pending: 0,
        failing: 0,
        oldestAgeSeconds: 0,
        lastRowError: null,
        worker: null,
        consumer: search.feed!.consumer(),
        cursor: 0,
      },
      mail: { pending: 0, failing: 0, oldestAgeSeconds: 0, lastRowError: null, worker: null },
      jobs: { charterExpiry: null, authHousekeeping: null, uploadsCleanup: null, tenderDigest: null },
      reasons: [],
    });
  });

  it('in a cluster worker, names the worker and judges the background state the primary relayed (decision 332)', async () => {
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    expect('process' in (await checkHealth({ database, search }))).toBe(false);
    // What scripts/lib/cluster.ts installs in a worker: the primary's outbox worker, failing.
    const relayed = {
      state: 'failing' as const,
      consecutiveFailures: OUTBOX_FAILURES_DEGRADED,
      lastError: 'Serveur de recherche injoignable (http://127.0.0.1:1)',
      lastErrorAt: '2026-12-02T00:00:00.000Z',
      lastSuccessAt: null,
      nextAttemptAt: '2026-12-02T00:01:00.000Z',
    };
    const report = await checkHealth({
      database,
      search,
      outboxWorker: { status: () => relayed },
      processInfo: { worker: 3, workers: 2 },
    });
    expect(report).toMatchObject({
      status: 'degraded',
      process: { worker: 3, workers: 2 },
      outbox: { worker: relayed },
    });
    expect(report.reasons).toEqual([
      `synchronisation de la recherche en échec (${OUTBOX_FAILURES_DEGRADED} fois de suite) : Serveur de recherche injoignable (http://127.0.0.1:1)`,
    ]);
  });

  it('names the search engine when it is down', async () => {
    // A real Meilisearch client pointed at a port where nothing listens.
    const search = createMeilisearchEngine({ host: `http://127.0.0.1:${await closedPort()}`, indexUid: 'health_test' });
    expect(await checkHealth({ database, search })).toMatchObject({
      status: 'error',
      db: 'ok',
      search: 'down',
      reasons: ['moteur de recherche injoignable'],
    });
  });

  it('names the database when it is down', async () => {
    const closed = openAgain(database);
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    await closed.close();
    expect(await checkHealth({ database: closed, search })).toMatchObject({
      status: 'error',
      db: 'down',
      search: 'ok',
      outbox: null,
    });
  });

  it('is degraded, with the lag, when the oldest change waiting for the index is too old', async () => {
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    const { id } = await writeSupplier(database.db, supplierInput({ name: 'Fromagerie Nashira' }));
    const old = new Date(Date.now() - (OUTBOX_LAG_DEGRADED_SECONDS + 30) * 1000).toISOString();
    await database.db.updateTable('search_changes').set({ changed_at: old }).where('supplier_id', '=', id).execute();

    const report = await checkHealth({ database, search });
    expect(report.status).toBe('degraded');
    expect(report.outbox).toMatchObject({ pending: 1, failing: 0 });
    expect(report.outbox!.oldestAgeSeconds).toBeGreaterThanOrEqual(OUTBOX_LAG_DEGRADED_SECONDS + 29);
    expect(report.reasons[0]).toMatch(/^index de recherche en retard : 1 modification\(s\) en attente/);

    await drainOutbox(database.db, search);
    expect((await checkHealth({ database, search })).status).toBe('ok');
  });

  it('is degraded when the outbox worker keeps failing (Meilisearch unreachable), and ok once it recovers', async () => {
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    const host = `http://127.0.0.1:${await closedPort()}`;
    const down = createMeilisearchEngine({ host, indexUid: 'suppliers', taskTimeoutMs: 2000 });
    // This engine's cursor first catches up (on PostgreSQL its index is a file of its own, new to this test).
    await drainOutbox(database.db, search);
    await writeSupplier(database.db, supplierInput({ name: 'Fromagerie Okul' }));
    const worker = startOutboxWorker(database.db, down, {
      intervalMs: 10,
      hints: { url: host },
      onError: () => undefined,
    });
    try {
      await expect
        .poll(() => worker.status().consecutiveFailures, { timeout: 10_000, interval: 20 })
        .toBeGreaterThanOrEqual(OUTBOX_FAILURES_DEGRADED);
      // The lag is the one of this process's engine (its cursor has not moved); the worker says why.
      const report = await checkHealth({ database, search, outboxWorker: worker });
      expect(report.status).toBe('degraded');
      expect(report.outbox).toMatchObject({ pending: 1, failing: 0, worker: { state: 'failing' } });
      expect(report.outbox!.worker!.lastError).toContain(`Serveur de recherche injoignable (${host})`);
      expect(report.reasons.join('\n')).toContain('synchronisation de la recherche en échec');
      // Meilisearch's own cursor (in the database) keeps the batch's failed attempts and its error.
      const meili = await checkOutboxOf(down);
      // It never applied anything: every change of this database is after its cursor.
      expect(meili).toMatchObject({ consumer: 'meilisearch', cursor: 0, pending: 2 });
      expect(meili.lastRowError).toContain(`Serveur de recherche injoignable (${host})`);
    } finally {
      await worker.stop();
    }
    await drainOutbox(database.db, search);
    const recovered = startOutboxWorker(database.db, search, { intervalMs: 10 });
    try {
      await expect.poll(() => recovered.status().lastSuccessAt, { timeout: 5000, interval: 20 }).not.toBeNull();
      // The worker drains every 10 ms: a report may catch it in the middle of one (longer on PostgreSQL), so the
      // report is read again until it is between two.
      await expect
        .poll(
          async () => {
            const report = await checkHealth({ database, search, outboxWorker: recovered });
            return { status: report.status, pending: report.outbox?.pending, worker: report.outbox?.worker };
          },
          { timeout: 5000, interval: 20 },
        )
        .toMatchObject({ status: 'ok', pending: 0, worker: { state: 'idle', consecutiveFailures: 0 } });
    } finally {
      await recovered.stop();
    }
  });
});

describe('health check: mail', () => {
  const database = createTestDatabase();
  const welcome = composeMail('camille@exemple.fr', { subject: 'Bienvenue', paragraphs: ['Votre compte est créé.'] });
  if (!welcome.ok) throw new Error(welcome.error);

  it('is degraded, with the lag, when the oldest unsent message waits too long, and ok once it is sent', async () => {
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    const old = new Date(Date.now() - (MAIL_LAG_DEGRADED_SECONDS + 30) * 1000);
    await enqueueMail(database.db, welcome.value, old);
    await enqueueMail(database.db, welcome.value);

    const report = await checkHealth({ database, search });
    expect(report.status).toBe('degraded');
    expect(report.mail).toMatchObject({ pending: 2, failing: 0, lastRowError: null, worker: null });
    expect(report.mail!.oldestAgeSeconds).toBeGreaterThanOrEqual(MAIL_LAG_DEGRADED_SECONDS + 29);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^envoi des courriels en retard : 2 message\(s\) en attente, le plus ancien depuis \d+ s$/),
    ]);

    const dir = path.join(TMP_DIR, `health-mail-${process.pid}-${crypto.randomUUID()}`);
    try {
      await drainMail(database.db, createFileTransport(dir, 'Maillage <ne-pas-repondre@maillage.localhost>'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await checkHealth({ database, search })).toMatchObject({
      status: 'ok',
      mail: { pending: 0, oldestAgeSeconds: 0 },
    });
  });

  it('is degraded when the sender keeps failing (SMTP server unreachable), never error', async () => {
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    await enqueueMail(database.db, welcome.value);
    const smtp = createSmtpTransport(url, 'Maillage <ne-pas-repondre@maillage.localhost>', { connectionMs: 2000 });
    const worker = startMailWorker(database.db, smtp, { intervalMs: 10, retryBaseMs: 1, onError: () => undefined });
    try {
      await expect
        .poll(() => worker.status().consecutiveFailures, { timeout: 10_000, interval: 20 })
        .toBeGreaterThanOrEqual(MAIL_FAILURES_DEGRADED);
      const report = await checkHealth({ database, search, mailWorker: worker });
      expect(report).toMatchObject({
        status: 'degraded',
        db: 'ok',
        search: 'ok',
        mail: { pending: 1, failing: 1, worker: { state: 'failing' } },
      });
      expect(report.mail!.lastRowError).toContain(`Serveur de messagerie injoignable ou connexion refusée (${url})`);
      expect(report.reasons.join('\n')).toContain('envoi des courriels en échec');
    } finally {
      await worker.stop();
      smtp.close();
    }
    const stopped = await checkHealth({ database, search, mailWorker: worker });
    expect(stopped.reasons).toContain('envoi des courriels arrêté');
    await database.db.deleteFrom('mail_outbox').execute();
  });
});

describe('GET /healthz', () => {
  const database = createTestDatabase();

  it('answers 200 for ok and degraded (the instance still serves), 503 when a part is down', async () => {
    const env = parseEnv(database.env);
    const search = createSqliteEngine(sqliteOf(database).sqlite);
    await search.init();
    setAppContext({ env, database, search });
    let response = await healthzLoader();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 'ok' });

    const { id } = await writeSupplier(database.db, supplierInput({ name: 'Cidrerie Pherkad' }));
    const old = new Date(Date.now() - 3600_000).toISOString();
    await database.db.updateTable('search_changes').set({ changed_at: old }).where('supplier_id', '=', id).execute();
    response = await healthzLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'degraded', outbox: { pending: 1 } });

    const down = createMeilisearchEngine({ host: `http://127.0.0.1:${await closedPort()}`, indexUid: 'health_route' });
    setAppContext({ env, database, search: down });
    response = await healthzLoader();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'error', search: 'down' });
  });
});
