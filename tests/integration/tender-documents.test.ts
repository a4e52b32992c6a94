import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TENDER_DOCUMENT_MAX_BYTES, TENDER_DOCUMENT_MESSAGES } from '../../app/domain/tenders/documents';
import { action, loader } from '../../app/routes/organisations.$orgId.appels-d-offres.$tenderId_.documents';
import { loader as downloadLoader } from '../../app/routes/appels-d-offres.$id_.documents.$documentId';
import { loader as publicLoader } from '../../app/routes/appels-d-offres.$id';
import { loader as apiLoader } from '../../app/routes/api.v1.tenders.$id';
import { loader as queueLoader } from '../../app/routes/moderation.appels-d-offres';
import { cleanUpUploads } from '../../app/services/uploads/file-store.server';
import { createTestDatabase } from '../support/db';
import {
  FUTURE,
  bidder,
  buyerWithMembers,
  insertBid,
  insertTender,
  notificationsOf,
  type Buyer,
} from '../support/buyer-bids';
import {
  PDF_BYTES,
  auditRows,
  createUser,
  formArgs,
  loaderArgs,
  multipartArgs,
  settle,
  statusOf,
  type TestUser,
} from '../support/organisations';
import { asData, run, setPageContext } from '../support/pages';
import { TMP_DIR } from '../support/paths';

// A tender's documents (decision 255): the buyer's page (who may use it, uploads refused from their bytes or
// size with nothing written, removal only before publication, additions after it announced to the bidders), the
// public download (public tender: anyone; draft: members and moderators, the others 404) and the listings.

const database = createTestDatabase();
const { db } = database;
const uploadsDir = path.join(TMP_DIR, `uploads-${crypto.randomUUID()}`);
let buyer: Buyer;
let otherBuyer: Buyer;
let moderator: TestUser;
let supplier: TestUser;

beforeAll(async () => {
  setPageContext(database, { uploadsDir });
  buyer = await buyerWithMembers(db);
  otherBuyer = await buyerWithMembers(db, 'Ville de Grenoble');
  moderator = await createUser(db, { siteRole: 'moderator' });
  supplier = (await bidder(db)).owner;
  return () => fs.rmSync(uploadsDir, { recursive: true, force: true });
});

const pagePath = (tenderId: number) => `/organisations/${buyer.orgId}/appels-d-offres/${tenderId}/documents`;
const params = (tenderId: number) => ({ orgId: String(buyer.orgId), tenderId: String(tenderId) });

function upload(tenderId: number, title: string, bytes: Uint8Array | null, cookie: string | null = buyer.owner.cookie) {
  const files: Record<string, { name: string; bytes: Uint8Array }> = bytes
    ? { document: { name: 'règlement.pdf', bytes } }
    : {};
  return run(() =>
    action(multipartArgs(pagePath(tenderId), { intent: 'add', title }, files, cookie ?? undefined, params(tenderId))),
  );
}

function download(tenderId: number, documentId: number, cookie?: string) {
  const p = { id: String(tenderId), documentId: String(documentId) };
  return downloadLoader(
    loaderArgs(`/appels-d-offres/${tenderId}/documents/${documentId}`, cookie, p),
  ) as Promise<Response>;
}

async function state() {
  const count = async (table: 'tender_documents' | 'stored_files' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    documents: await count('tender_documents'),
    files: await count('stored_files'),
    audit: await count('audit_log'),
    onDisk: fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir).length : 0,
  };
}

function issues(answer: unknown) {
  const { status, data } = asData(answer);
  expect(status).toBe(400);
  return data.issues as { field: string; message: string }[];
}

