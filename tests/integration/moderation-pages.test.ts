import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as rootLoader } from '../../app/root';
import { loader as dashboardLoader } from '../../app/routes/moderation._index';
import { action as suppliersAction, loader as suppliersLoader } from '../../app/routes/moderation.fournisseurs';
import { loader as journalLoader } from '../../app/routes/moderation.journal';
import { appendAudit } from '../../db/repositories/audit-log';
import { enqueueSearchSync } from '../../db/repositories/outbox';
import { drainOutbox } from '../../search/outbox';
import { createSqliteEngine } from '../../search/sqlite/engine';
import {
  formArgs,
  insertSupplierOrganisation,
  createUser,
  loaderArgs,
  settle,
  statusOf,
  type TestUser,
} from '../support/organisations';
import { createTestDatabase, sqliteOf } from '../support/db';
import { asData, setPageContext } from '../support/pages';

// The moderators' pages (decisions 142, 143) on a real SQLite file and the real embedded search engine: the
// dashboard's counts, suspension (out of the search at once, without waiting for the outbox) and restoration
// with a mandatory reason, the audit log page (newest first, keyset pages, filters) and the log's immutability.

const database = createTestDatabase();
const { db } = database;
const { sqlite } = sqliteOf(database);
const engine = createSqliteEngine(sqlite);
let moderator: TestUser;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  await engine.init();
  setPageContext(database, { search: engine });
  moderator = await createUser(db, { siteRole: 'moderator' });
  admin = await createUser(db, { siteRole: 'admin' });
  member = await createUser(db, { email: 'direction@regie.fr' });
});
afterAll(() => engine.close());

async function searchIds(q: string): Promise<number[]> {
  return (await engine.search({ q, page: 1, perPage: 50 })).hits.map((h) => h.id);
}

function decide(fields: Record<string, string>, cookie = moderator.cookie) {
  return settle(() => suppliersAction(formArgs('/moderation/fournisseurs?q=R%C3%A9gie', fields, cookie)));
}

