import { describe, expect, it } from 'vitest';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { expireCharters } from '../../app/services/charter/expiry.server';
import { runDailyJob, runDailyJobIfDue, startDailyJobs } from '../../app/services/jobs/daily-jobs.server';
import { checkHealth } from '../../app/services/health.server';
import { insertSupplierOrganisation, createUser } from '../support/organisations';
import { createTestDatabase, sqliteOf } from '../support/db';

// The charter's daily job with an injected clock (decision 141): the owners warned once 30 days before the
// 12 months are over, the charter expired when due (search sync, audit, mail), each run in job_runs, and
// /healthz degraded when the job failed or has not succeeded for 26 hours.

const database = createTestDatabase();
const { db } = database;
const VERIFIED_AT = '2025-12-15T10:00:00.000Z';
const JOB_ENV = { UPLOADS_DIR: `${database.file}-uploads` };

/** The charter job run now through the daily jobs' runner (decision 144), as server.ts runs it. */
const runCharterExpiryJob = (db: Parameters<typeof expireCharters>[0], now: Date) =>
  runDailyJob(db, 'charter-expiry', now, expireCharters);
const runCharterExpiryJobIfDue = (db: Parameters<typeof expireCharters>[0], now: Date) =>
  runDailyJobIfDue(db, 'charter-expiry', now, JOB_ENV);

async function supplierState(id: number) {
  return db
    .selectFrom('suppliers')
    .select(['charter_status', 'charter_expiry_warned_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function mailsTo(email: string) {
  return db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).orderBy('id').execute();
}

describe('runCharterExpiryJob', () => {
  it('links the mails to the charter page when SITE_URL is set (decision 103)', async () => {
    const owner = await createUser(db, { email: 'lien@recyclerie.fr' });
    const org = await insertSupplierOrganisation(db, {
      charterStatus: 'verified',
      verifiedAt: '2025-06-01T10:00:00.000Z',
      publicationStatus: 'published',
      members: [{ userId: owner.id, role: 'owner' }],
    });
    const at = new Date('2026-05-10T10:00:00.000Z');
    await expireCharters(db, at, 'https://maillage.example.fr');
    const [warning] = await mailsTo(owner.email);
    const url = `https://maillage.example.fr/organisations/${org.organisationId}/charte`;
    expect(warning.text_body).toContain(url);
    expect(warning.html_body).toContain(`href="${url}"`);
    // Out of the way of the next tests' clock.
    await db.updateTable('suppliers').set({ charter_status: 'none' }).where('id', '=', org.supplierId).execute();
  });

  it('does nothing early, warns once from 30 days before, expires when due', async () => {
    const owner = await createUser(db, { email: 'gerante@recyclerie.fr' });
    const org = await insertSupplierOrganisation(db, {
      charterStatus: 'verified',
      verifiedAt: VERIFIED_AT,
      publicationStatus: 'published',
      members: [{ userId: owner.id, role: 'owner' }],
    });

    // 31 days before 2026-12-15T10:00Z.
    expect(await runCharterExpiryJob(db, new Date('2026-11-14T09:00:00.000Z'))).toEqual({ warned: [], expired: [] });
    expect(await mailsTo(owner.email)).toHaveLength(0);

    const warnedAt = new Date('2026-11-15T10:00:00.000Z');
    expect(await runCharterExpiryJob(db, warnedAt)).toEqual({ warned: [org.supplierId], expired: [] });
    expect(await supplierState(org.supplierId)).toEqual({
      charter_status: 'verified',
      charter_expiry_warned_at: warnedAt.toISOString(),
    });
    const [warning] = await mailsTo(owner.email);
    expect(warning.subject).toBe(`Votre charte expire le 15 décembre 2026 — ${org.name} — Maillage`);
    expect(warning.html_body).toContain('la charte reste vérifiée');

    // The next days: no second warning.
    expect(await runCharterExpiryJob(db, new Date('2026-11-16T10:00:00.000Z'))).toEqual({ warned: [], expired: [] });
    expect(await runCharterExpiryJob(db, new Date('2026-12-15T09:59:59.000Z'))).toEqual({ warned: [], expired: [] });
    expect(await mailsTo(owner.email)).toHaveLength(1);

    await db.deleteFrom('search_changes').execute();
    expect(await runCharterExpiryJob(db, new Date('2026-12-15T10:00:00.000Z'))).toEqual({
      warned: [],
      expired: [org.supplierId],
    });
    expect((await supplierState(org.supplierId)).charter_status).toBe('expired');
    expect(await db.selectFrom('search_changes').select('supplier_id').execute()).toEqual([
      { supplier_id: org.supplierId },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'supplier_id'])
      .where('supplier_id', '=', org.supplierId)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'charter.expiry-warned', actor_user_id: null, supplier_id: org.supplierId },
      { action: 'charter.expired', actor_user_id: null, supplier_id: org.supplierId },
    ]);
    expect((await mailsTo(owner.email)).map((m) => m.subject)).toEqual([
      warning.subject,
      `Votre charte a expiré — ${org.name} — Maillage`,
    ]);
    // Expired once: nothing more to do.
    expect(await runCharterExpiryJob(db, new Date('2026-12-16T10:00:00.000Z'))).toEqual({ warned: [], expired: [] });
  });

  it('warns again after a renewal verified later', async () => {
    const org = await insertSupplierOrganisation(db, {
      charterStatus: 'verified',
      verifiedAt: '2025-06-01T00:00:00.000Z',
    });
    await runCharterExpiryJob(db, new Date('2026-05-10T00:00:00.000Z'));
    expect((await supplierState(org.supplierId)).charter_expiry_warned_at).toBe('2026-05-10T00:00:00.000Z');
    // Renewed (a moderator verifies a new version and clears the warning; here the dates as they would be).
    await db
      .updateTable('suppliers')
      .set({ charter_verified_at: '2026-05-20T00:00:00.000Z' })
      .where('id', '=', org.supplierId)
      .execute();
    expect((await runCharterExpiryJob(db, new Date('2026-06-01T00:00:00.000Z'))).warned).not.toContain(org.supplierId);
    expect((await runCharterExpiryJob(db, new Date('2027-04-25T00:00:00.000Z'))).warned).toContain(org.supplierId);
  });

  it('records each run in job_runs and runs again only when due', async () => {
    const start = new Date('2027-01-10T03:00:00.000Z');
    await runCharterExpiryJob(db, start);
    const run = await db
      .selectFrom('job_runs')
      .selectAll()
      .where('name', '=', 'charter-expiry')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({
      name: 'charter-expiry',
      last_started_at: start.toISOString(),
      last_finished_at: start.toISOString(),
      last_ok_at: start.toISOString(),
      last_error: null,
      next_due_at: '2027-01-11T03:00:00.000Z',
    });
    expect(await runCharterExpiryJobIfDue(db, new Date('2027-01-11T02:59:00.000Z'))).toBe(false);
    expect(await runCharterExpiryJobIfDue(db, new Date('2027-01-11T03:00:00.000Z'))).toBe(true);
  });

  it('the scheduler runs the job at start with the injected clock, and checks again on its interval', async () => {
    let now = new Date('2027-03-01T00:00:00.000Z');
    const scheduler = startDailyJobs(db, JOB_ENV, { clock: () => now, intervalMs: 20 });
    await scheduler.idle();
    const started = async () =>
      Object.fromEntries(
        (await db.selectFrom('job_runs').select(['name', 'last_started_at']).execute()).map((r) => [
          r.name,
          r.last_started_at,
        ]),
      );
    expect(await started()).toEqual({
      'charter-expiry': '2027-03-01T00:00:00.000Z',
      'auth-housekeeping': '2027-03-01T00:00:00.000Z',
      'uploads-cleanup': '2027-03-01T00:00:00.000Z',
      'tender-closing': '2027-03-01T00:00:00.000Z',
      'tender-digest': '2027-03-01T00:00:00.000Z',
      'search-changes-pruning': '2027-03-01T00:00:00.000Z',
    });
    now = new Date('2027-03-02T00:00:01.000Z');
    // Polled: the next check comes within the scheduler's interval, later when each query is a PostgreSQL round trip.
    await expect
      .poll(async () => (await started())['charter-expiry'], { timeout: 5000, interval: 20 })
      .toBe('2027-03-02T00:00:01.000Z');
    await scheduler.stop();
  });

  it('one failing job is recorded and logged, and does not stop the others', async () => {
    const lines: string[] = [];
    const scheduler = startDailyJobs(db, JOB_ENV, {
      clock: () => new Date('2027-04-01T00:00:00.000Z'),
      log: (line) => lines.push(line),
      jobs: {
        'charter-expiry': () => Promise.reject(new Error('disque plein')),
      },
    });
    await scheduler.idle();
    await scheduler.stop();
    const runs = await db.selectFrom('job_runs').selectAll().orderBy('name').execute();
    expect(runs.map((r) => [r.name, r.last_error, r.last_started_at])).toEqual([
      ['auth-housekeeping', null, '2027-04-01T00:00:00.000Z'],
      ['charter-expiry', 'disque plein', '2027-04-01T00:00:00.000Z'],
      ['search-changes-pruning', null, '2027-04-01T00:00:00.000Z'],
      ['tender-closing', null, '2027-04-01T00:00:00.000Z'],
      ['tender-digest', null, '2027-04-01T00:00:00.000Z'],
      ['uploads-cleanup', null, '2027-04-01T00:00:00.000Z'],
    ]);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'error', source: 'daily-job', job: 'charter-expiry', error: 'disque plein' },
    ]);
  });
});