async function documentIds(tenderId: number) {
  const rows = await db
    .selectFrom('tender_documents')
    .select('id')
    .where('tender_id', '=', tenderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

describe('who may use the documents page', () => {
  it('sends the anonymous to log in, refuses a supplier, another buyer and a moderator (403)', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    const anonymous = (await run(() =>
      loader(loaderArgs(pagePath(tenderId), undefined, params(tenderId))),
    )) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(pagePath(tenderId))}`);
    expect((await upload(tenderId, 'Règlement', PDF_BYTES, null)) as Response).toHaveProperty('status', 302);
    for (const cookie of [supplier.cookie, otherBuyer.owner.cookie, moderator.cookie]) {
      expect(statusOf(await settle(() => loader(loaderArgs(pagePath(tenderId), cookie, params(tenderId)))))).toBe(403);
      expect(statusOf(await settle(() => upload(tenderId, 'Règlement', PDF_BYTES, cookie)))).toBe(403);
    }
    // Another buyer on its own organisation, with this tender's id: 404.
    const stranger = { orgId: String(otherBuyer.orgId), tenderId: String(tenderId) };
    expect(statusOf(await settle(() => loader(loaderArgs('/x', otherBuyer.owner.cookie, stranger))))).toBe(404);
    expect((await state()).documents).toBe(0);
  });

  it('shows the page to the owner and the editor, never cached', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    for (const cookie of [buyer.owner.cookie, buyer.editor.cookie]) {
      const shown = asData(await loader(loaderArgs(pagePath(tenderId), cookie, params(tenderId))));
      expect(shown.headers.get('Cache-Control')).toBe('no-store');
      expect(shown.data.page).toMatchObject({ documents: [], canAdd: true, canRemove: true });
    }
  });
});

describe('uploading a document', () => {
  it('refuses a file that is not a PDF, a file over 10 MB, no file and a bad title, writing nothing', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    const before = await state();
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(issues(await upload(tenderId, 'Règlement', html))).toEqual([
      { field: 'document', message: TENDER_DOCUMENT_MESSAGES.fileNotPdf },
    ]);
    const large = new Uint8Array(TENDER_DOCUMENT_MAX_BYTES + 1);
    large.set(PDF_BYTES);
    expect(issues(await upload(tenderId, 'Règlement', large))).toEqual([
      { field: 'document', message: TENDER_DOCUMENT_MESSAGES.fileTooLarge },
    ]);
    expect(issues(await upload(tenderId, 'Règlement', null))).toEqual([
      { field: 'document', message: TENDER_DOCUMENT_MESSAGES.fileRequired },
    ]);
    expect(issues(await upload(tenderId, '  ', PDF_BYTES))).toEqual([
      { field: 'title', message: TENDER_DOCUMENT_MESSAGES.titleRequired },
    ]);
    expect(issues(await upload(tenderId, 'x'.repeat(151), PDF_BYTES))).toEqual([
      { field: 'title', message: TENDER_DOCUMENT_MESSAGES.titleTooLong },
    ]);
    // A body declared far over the limit is refused before it is read.
    const body = new FormData();
    body.append('intent', 'add');
    body.append('title', 'Règlement');
    const request = new Request(`http://localhost${pagePath(tenderId)}`, {
      method: 'POST',
      body,
      headers: { Cookie: buyer.owner.cookie, 'Content-Length': String(50 * 1024 * 1024) },
    });
    const unread = await action({ request, params: params(tenderId), context: { clientIp: '203.0.113.9' } } as never);
    expect(issues(unread)).toEqual([{ field: 'document', message: TENDER_DOCUMENT_MESSAGES.fileTooLarge }]);
    expect(await state()).toEqual(before);
  });

  it('stores a good PDF with its title, lists it, and lets a draft remove it', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    const before = await state();
    const added = (await upload(tenderId, ' Règlement de la consultation ', PDF_BYTES)) as Response;
    expect(added.status).toBe(302);
    expect(added.headers.get('Location')).toBe(`${pagePath(tenderId)}?fait=ajoute`);
    const after = await state();
    expect(after).toEqual({ ...before, documents: 1, files: 1, audit: before.audit + 1, onDisk: before.onDisk + 1 });
    const shown = asData(await loader(loaderArgs(pagePath(tenderId), buyer.editor.cookie, params(tenderId))));
    const [document] = (shown.data.page as { documents: { id: number; title: string; byteSize: number }[] }).documents;
    expect(document).toMatchObject({ title: 'Règlement de la consultation', byteSize: PDF_BYTES.byteLength });
    const audit = (await auditRows(db, 'tender.document-added')).at(-1);
    expect(audit).toMatchObject({ subject_id: tenderId, actor_email: buyer.owner.email });

    const removed = (await run(() =>
      action(
        formArgs(
          pagePath(tenderId),
          { intent: 'remove', documentId: String(document.id) },
          buyer.editor.cookie,
          params(tenderId),
        ),
      ),
    )) as Response;
    expect(removed.headers.get('Location')).toBe(`${pagePath(tenderId)}?fait=retire`);
    expect(await state()).toMatchObject({ documents: before.documents, files: before.files, onDisk: before.onDisk });
    expect(await auditRows(db, 'tender.document-removed')).toHaveLength(1);
  });

  it('after publication: adds only, announced to the bidders; after the deadline nothing changes', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'published', deadline: FUTURE });
    const team = await bidder(db);
    await insertBid(db, { tenderId, members: [team], lots: [{ lot: 1, priceCents: 100_00 }], status: 'forming' });
    expect(((await upload(tenderId, 'Avenant n° 1', PDF_BYTES)) as Response).status).toBe(302);
    expect((await notificationsOf(db, team.organisationId)).map((n) => [n.kind, n.link])).toEqual([
      ['tender-document-added', `/appels-d-offres/${tenderId}`],
    ]);
    const [documentId] = await documentIds(tenderId);
    const refused = await action(
      formArgs(
        pagePath(tenderId),
        { intent: 'remove', documentId: String(documentId) },
        buyer.owner.cookie,
        params(tenderId),
      ),
    );
    expect(issues(refused)).toEqual([{ field: '', message: TENDER_DOCUMENT_MESSAGES.removeClosed }]);
    expect(await documentIds(tenderId)).toEqual([documentId]);

    const closed = await insertTender(db, { orgId: buyer.orgId, status: 'published' });
    expect(issues(await upload(closed, 'Trop tard', PDF_BYTES))).toEqual([
      { field: '', message: TENDER_DOCUMENT_MESSAGES.addClosed },
    ]);
    expect(await documentIds(closed)).toEqual([]);
  });

  it('keeps a tender document through the daily clean-up of unreferenced uploads', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    await upload(tenderId, 'Cahier des charges', PDF_BYTES);
    const later = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await cleanUpUploads(db, uploadsDir, later);
    expect(await documentIds(tenderId)).toHaveLength(1);
    const [id] = await documentIds(tenderId);
    const answer = await download(tenderId, id, buyer.owner.cookie);
    expect(answer.status).toBe(200);
  });
});

