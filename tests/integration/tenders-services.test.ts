import { describe, expect, it } from 'vitest';
import { TENDER_MESSAGES } from '../../app/domain/tenders/form';
import { runDailyJobIfDue } from '../../app/services/jobs/daily-jobs.server';
import { TENDER_SERVICE_MESSAGES, saveTender } from '../../app/services/tenders/buyer.server';
import { closeExpiredTenders } from '../../app/services/tenders/closing.server';
import { TENDER_MODERATION_MESSAGES, decideTender } from '../../app/services/tenders/moderation.server';
import { findTender } from '../../db/repositories/tenders';
import { createTestDatabase } from '../support/db';
import { addMember, auditRows, buyerOrganisation, createUser, mailsTo } from '../support/organisations';

// The tenders' services (decisions 202–204): a buyer's draft saved incomplete, refused on submission until
// complete, submitted; the moderator publishes it or sends it back with a note (audit, mail to the owners); the
// hourly job closes it at its deadline. Nothing is written when the input has an issue.

const database = createTestDatabase();
const { db } = database;
const NOW = new Date('2026-12-01T12:00:00Z');
const ORIGIN = 'https://maillage.test';

const COMPLETE = {
  title: 'Entretien des espaces verts',
  description: 'Tonte et taille des haies.',
  kind: 'appel-d-offres',
  method: 'open',
  category: 'services',
  cpvCodes: '77310000-6',
  sectors: ['accompagnement-social'],
  placeKind: 'departement',
  placeCode: '69',
  estimatedValue: '125000',
  reservation: 'L2113-13',
  submissionDeadline: '2027-01-20T12:00',
  contractDurationMonths: '24',
  contactName: 'Service achats',
  contactEmail: 'achats@ville.fr',
};

async function setup() {
  const owner = await createUser(db);
  const organisationId = await buyerOrganisation(db, 'Ville de Lyon');
  await addMember(db, organisationId, owner.id, 'owner');
  return { owner, organisationId, actor: { userId: owner.id, email: owner.email } };
}

