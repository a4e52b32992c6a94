import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_MAX_BYTES } from '../../app/domain/charter-assessment';
import { action, loader } from '../../app/routes/organisations.$orgId.charte';
import { loader as documentLoader } from '../../app/routes/organisations.$orgId.charte_.pieces.$fileId';
import {
  PDF_BYTES,
  completeAnswers,
  criterionCodes,
  insertSupplierOrganisation,
  createUser,
  loaderArgs,
  multipartArgs,
  settle,
  statusOf,
  type SupplierOrg,
  type TestUser,
} from '../support/organisations';
import { createTestDatabase } from '../support/db';
import { asData, run, setPageContext } from '../support/pages';
import { TMP_DIR } from '../support/paths';

// /organisations/:orgId/charte and its documents (issue 6 §4, decision 140) on a real SQLite file: who may see
// and save it, every refused input (nothing written, the message next to the field), the draft, the
// submission (supplier pending, audit, search sync) and the PDF download's headers.

const database = createTestDatabase();
const { db } = database;
const uploadsDir = path.join(TMP_DIR, `uploads-${crypto.randomUUID()}`);
let codes: string[];
let owner: TestUser;
let editor: TestUser;
let stranger: TestUser;
let moderator: TestUser;
let org: SupplierOrg;
let otherOrg: SupplierOrg;

beforeAll(async () => {
  setPageContext(database, { uploadsDir: uploadsDir });
  codes = await criterionCodes(db);
  owner = await createUser(db);
  editor = await createUser(db);
  stranger = await createUser(db);
  moderator = await createUser(db, { siteRole: 'moderator' });
  org = await insertSupplierOrganisation(db, {
    members: [
      { userId: owner.id, role: 'owner' },
      { userId: editor.id, role: 'editor' },
    ],
  });
  otherOrg = await insertSupplierOrganisation(db, { members: [{ userId: stranger.id, role: 'owner' }] });
  return () => fs.rmSync(uploadsDir, { recursive: true, force: true });
});

const pagePath = () => `/organisations/${org.organisationId}/charte`;
const params = () => ({ orgId: String(org.organisationId) });

function post(fields: Record<string, string>, cookie?: string, files = {}) {
  return run(() => action(multipartArgs(pagePath(), fields, files, cookie, params())));
}

async function counts() {
  const n = async (table: 'charter_assessments' | 'charter_answers' | 'stored_files' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    assessments: await n('charter_assessments'),
    answers: await n('charter_answers'),
    files: await n('stored_files'),
    audit: await n('audit_log'),
    onDisk: fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir).length : 0,
  };
}

function fieldErrors(answer: unknown): Record<string, string[]> {
  const { status, data } = asData(answer);
  expect(status).toBe(400);
  return ((data.result as { error?: Record<string, string[]> }).error ?? {}) as Record<string, string[]>;
}