describe('downloading a document', () => {
  it('serves a published tender’s document to anyone, as an attachment, never sniffed', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    await upload(tenderId, 'Règlement', PDF_BYTES);
    await db
      .updateTable('tenders')
      .set({ status: 'published', published_at: new Date().toISOString() })
      .where('id', '=', tenderId)
      .execute();
    const [id] = await documentIds(tenderId);
    const answer = await download(tenderId, id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('application/pdf');
    expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(answer.headers.get('Content-Disposition')).toMatch(/^attachment; filename="r_glement\.pdf"/);
    expect(new Uint8Array(await answer.arrayBuffer())).toEqual(PDF_BYTES);
    // Another tender's id, or an id that cannot exist: 404.
    expect((await download(tenderId + 1000, id)).status).toBe(404);
    const bad = await downloadLoader(loaderArgs('/x', undefined, { id: 'abc', documentId: String(id) }));
    expect((bad as Response).status).toBe(404);

    const page = await publicLoader(loaderArgs(`/appels-d-offres/${tenderId}`, undefined, { id: String(tenderId) }));
    expect(page.extras.documents).toEqual([
      { id, title: 'Règlement', byteSize: PDF_BYTES.byteLength, url: `/appels-d-offres/${tenderId}/documents/${id}` },
    ]);
    const api = (await apiLoader(
      loaderArgs(`/api/v1/tenders/${tenderId}`, undefined, { id: String(tenderId) }),
    )) as Response;
    expect(((await api.json()) as { documents: unknown }).documents).toEqual([
      {
        title: 'Règlement',
        size: PDF_BYTES.byteLength,
        url: `http://localhost/appels-d-offres/${tenderId}/documents/${id}`,
      },
    ]);
  });

  it('serves a draft’s document to the buyer’s members and moderators only; 404 to everybody else', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    await upload(tenderId, 'Règlement', PDF_BYTES);
    const [id] = await documentIds(tenderId);
    for (const cookie of [buyer.owner.cookie, buyer.editor.cookie, moderator.cookie]) {
      const answer = await download(tenderId, id, cookie);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
    }
    for (const cookie of [undefined, supplier.cookie, otherBuyer.owner.cookie])
      expect((await download(tenderId, id, cookie)).status).toBe(404);

    // Sent to moderation: the moderators' queue lists its documents.
    await db.updateTable('tenders').set({ status: 'submitted' }).where('id', '=', tenderId).execute();
    const queue = asData(await queueLoader(loaderArgs('/moderation/appels-d-offres', moderator.cookie)));
    const reviewed = (queue.data.tenders as { id: number; documents: { url: string }[] }[]).find(
      (t) => t.id === tenderId,
    );
    expect(reviewed?.documents.map((d) => d.url)).toEqual([`/appels-d-offres/${tenderId}/documents/${id}`]);
    expect((await download(tenderId, id, moderator.cookie)).status).toBe(200);
  });
});