describe('tenders services', () => {
  it('saves an incomplete draft, refuses to submit it, then submits it complete', async () => {
    const { organisationId, actor } = await setup();
    const created = await saveTender(
      db,
      {
        organisationId,
        tenderId: null,
        intent: 'save',
        fields: { title: 'Espaces verts', kind: 'appel-d-offres' },
        actor,
      },
      NOW,
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.value.id;
    expect(created.value.status).toBe('draft');

    const refused = await saveTender(
      db,
      {
        organisationId,
        tenderId: id,
        intent: 'submit',
        fields: { title: 'Espaces verts', kind: 'appel-d-offres' },
        actor,
      },
      NOW,
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.kind === 'invalid' && refused.error.issues).toContainEqual({
      field: 'description',
      message: TENDER_MESSAGES.descriptionRequired,
    });
    expect((await findTender(db, id))?.status).toBe('draft');

    const unknownPlace = await saveTender(
      db,
      {
        organisationId,
        tenderId: id,
        intent: 'save',
        fields: { ...COMPLETE, placeCode: '00', sectors: ['inconnu'] },
        actor,
      },
      NOW,
    );
    expect(!unknownPlace.ok && unknownPlace.error).toEqual({
      kind: 'invalid',
      issues: [
        { field: 'sectors', message: TENDER_SERVICE_MESSAGES.sectorUnknown },
        { field: 'placeCode', message: TENDER_SERVICE_MESSAGES.placeUnknown },
      ],
    });
    expect((await findTender(db, id))?.description).toBe('');

    const submitted = await saveTender(
      db,
      { organisationId, tenderId: id, intent: 'submit', fields: COMPLETE, actor },
      NOW,
    );
    expect(submitted).toEqual({ ok: true, value: { id, status: 'submitted' } });
    expect(await findTender(db, id)).toMatchObject({ status: 'submitted', submittedAt: NOW.toISOString() });
    expect((await auditRows(db, 'tender.submitted')).map((r) => r.subject_id)).toContain(id);

    const again = await saveTender(db, { organisationId, tenderId: id, intent: 'save', fields: COMPLETE, actor }, NOW);
    expect(!again.ok && again.error).toEqual({
      kind: 'invalid',
      issues: [{ field: '', message: TENDER_SERVICE_MESSAGES.notEditable }],
    });
  });

  it('refuses a supplier organisation and another organisation’s tender', async () => {
    const { organisationId, actor } = await setup();
    const other = await buyerOrganisation(db, 'Autre');
    const created = await saveTender(
      db,
      { organisationId, tenderId: null, intent: 'save', fields: COMPLETE, actor },
      NOW,
    );
    if (!created.ok) throw new Error('not created');
    expect(
      await saveTender(
        db,
        { organisationId: other, tenderId: created.value.id, intent: 'save', fields: COMPLETE, actor },
        NOW,
      ),
    ).toEqual({ ok: false, error: { kind: 'not-found' } });
    expect(
      await saveTender(db, { organisationId: 999_999, tenderId: null, intent: 'save', fields: COMPLETE, actor }, NOW),
    ).toEqual({ ok: false, error: { kind: 'not-found' } });
  });

  it('lets a moderator send a tender back with a note, then publish it; the job closes it at the deadline', async () => {
    const { organisationId, actor, owner } = await setup();
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const modActor = { userId: moderator.id, email: moderator.email };
    const submitted = await saveTender(
      db,
      { organisationId, tenderId: null, intent: 'submit', fields: COMPLETE, actor },
      NOW,
    );
    if (!submitted.ok) throw new Error('not submitted');
    const tenderId = submitted.value.id;

    expect(
      await decideTender(db, { tenderId, fields: { decision: 'reject' }, actor: modActor, origin: ORIGIN }, NOW),
    ).toEqual({
      ok: false,
      error: { kind: 'invalid', issues: [{ field: 'note', message: TENDER_MODERATION_MESSAGES.noteRequired }] },
    });
    expect(await decideTender(db, { tenderId, fields: {}, actor: modActor, origin: ORIGIN }, NOW)).toEqual({
      ok: false,
      error: { kind: 'invalid', issues: [{ field: 'decision', message: TENDER_MODERATION_MESSAGES.decisionRequired }] },
    });
    expect(await mailsTo(db, owner.email)).toHaveLength(0);

    expect(
      await decideTender(
        db,
        { tenderId, fields: { decision: 'reject', note: 'Précisez les lots.' }, actor: modActor, origin: ORIGIN },
        NOW,
      ),
    ).toEqual({ ok: true, value: { status: 'draft' } });
    expect(await findTender(db, tenderId)).toMatchObject({ status: 'draft', moderationNote: 'Précisez les lots.' });
    const [rejection] = await mailsTo(db, owner.email);
    expect(rejection.subject).toBe('Votre besoin est à reprendre — Entretien des espaces verts — Maillage');
    expect(rejection.text_body).toContain('Précisez les lots.');

    await saveTender(db, { organisationId, tenderId, intent: 'submit', fields: COMPLETE, actor }, NOW);
    expect(
      await decideTender(db, { tenderId, fields: { decision: 'publish' }, actor: modActor, origin: ORIGIN }, NOW),
    ).toEqual({
      ok: true,
      value: { status: 'published' },
    });
    expect(await findTender(db, tenderId)).toMatchObject({
      status: 'published',
      publishedAt: NOW.toISOString(),
      moderationNote: null,
    });
    expect((await mailsTo(db, owner.email)).map((m) => m.subject)).toContain(
      'Votre besoin est publié — Entretien des espaces verts — Maillage',
    );
    expect((await auditRows(db, 'tender.published')).map((r) => r.subject_id)).toContain(tenderId);
    expect(
      await decideTender(db, { tenderId, fields: { decision: 'publish' }, actor: modActor, origin: ORIGIN }, NOW),
    ).toEqual({
      ok: false,
      error: { kind: 'invalid', issues: [{ field: '', message: TENDER_MODERATION_MESSAGES.notSubmitted }] },
    });

    expect(await closeExpiredTenders(db, new Date('2027-01-20T10:59:00Z'))).toEqual({ closed: [] });
    const env = { UPLOADS_DIR: `${database.file}-uploads` };
    expect(await runDailyJobIfDue(db, 'tender-closing', new Date('2027-01-20T11:00:00Z'), env)).toBe(true);
    expect(await findTender(db, tenderId)).toMatchObject({ status: 'closed', closedAt: '2027-01-20T11:00:00.000Z' });
    expect((await auditRows(db, 'tender.closed')).map((r) => r.subject_id)).toEqual([tenderId]);
    const run = await db
      .selectFrom('job_runs')
      .selectAll()
      .where('name', '=', 'tender-closing')
      .executeTakeFirstOrThrow();
    expect(run.next_due_at).toBe('2027-01-20T12:00:00.000Z');
  });
});
