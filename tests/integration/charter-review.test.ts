import { beforeAll, describe, expect, it } from 'vitest';
import { action as reviewAction, loader as reviewLoader } from '../../app/routes/moderation.chartes.$assessmentId';
import { loader as queueLoader } from '../../app/routes/moderation.chartes._index';
import { saveAssessment } from '../../app/services/charter/assessment.server';
import { getPublicSupplierSheet } from '../../app/services/supplier-sheet.server';
import {
  completeAnswers,
  criterionCodes,
  formArgs,
  insertSupplierOrganisation,
  createUser,
  loaderArgs,
  settle,
  statusOf,
  type SupplierOrg,
  type TestUser,
} from '../support/organisations';
import { createTestDatabase } from '../support/db';
import { TMP_DIR } from '../support/paths';
import { asData, setPageContext } from '../support/pages';

// The moderators' review of a submitted self-assessment (decision 140): who may review, the refused inputs
// (nothing written), a verification (charter verified, sheet published, mail, audit, search sync), a
// rejection (status given back, notes mailed), versions, renewals of a verified charter, the public summary.

const database = createTestDatabase();
const { db } = database;
let codes: string[];
let moderator: TestUser;
let owner: TestUser;
let editor: TestUser;

beforeAll(async () => {
  setPageContext(database, { uploadsDir: TMP_DIR });
  codes = await criterionCodes(db);
  moderator = await createUser(db, { siteRole: 'moderator' });
  owner = await createUser(db, { email: 'responsable@atelier.fr' });
  editor = await createUser(db, { email: 'redaction@atelier.fr' });
});

async function submitted(org: SupplierOrg, userId = owner.id): Promise<number> {
  const saved = await saveAssessment(db, {
    organisationId: org.organisationId,
    actor: { userId, email: 'responsable@atelier.fr' },
    intent: 'submit',
    fields: completeAnswers(codes),
    documents: {},
    uploadsDir: TMP_DIR,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value.assessmentId;
}

function newOrg(options: Parameters<typeof insertSupplierOrganisation>[1] = {}) {
  return insertSupplierOrganisation(db, {
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: editor.id, role: 'editor' },
    ],
    ...options,
  });
}

function decide(assessmentId: number, fields: Record<string, string>, cookie = moderator.cookie) {
  return settle(() =>
    reviewAction(
      formArgs(`/moderation/chartes/${assessmentId}`, { intent: 'decide', ...fields }, cookie, {
        assessmentId: String(assessmentId),
      }),
    ),
  );
}

const allValidated = () => Object.fromEntries(codes.map((c) => [`review-${c}`, 'validated']));

async function snapshot(assessmentId: number) {
  return {
    answers: await db
      .selectFrom('charter_answers')
      .select(['review', 'review_note'])
      .where('assessment_id', '=', assessmentId)
      .execute(),
    assessment: await db
      .selectFrom('charter_assessments')
      .selectAll()
      .where('id', '=', assessmentId)
      .executeTakeFirstOrThrow(),
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
    mail: (await db.selectFrom('mail_outbox').select('id').execute()).length,
  };
}

describe('who may review', () => {
  it('sends the anonymous to log in and refuses members (403) on the queue, the page and the action', async () => {
    const org = await newOrg();
    const id = await submitted(org);
    const anonymous = (await settle(() => queueLoader(loaderArgs('/moderation/chartes', undefined)))) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe('/connexion?redirectTo=%2Fmoderation%2Fchartes');
    for (const cookie of [owner.cookie, editor.cookie]) {
      expect(statusOf(await settle(() => queueLoader(loaderArgs('/moderation/chartes', cookie))))).toBe(403);
      const p = { assessmentId: String(id) };
      expect(statusOf(await settle(() => reviewLoader(loaderArgs(`/moderation/chartes/${id}`, cookie, p))))).toBe(403);
      expect(statusOf(await decide(id, allValidated(), cookie))).toBe(403);
    }
    const queue = asData(await queueLoader(loaderArgs('/moderation/chartes', moderator.cookie)));
    expect((queue.data.queue as { id: number }[]).map((q) => q.id)).toContain(id);
    const page = asData(
      await reviewLoader(loaderArgs(`/moderation/chartes/${id}`, moderator.cookie, { assessmentId: String(id) })),
    );
    expect((page.data.page as { answers: unknown[] }).answers).toHaveLength(9);
  });
});