describe('who may moderate', () => {
  const pages = [
    ['/moderation', dashboardLoader],
    ['/moderation/fournisseurs', suppliersLoader],
    ['/moderation/journal', journalLoader],
  ] as const;

  it('sends the anonymous to log in, refuses other people (403), lets moderators and admins in', async () => {
    for (const [path, loader] of pages) {
      const anonymous = (await settle(() => loader(loaderArgs(path, undefined)))) as Response;
      expect(anonymous.headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`);
      expect(statusOf(await settle(() => loader(loaderArgs(path, member.cookie))))).toBe(403);
      for (const cookie of [moderator.cookie, admin.cookie]) {
        const shown = asData(await loader(loaderArgs(path, cookie)));
        expect(shown.status).toBe(200);
        expect(shown.headers.get('Cache-Control')).toBe('no-store');
      }
    }
    expect(
      statusOf(await decide({ supplierId: '1', intent: 'suspend', reason: 'Une raison suffisante.' }, member.cookie)),
    ).toBe(403);
  });

  it('shows the « Modération » link to moderators and admins only', async () => {
    for (const [cookie, expected] of [
      [moderator.cookie, true],
      [admin.cookie, true],
      [member.cookie, false],
    ] as const) {
      const root = asData(await rootLoader(loaderArgs('/', cookie)));
      expect((root.data.user as { moderator: boolean }).moderator).toBe(expected);
    }
  });
});

describe('suspension and restoration', () => {
  it('refuses a missing or short reason, nothing written', async () => {
    const org = await insertSupplierOrganisation(db, {
      name: 'Régie de quartier Nord',
      publicationStatus: 'published',
    });
    const audit = (await db.selectFrom('audit_log').select('id').execute()).length;
    for (const reason of ['', 'court']) {
      const answer = asData(await decide({ supplierId: String(org.supplierId), intent: 'suspend', reason }));
      expect(answer.status).toBe(400);
      expect(answer.data.supplierId).toBe(org.supplierId);
      expect((answer.data.result as { error: Record<string, string[]> }).error.reason).toEqual([
        'Donnez la raison en au moins 10 caractères.',
      ]);
    }
    const row = await db
      .selectFrom('suppliers')
      .select('publication_status')
      .where('id', '=', org.supplierId)
      .executeTakeFirstOrThrow();
    expect(row.publication_status).toBe('published');
    expect((await db.selectFrom('audit_log').select('id').execute()).length).toBe(audit);
  });

  it('removes a suspended supplier from the search at once, audits and mails; restoring publishes it again', async () => {
    const org = await insertSupplierOrganisation(db, {
      name: 'Régie de quartier Sud',
      publicationStatus: 'published',
      charterStatus: 'verified',
      members: [{ userId: member.id, role: 'owner' }],
    });
    await enqueueSearchSync(db, [org.supplierId]);
    await drainOutbox(db, engine);
    expect(await searchIds('Régie Sud')).toEqual([org.supplierId]);

    const answer = (await decide({
      supplierId: String(org.supplierId),
      intent: 'suspend',
      reason: 'Signalement de fausses références clients.',
    })) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe('/moderation/fournisseurs?q=R%C3%A9gie&fait=suspendu');
    // No drain: gone from the engine already.
    expect(await searchIds('Régie Sud')).toEqual([]);
    const row = await db.selectFrom('suppliers').selectAll().where('id', '=', org.supplierId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ publication_status: 'suspended', publication_before_suspension: 'published' });
    // The outbox row stays as the safety net; draining it keeps the supplier out.
    await drainOutbox(db, engine);
    expect(await searchIds('Régie Sud')).toEqual([]);
    const audit = await db.selectFrom('audit_log').selectAll().where('supplier_id', '=', org.supplierId).execute();
    expect(audit).toMatchObject([
      {
        action: 'supplier.suspended',
        actor_user_id: moderator.id,
        reason: 'Signalement de fausses références clients.',
        organisation_id: org.organisationId,
      },
    ]);
    const mail = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('recipient', '=', member.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Votre fiche est suspendue — Régie de quartier Sud — Maillage');
    expect(mail.text_body).toContain('Signalement de fausses références clients.');

    // Suspending twice is refused next to the reason.
    const twice = asData(
      await decide({ supplierId: String(org.supplierId), intent: 'suspend', reason: 'Encore une fois.' }),
    );
    expect((twice.data.result as { error: Record<string, string[]> }).error.reason).toEqual([
      'Ce fournisseur est déjà suspendu.',
    ]);

    expect(
      statusOf(
        await decide({
          supplierId: String(org.supplierId),
          intent: 'restore',
          reason: 'Références vérifiées auprès des clients.',
        }),
      ),
    ).toBe(302);
    expect(
      (
        await db
          .selectFrom('suppliers')
          .select('publication_status')
          .where('id', '=', org.supplierId)
          .executeTakeFirstOrThrow()
      ).publication_status,
    ).toBe('published');
    await drainOutbox(db, engine);
    expect(await searchIds('Régie Sud')).toEqual([org.supplierId]);
    const restored = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'supplier.restored')
      .executeTakeFirstOrThrow();
    expect(restored.reason).toBe('Références vérifiées auprès des clients.');
  });

  it('restores a suspended draft as a draft', async () => {
    const org = await insertSupplierOrganisation(db, { name: 'Régie brouillon', publicationStatus: 'draft' });
    await decide({ supplierId: String(org.supplierId), intent: 'suspend', reason: 'Fiche en doublon à vérifier.' });
    await decide({ supplierId: String(org.supplierId), intent: 'restore', reason: 'Ce n’était pas un doublon.' });
    expect(
      (
        await db
          .selectFrom('suppliers')
          .select('publication_status')
          .where('id', '=', org.supplierId)
          .executeTakeFirstOrThrow()
      ).publication_status,
    ).toBe('draft');
  });

  it('finds suppliers by name, SIRET prefix or state', async () => {
    const found = asData(
      await suppliersLoader(loaderArgs('/moderation/fournisseurs?q=r%C3%A9gie%20de', moderator.cookie)),
    );
    expect((found.data.suppliers as { name: string }[]).map((s) => s.name)).toEqual([
      'Régie de quartier Nord',
      'Régie de quartier Sud',
    ]);
    const siret = (
      await db.selectFrom('suppliers').select('siret').where('name', '=', 'Régie brouillon').executeTakeFirstOrThrow()
    ).siret;
    const bySiret = asData(
      await suppliersLoader(loaderArgs(`/moderation/fournisseurs?q=${siret.slice(0, 14)}`, moderator.cookie)),
    );
    expect((bySiret.data.suppliers as { name: string }[]).map((s) => s.name)).toEqual(['Régie brouillon']);
  });
});

describe('the dashboard and the audit log', () => {
  it('counts the queues', async () => {
    const { data } = asData(await dashboardLoader(loaderArgs('/moderation', moderator.cookie)));
    expect(data.counts).toMatchObject({
      pendingClaims: 0,
      submittedAssessments: 0,
      suspendedSuppliers: 0,
      submittedTenders: 0,
    });
    expect((data.counts as { draftSheets: number }).draftSheets).toBeGreaterThanOrEqual(1);
  });

  it('lists the log newest first, by pages of 50 (keyset on the id), filtered by supplier or action', async () => {
    for (let i = 0; i < 60; i += 1)
      await appendAudit(db, {
        now: '2026-12-01T10:00:00.000Z',
        actor: { userId: admin.id, email: admin.email },
        action: 'user.site-role-changed',
        subject: { type: 'user', id: member.id },
        details: { n: i },
      });
    const first = asData(
      await journalLoader(loaderArgs('/moderation/journal?action=user.site-role-changed', moderator.cookie)),
    );
    const page = first.data.page as { entries: { id: number; details: { n: number } }[]; nextBeforeId: number };
    expect(page.entries).toHaveLength(50);
    expect(page.entries[0].details.n).toBe(59);
    const second = asData(
      await journalLoader(
        loaderArgs(`/moderation/journal?action=user.site-role-changed&avant=${page.nextBeforeId}`, moderator.cookie),
      ),
    );
    const rest = second.data.page as { entries: { details: { n: number } }[]; nextBeforeId: number | null };
    expect(rest.entries.map((e) => e.details.n)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(rest.nextBeforeId).toBeNull();

    const sud = (
      await db
        .selectFrom('suppliers')
        .select('id')
        .where('name', '=', 'Régie de quartier Sud')
        .executeTakeFirstOrThrow()
    ).id;
    const bySupplier = asData(
      await journalLoader(loaderArgs(`/moderation/journal?fournisseur=${sud}`, moderator.cookie)),
    );
    expect((bySupplier.data.page as { entries: { action: string }[] }).entries.map((e) => e.action)).toEqual([
      'supplier.restored',
      'supplier.suspended',
    ]);
  });

  it('cannot be edited: the database refuses UPDATE and DELETE on audit_log', async () => {
    await expect(db.updateTable('audit_log').set({ reason: 'réécrit' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
