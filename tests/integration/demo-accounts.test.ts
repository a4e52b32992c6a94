import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logIn } from '../../app/services/auth/accounts.server';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../../app/services/demo/demo-accounts.server';
import { listSubmittedAssessments } from '../../db/repositories/charter-assessments';
import { countPendingClaims } from '../../db/repositories/join-requests';
import { listMembershipsOfUser } from '../../db/repositories/memberships';
import { prepareDatabase } from '../../scripts/start';
import { DEMO_SEED_TIMEOUT_MS, createTestDatabase } from '../support/db';
import { ROOT } from '../support/paths';

const UPLOADS = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-demo-accounts-'));
afterAll(() => fs.rmSync(UPLOADS, { recursive: true, force: true }));

// The demo accounts (decision 123): created by `npm start` in demo mode on a database without accounts, each
// able to log in with the README's password, with the roles and the waiting work the README promises; never
// with SEED_DEMO=0, and never twice.

describe('the demo accounts', () => {
  it(
    'are created in demo mode, log in with the shared password, and show each side of the site',
    async () => {
      const database = createTestDatabase();
      const { db } = database;
      await prepareDatabase(database, { SEED_DEMO: '1', UPLOADS_DIR: UPLOADS, SITE_URL: undefined });
      const users = await db.selectFrom('users').select(['id', 'email', 'site_role', 'email_verified_at']).execute();
      expect(users.map((u) => u.email).sort()).toEqual(Object.values(DEMO_ACCOUNTS).sort());
      expect(users.every((u) => u.email_verified_at !== null)).toBe(true);
      for (const email of Object.values(DEMO_ACCOUNTS)) {
        const loggedIn = await logIn(db, { email, password: DEMO_PASSWORD }, { ip: '192.0.2.1' });
        expect(loggedIn.ok, email).toBe(true);
      }
      const byEmail = new Map(users.map((u) => [u.email, u]));
      expect(byEmail.get(DEMO_ACCOUNTS.moderator)?.site_role).toBe('moderator');
      expect(byEmail.get(DEMO_ACCOUNTS.admin)?.site_role).toBe('admin');
      const roles = async (key: keyof typeof DEMO_ACCOUNTS) =>
        (await listMembershipsOfUser(db, byEmail.get(DEMO_ACCOUNTS[key])!.id)).map((m) => m.role);
      expect(await roles('supplierOwner')).toEqual(['owner']);
      expect(await roles('supplierEditor')).toEqual(['editor']);
      expect(await roles('buyer')).toEqual(['owner']);
      expect(await roles('claimant')).toEqual([]);
      // Work waits in the moderators' queues.
      expect(await countPendingClaims(db)).toBe(1);
      expect((await listSubmittedAssessments(db)).length).toBe(1);
      // The claimed supplier is published with a verified charter and a validated self-assessment.
      const claimed = await db
        .selectFrom('organisations')
        .innerJoin('memberships', 'memberships.organisation_id', 'organisations.id')
        .innerJoin('suppliers', 'suppliers.id', 'organisations.supplier_id')
        .innerJoin('charter_assessments', 'charter_assessments.supplier_id', 'suppliers.id')
        .select(['suppliers.publication_status', 'suppliers.charter_status', 'charter_assessments.status'])
        .where('memberships.user_id', '=', byEmail.get(DEMO_ACCOUNTS.supplierOwner)!.id)
        .executeTakeFirstOrThrow();
      expect(claimed).toEqual({ publication_status: 'published', charter_status: 'verified', status: 'verified' });
      // Never twice.
      expect(await seedDemoAccounts(db)).toBe(0);
    },
    DEMO_SEED_TIMEOUT_MS,
  );

  it('are never created with SEED_DEMO=0', async () => {
    const database = createTestDatabase();
    await prepareDatabase(database, { SEED_DEMO: '0', UPLOADS_DIR: UPLOADS, SITE_URL: undefined });
    expect(await database.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect(await database.db.selectFrom('suppliers').select('id').execute()).toEqual([]);
  });

  it('are listed in the README with their password', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const email of Object.values(DEMO_ACCOUNTS)) expect(readme).toContain(`\`${email}\``);
    expect(readme).toContain(`\`${DEMO_PASSWORD}\``);
  });
});