describe('/healthz and the daily job', () => {
  const search = createSqliteEngine(sqliteOf(database).sqlite);

  async function setRun(values: { last_ok_at: string | null; last_error: string | null }) {
    await db.updateTable('job_runs').set(values).where('name', '=', 'charter-expiry').execute();
  }

  it('is ok after a recent success, degraded when late (26 h) or when the last run failed', async () => {
    await search.init();
    // The mails above carry the injected clock's dates: the mail queue is not what this test looks at.
    await db.deleteFrom('mail_outbox').execute();
    await db.deleteFrom('search_changes').execute();
    const now = Date.parse('2027-03-02T12:00:00.000Z');
    await setRun({ last_ok_at: '2027-03-02T00:00:00.000Z', last_error: null });
    const ok = await checkHealth({ database, search }, now);
    expect(ok.status).toBe('ok');
    expect(ok.jobs?.charterExpiry).toMatchObject({ lastOkAt: '2027-03-02T00:00:00.000Z', lastError: null });

    await setRun({ last_ok_at: '2027-03-01T09:00:00.000Z', last_error: null });
    const late = await checkHealth({ database, search }, now);
    expect(late.status).toBe('degraded');
    expect(late.reasons).toEqual([
      'tâche quotidienne d’expiration des chartes en retard : dernière exécution réussie il y a 27 h',
    ]);

    await setRun({ last_ok_at: '2027-03-02T00:00:00.000Z', last_error: 'database is locked' });
    const failed = await checkHealth({ database, search }, now);
    expect(failed.status).toBe('degraded');
    expect(failed.reasons).toEqual(['tâche quotidienne d’expiration des chartes en échec : database is locked']);
  });
});