describe('who may open the charter page', () => {
  it('sends the anonymous to log in, and back here afterwards', async () => {
    const answer = (await run(() => loader(loaderArgs(pagePath(), undefined, params())))) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(pagePath())}`);
  });

  it('refuses a member of another organisation and a moderator (403), on the page and its action', async () => {
    for (const cookie of [stranger.cookie, moderator.cookie]) {
      expect(statusOf(await settle(() => loader(loaderArgs(pagePath(), cookie, params()))))).toBe(403);
      expect(
        statusOf(await settle(() => action(multipartArgs(pagePath(), completeAnswers(codes), {}, cookie, params())))),
      ).toBe(403);
    }
  });

  it('shows the form to the owner and to an editor, never cached', async () => {
    for (const cookie of [owner.cookie, editor.cookie]) {
      const shown = asData(await loader(loaderArgs(pagePath(), cookie, params())));
      expect(shown.headers.get('Cache-Control')).toBe('no-store');
      const page = shown.data.page as { criteria: unknown[]; editable: boolean; latest: unknown };
      expect(page.criteria).toHaveLength(9);
      expect(page.editable).toBe(true);
      expect(page.latest).toBeNull();
    }
  });

  it('answers 404 for an id that cannot exist', async () => {
    expect(
      statusOf(await settle(() => loader(loaderArgs('/organisations/0/charte', owner.cookie, { orgId: '0' })))),
    ).toBe(404);
    // A buyer's organisation has no charter.
    const buyer = await db
      .insertInto('organisations')
      .values({
        kind: 'buyer',
        name: 'Ville',
        buyer_type: 'commune',
        buyer_size: '50-249',
        created_at: 'x',
        updated_at: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('memberships')
      .values({ organisation_id: buyer.id, user_id: owner.id, role: 'owner', created_at: 'x' })
      .execute();
    const buyerPath = `/organisations/${buyer.id}/charte`;
    expect(statusOf(await settle(() => loader(loaderArgs(buyerPath, owner.cookie, { orgId: String(buyer.id) }))))).toBe(
      404,
    );
  });
});

describe('refused inputs: nothing written, the message next to the field', () => {
  it('refuses a submission with a missing answer and evidence too short', async () => {
    const before = await counts();
    const fields = completeAnswers(codes);
    delete fields[`answer-${codes[0]}`];
    fields[`evidence-${codes[1]}`] = 'Nous voulons bien faire.';
    const errors = fieldErrors(await post({ ...fields, intent: 'submit' }, owner.cookie));
    expect(errors[`answer-${codes[0]}`]).toEqual(['Choisissez une réponse : oui, en partie ou non.']);
    expect(errors[`evidence-${codes[1]}`]?.[0]).toMatch(/au moins 80 caractères : des pratiques, pas des intentions/);
    expect(Object.keys(errors)).toHaveLength(2);
    expect(await counts()).toEqual(before);
  });

  it('keeps the values sent', async () => {
    const fields = completeAnswers(codes);
    fields[`evidence-${codes[2]}`] = 'Trop court.';
    const { data } = asData(await post({ ...fields, intent: 'submit' }, owner.cookie));
    const initial = (data.result as { initialValue: Record<string, string> }).initialValue;
    expect(initial[`evidence-${codes[2]}`]).toBe('Trop court.');
    expect(initial[`answer-${codes[3]}`]).toBe('oui');
  });

  it('refuses evidence over the maximum even in a draft, and an unknown answer', async () => {
    const before = await counts();
    const errors = fieldErrors(
      await post(
        { [`evidence-${codes[0]}`]: 'x'.repeat(4001), [`answer-${codes[1]}`]: 'peut-etre', intent: 'save' },
        owner.cookie,
      ),
    );
    expect(errors[`evidence-${codes[0]}`]?.[0]).toMatch(/4000 caractères/);
    expect(errors[`answer-${codes[1]}`]).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it('refuses a PDF over 5 MB and non-PDF bytes behind a .pdf name, and stores no file', async () => {
    const before = await counts();
    const big = new Uint8Array(DOCUMENT_MAX_BYTES + 10);
    big.set(PDF_BYTES);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const errors = fieldErrors(
      await post({ ...completeAnswers(codes), intent: 'save' }, owner.cookie, {
        [`document-${codes[0]}`]: { name: 'rapport.pdf', bytes: big },
        [`document-${codes[1]}`]: { name: 'statuts.pdf', bytes: png },
        [`document-${codes[2]}`]: { name: 'image.pdf', bytes: svg, type: 'application/pdf' },
      }),
    );
    expect(errors[`document-${codes[0]}`]).toEqual(['Le document dépasse 5 Mo : envoyez un PDF plus léger.']);
    expect(errors[`document-${codes[1]}`]?.[0]).toMatch(/doit être un fichier PDF/);
    expect(errors[`document-${codes[2]}`]?.[0]).toMatch(/doit être un fichier PDF/);
    expect(await counts()).toEqual(before);
  });
});

describe('draft, submission and documents', () => {
  it('saves an incomplete draft as version 1', async () => {
    const answer = (await post(
      { [`answer-${codes[0]}`]: 'en-partie', [`evidence-${codes[0]}`]: 'À compléter', intent: 'save' },
      editor.cookie,
    )) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`${pagePath()}?fait=enregistre`);
    const rows = await db.selectFrom('charter_assessments').selectAll().execute();
    expect(rows).toMatchObject([{ supplier_id: org.supplierId, version: 1, status: 'draft' }]);
    const saved = await db
      .selectFrom('charter_answers')
      .selectAll()
      .where('criterion_code', '=', codes[0])
      .executeTakeFirst();
    expect(saved).toMatchObject({ answer: 'en-partie', evidence: 'À compléter', document_file_id: null });
  });

  it('submits the complete form with a PDF: pending, audited, synced, the file stored outside public/', async () => {
    const answer = (await post({ ...completeAnswers(codes), intent: 'submit' }, owner.cookie, {
      [`document-${codes[4]}`]: { name: 'plan de formation.pdf', bytes: PDF_BYTES },
    })) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`${pagePath()}?fait=envoye`);
    const assessment = await db.selectFrom('charter_assessments').selectAll().executeTakeFirstOrThrow();
    expect(assessment).toMatchObject({
      version: 1,
      status: 'submitted',
      submitted_by_user_id: owner.id,
      previous_charter_status: 'none',
    });
    const supplier = await db
      .selectFrom('suppliers')
      .selectAll()
      .where('id', '=', org.supplierId)
      .executeTakeFirstOrThrow();
    expect(supplier.charter_status).toBe('pending');
    expect(supplier.publication_status).toBe('draft');
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'charter.submitted').execute();
    expect(audit).toMatchObject([
      {
        actor_user_id: owner.id,
        actor_email: owner.email,
        subject_type: 'charter-assessment',
        subject_id: assessment.id,
        supplier_id: org.supplierId,
        organisation_id: org.organisationId,
      },
    ]);
    expect(await db.selectFrom('search_changes').select('supplier_id').execute()).toEqual([
      { supplier_id: org.supplierId },
    ]);
    const file = await db.selectFrom('stored_files').selectAll().executeTakeFirstOrThrow();
    expect(file).toMatchObject({
      purpose: 'charter-evidence',
      content_type: 'application/pdf',
      byte_size: PDF_BYTES.byteLength,
      original_name: 'plan de formation.pdf',
      organisation_id: org.organisationId,
    });
    expect(file.id).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(uploadsDir, file.id))).toEqual(Buffer.from(PDF_BYTES));
    const withDoc = await db
      .selectFrom('charter_answers')
      .select('document_file_id')
      .where('criterion_code', '=', codes[4])
      .executeTakeFirstOrThrow();
    expect(withDoc.document_file_id).toBe(file.id);
  });

  it('freezes a submitted version: the page says so and a new save is refused', async () => {
    const shown = asData(await loader(loaderArgs(pagePath(), owner.cookie, params())));
    expect((shown.data.page as { editable: boolean }).editable).toBe(false);
    const before = await counts();
    const { status, data } = asData(await post({ ...completeAnswers(codes), intent: 'save' }, owner.cookie));
    expect(status).toBe(400);
    expect((data.result as { error: Record<string, string[]> }).error['']).toEqual([
      'Cette auto-évaluation a été envoyée : elle ne peut plus être modifiée.',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('gives the PDF to members and moderators only, as an attachment never sniffed nor cached', async () => {
    const file = await db.selectFrom('stored_files').selectAll().executeTakeFirstOrThrow();
    const url = `/organisations/${org.organisationId}/charte/pieces/${file.id}`;
    const p = { orgId: String(org.organisationId), fileId: file.id };
    for (const cookie of [owner.cookie, moderator.cookie]) {
      const answer = (await documentLoader(loaderArgs(url, cookie, p))) as Response;
      expect(answer.status).toBe(200);
      expect(answer.headers.get('Content-Type')).toBe('application/pdf');
      expect(answer.headers.get('Content-Disposition')).toMatch(/^attachment; filename="plan de formation.pdf"/);
      expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
      expect(Buffer.from(await answer.arrayBuffer())).toEqual(Buffer.from(PDF_BYTES));
    }
    expect(statusOf(await settle(() => documentLoader(loaderArgs(url, stranger.cookie, p))))).toBe(403);
    const anonymous = (await run(() => documentLoader(loaderArgs(url, undefined, p)))) as Response;
    expect(anonymous.status).toBe(302);
    // Another organisation's address for the same file: not found.
    const elsewhere = (await documentLoader(
      loaderArgs(`/organisations/${otherOrg.organisationId}/charte/pieces/${file.id}`, stranger.cookie, {
        orgId: String(otherOrg.organisationId),
        fileId: file.id,
      }),
    )) as Response;
    expect(elsewhere.status).toBe(404);
    const unknown = (await documentLoader(
      loaderArgs(url, owner.cookie, { ...p, fileId: '../../etc/passwd' }),
    )) as Response;
    expect(unknown.status).toBe(404);
  });
});