describe('refused reviews: nothing written', () => {
  it('refuses a decision with a criterion not reviewed, and a refused criterion without a note', async () => {
    const id = await submitted(await newOrg());
    const before = await snapshot(id);
    const fields = allValidated();
    delete fields[`review-${codes[0]}`];
    fields[`review-${codes[1]}`] = 'rejected';
    const answer = asData(await decide(id, fields));
    expect(answer.status).toBe(400);
    const errors = (answer.data.result as { error: Record<string, string[]> }).error;
    expect(errors[`review-${codes[0]}`]).toEqual(['Indiquez si ce critère est validé ou refusé.']);
    expect(errors[`note-${codes[1]}`]).toEqual(['Expliquez au fournisseur pourquoi ce critère est refusé.']);
    expect(await snapshot(id)).toEqual(before);
  });

  it('refuses a second decision on a decided version', async () => {
    const id = await submitted(await newOrg());
    expect(statusOf(await decide(id, allValidated()))).toBe(302);
    const before = await snapshot(id);
    const again = asData(await decide(id, allValidated()));
    expect((again.data.result as { error: Record<string, string[]> }).error['']).toEqual([
      'Cette auto-évaluation n’attend pas de décision.',
    ]);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('decisions', () => {
  it('verifies when every criterion is validated: charter verified, sheet published, owners mailed, audited', async () => {
    const org = await newOrg();
    const id = await submitted(org);
    await db.deleteFrom('search_changes').execute();
    const answer = (await decide(id, { ...allValidated(), decisionNote: 'Dossier exemplaire.' })) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe('/moderation/chartes');
    const supplier = await db
      .selectFrom('suppliers')
      .selectAll()
      .where('id', '=', org.supplierId)
      .executeTakeFirstOrThrow();
    expect(supplier).toMatchObject({ charter_status: 'verified', publication_status: 'published' });
    expect(supplier.charter_verified_at).not.toBeNull();
    const assessment = await db
      .selectFrom('charter_assessments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(assessment).toMatchObject({
      status: 'verified',
      reviewed_by_user_id: moderator.id,
      review_note: 'Dossier exemplaire.',
    });
    const actions = (
      await db
        .selectFrom('audit_log')
        .select('action')
        .where('supplier_id', '=', org.supplierId)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
    expect(actions.filter((a) => a === 'charter.criterion-validated')).toHaveLength(9);
    expect(actions.slice(-2)).toEqual(['charter.verified', 'supplier.published']);
    expect(await db.selectFrom('search_changes').select('supplier_id').execute()).toEqual([
      { supplier_id: org.supplierId },
    ]);
    // The owners only, not the editor.
    const mails = await db.selectFrom('mail_outbox').selectAll().where('subject', 'like', `%${org.name}%`).execute();
    expect(mails.map((m) => m.recipient)).toEqual(['responsable@atelier.fr']);
    expect(mails[0].subject).toBe(`Votre charte est vérifiée — ${org.name} — Maillage`);
    expect(mails[0].text_body).toContain('Dossier exemplaire.');
    expect(mails[0].html_body).toContain('Critère validé');

    const sheet = await getPublicSupplierSheet(db, org.slug);
    expect(sheet?.charter.status).toBe('verified');
    expect(sheet?.charter.evidence).toHaveLength(9);
    expect(sheet?.charter.evidence[0]).toMatchObject({ code: codes[0], answer: 'oui', answerLabel: 'Oui' });
    expect(sheet?.charter.evidence[0].summary.length).toBeLessThanOrEqual(301);
  });

  it('rejects when a criterion is refused: status given back, the notes mailed; the next save is version 2', async () => {
    const org = await newOrg({
      charterStatus: 'expired',
      verifiedAt: '2024-01-01T00:00:00.000Z',
      publicationStatus: 'published',
    });
    const id = await submitted(org);
    expect(
      (
        await db
          .selectFrom('suppliers')
          .select('charter_status')
          .where('id', '=', org.supplierId)
          .executeTakeFirstOrThrow()
      ).charter_status,
    ).toBe('pending');
    const fields = {
      ...allValidated(),
      [`review-${codes[2]}`]: 'rejected',
      [`note-${codes[2]}`]: 'Aucun compte rendu d’assemblée joint.',
    };
    expect(statusOf(await decide(id, fields))).toBe(302);
    const supplier = await db
      .selectFrom('suppliers')
      .selectAll()
      .where('id', '=', org.supplierId)
      .executeTakeFirstOrThrow();
    expect(supplier).toMatchObject({ charter_status: 'expired', publication_status: 'published' });
    const rejected = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'charter.criterion-rejected')
      .where('supplier_id', '=', org.supplierId)
      .execute();
    expect(rejected).toMatchObject([{ reason: 'Aucun compte rendu d’assemblée joint.' }]);
    const mail = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('subject', 'like', '%à reprendre%')
      .where('subject', 'like', `%${org.name}%`)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('Critère refusé — Aucun compte rendu d’assemblée joint.');

    const next = await saveAssessment(db, {
      organisationId: org.organisationId,
      actor: { userId: owner.id, email: owner.email },
      intent: 'save',
      fields: completeAnswers(codes),
      documents: {},
      uploadsDir: TMP_DIR,
    });
    expect(next.ok && next.value.version).toBe(2);
    const versions = await db
      .selectFrom('charter_assessments')
      .select(['version', 'status'])
      .where('supplier_id', '=', org.supplierId)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, status: 'rejected' },
      { version: 2, status: 'draft' },
    ]);
  });

  it('keeps a verified charter verified while its renewal waits, and after the renewal is refused', async () => {
    const org = await newOrg();
    expect(statusOf(await decide(await submitted(org), allValidated()))).toBe(302);
    const renewal = await submitted(org);
    const status = async () =>
      (
        await db
          .selectFrom('suppliers')
          .select('charter_status')
          .where('id', '=', org.supplierId)
          .executeTakeFirstOrThrow()
      ).charter_status;
    expect(await status()).toBe('verified');
    const fields = {
      ...allValidated(),
      [`review-${codes[0]}`]: 'rejected',
      [`note-${codes[0]}`]: 'Preuve datée de 2019.',
    };
    expect(statusOf(await decide(renewal, fields))).toBe(302);
    expect(await status()).toBe('verified');
  });

  it('saves a review in progress without deciding', async () => {
    const id = await submitted(await newOrg());
    const answer = (await settle(() =>
      reviewAction(
        formArgs(
          `/moderation/chartes/${id}`,
          { intent: 'save', [`review-${codes[0]}`]: 'validated' },
          moderator.cookie,
          { assessmentId: String(id) },
        ),
      ),
    )) as Response;
    expect(answer.headers.get('Location')).toBe(`/moderation/chartes/${id}?fait=enregistre`);
    const row = await db
      .selectFrom('charter_answers')
      .selectAll()
      .where('assessment_id', '=', id)
      .where('criterion_code', '=', codes[0])
      .executeTakeFirstOrThrow();
    expect(row.review).toBe('validated');
    expect(
      (await db.selectFrom('charter_assessments').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status,
    ).toBe('submitted');
  });
});
