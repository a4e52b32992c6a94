import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BID_DOCUMENT_MAX_BYTES, CHECKLIST_MESSAGES } from '../../app/domain/bids/checklist-form';
import { WORKSPACE_MESSAGES } from '../../app/domain/bids/workspace';
import { loader as fileLoader } from '../../app/routes/reponses.$bidId.pieces.$itemId.fichier';
import { action, loader } from '../../app/routes/reponses.$bidId.pieces';
import { syncChecklist } from '../../app/services/bids/checklist.server';
import { cleanUpUploads } from '../../app/services/uploads/file-store.server';
import { countBidRows, setBidStatus } from '../support/bids';
import { createTestDatabase } from '../support/db';
import { attempt, multipartArgs, PDF_BYTES, pageGet, pagePost } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { TMP_DIR } from '../support/paths';
import { workspaceWorld, type WorkspaceWorld } from './bid-workspace-helpers';

// /reponses/:bidId/pieces and its downloads (decision 246): the checklist generated from the members and
// subcontractors and kept in step without losing what was done, each item's assignee, due date, status and
// PDF (the bytes decide, 10 MB at most), `done` only with a document, frozen once submitted.

const database = createTestDatabase();
const { db } = database;
const uploadsDir = path.join(TMP_DIR, `uploads-${crypto.randomUUID()}`);
let w: WorkspaceWorld;

beforeAll(async () => {
  setPageContext(database, { uploadsDir });
  w = await workspaceWorld(db, { deadline: '2099-01-20T11:00:00.000Z' });
  return () => fs.rmSync(uploadsDir, { recursive: true, force: true });
});

const pagePath = () => `/reponses/${w.bidId}/pieces`;
const params = () => ({ bidId: String(w.bidId) });
const get = (cookie: string) => attempt(() => loader(pageGet(pagePath(), params(), cookie)));
const upload = (fields: Record<string, string>, cookie: string, bytes?: Uint8Array, name = 'dc1.pdf') =>
  attempt(() =>
    action(
      multipartArgs(
        pagePath(),
        { intent: 'update-item', ...fields },
        bytes ? { document: { name, bytes } } : {},
        cookie,
        params(),
      ),
    ),
  );
const items = () =>
  db.selectFrom('bid_checklist_items').selectAll().where('bid_id', '=', w.bidId).orderBy('id').execute();
const itemByKey = async (key: string) => (await items()).find((i) => i.key === key)!;
const errorsOf = (answer: { data: Record<string, unknown> | null }) =>
  (answer.data!.result as { error: Record<string, string[]> }).error;

describe('the checklist', () => {
  it('is generated on load from the members not declined, and shows the completion', async () => {
    const answer = await get(w.member.cookie);
    expect(answer.status).toBe(200);
    const page = answer.data!.page as { items: { label: string }[]; done: number };
    const keys = (await items()).map((i) => i.key);
    const [lead, member, pending] = [w.leadOrg, w.memberOrg, w.pendingOrg].map((o) => o.supplierId);
    expect(keys).toEqual([
      'dc1',
      `dc2-${lead}`,
      `dc2-${member}`,
      `dc2-${pending}`,
      'memoire-technique',
      'bordereau-prix',
      `attestation-fiscale-${lead}`,
      `attestation-sociale-${lead}`,
      `attestation-fiscale-${member}`,
      `attestation-sociale-${member}`,
      `attestation-fiscale-${pending}`,
      `attestation-sociale-${pending}`,
    ]);
    expect(page.items).toHaveLength(12);
    expect(page.done).toBe(0);
    // A second load writes nothing new.
    await get(w.member.cookie);
    expect(await countBidRows(db, 'bid_checklist_items', w.bidId)).toBe(12);
  });

  it('refuses a wrong file, a file too large, done without a document, bad fields; writes nothing', async () => {
    const dc1 = await itemByKey('dc1');
    const base = { itemId: String(dc1.id), assignee: String(w.leadOrg.supplierId), dueDate: '', status: 'in-progress' };
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(errorsOf(await upload(base, w.lead.cookie, html, 'faux.pdf')).document).toEqual([
      CHECKLIST_MESSAGES.documentNotPdf,
    ]);
    const big = new Uint8Array(BID_DOCUMENT_MAX_BYTES + 10);
    big.set(PDF_BYTES);
    expect(errorsOf(await upload(base, w.lead.cookie, big)).document).toEqual([CHECKLIST_MESSAGES.documentTooLarge]);
    expect(errorsOf(await upload({ ...base, status: 'done' }, w.lead.cookie)).status).toEqual([
      CHECKLIST_MESSAGES.doneWithoutDocument,
    ]);
    const bad = errorsOf(
      await upload(
        { ...base, assignee: String(w.outsiderOrg.supplierId), dueDate: '2026-02-30', status: 'fini' },
        w.lead.cookie,
      ),
    );
    expect(bad.assignee).toEqual([CHECKLIST_MESSAGES.assigneeInvalid]);
    expect(bad.dueDate).toEqual([CHECKLIST_MESSAGES.dueDateInvalid]);
    expect(bad.status).toEqual([CHECKLIST_MESSAGES.statusInvalid]);
    const late = errorsOf(await upload({ ...base, dueDate: '2099-01-21' }, w.lead.cookie));
    expect(late.dueDate).toEqual([CHECKLIST_MESSAGES.dueDateAfterDeadline('20/01/2099')]);
    expect(await itemByKey('dc1')).toEqual(dc1);
    expect(await db.selectFrom('stored_files').select('id').where('purpose', '=', 'bid-document').execute()).toEqual(
      [],
    );
    expect(fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : []).toEqual([]);
    expect(await countBidRows(db, 'bid_activity', w.bidId)).toBe(0);
  });

  it('stores a PDF, marks the item done, serves it to members as a download, and replaces it', async () => {
    const dc1 = await itemByKey('dc1');
    const fields = {
      itemId: String(dc1.id),
      assignee: String(w.memberOrg.supplierId),
      dueDate: '2099-01-20',
      status: 'done',
    };
    const saved = await upload(fields, w.member.cookie, PDF_BYTES, 'DC1 signé.pdf');
    expect(saved.status).toBe(302);
    const stored = await itemByKey('dc1');
    expect(stored).toMatchObject({
      status: 'done',
      due_date: '2099-01-20',
      assignee_supplier_id: w.memberOrg.supplierId,
    });
    expect(stored.file_id).toMatch(/^[0-9a-f]{32}$/);
    const file = await db
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', stored.file_id!)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({
      purpose: 'bid-document',
      content_type: 'application/pdf',
      organisation_id: w.memberOrg.organisationId,
    });

    const download = await fileLoader(
      pageGet(`${pagePath()}/${dc1.id}/fichier`, { bidId: String(w.bidId), itemId: String(dc1.id) }, w.pending.cookie),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment; filename="DC1 sign_.pdf"/);
    expect(download.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(download.headers.get('Cache-Control')).toBe('no-store');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF_BYTES);
    const none = await fileLoader(
      pageGet('/x', { bidId: String(w.bidId), itemId: String((await itemByKey('bordereau-prix')).id) }, w.lead.cookie),
    );
    expect(none.status).toBe(404);

    // Once a document is stored, `done` stands without sending it again; a new one replaces the old file.
    expect((await upload({ ...fields, status: 'done' }, w.lead.cookie)).status).toBe(302);
    expect((await upload(fields, w.lead.cookie, PDF_BYTES, 'v2.pdf')).status).toBe(302);
    const replaced = await itemByKey('dc1');
    expect(replaced.file_id).not.toBe(stored.file_id);
    expect(await db.selectFrom('stored_files').select('id').where('id', '=', stored.file_id!).execute()).toEqual([]);
    expect(fs.existsSync(path.join(uploadsDir, stored.file_id!))).toBe(false);
    const page = (await get(w.lead.cookie)).data!.page as { done: number };
    expect(page.done).toBe(1);
    // The daily clean-up keeps a document a checklist item holds.
    await cleanUpUploads(db, uploadsDir, new Date(Date.now() + 3 * 24 * 3600 * 1000));
    expect(await db.selectFrom('stored_files').select('id').where('id', '=', replaced.file_id!).execute()).toHaveLength(
      1,
    );
    expect(fs.existsSync(path.join(uploadsDir, replaced.file_id!))).toBe(true);
    const actions = await db
      .selectFrom('bid_activity')
      .select(['action', 'detail'])
      .where('bid_id', '=', w.bidId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['checklist.document-uploaded', 'checklist.item-updated']),
    );
  });

  it('keeps the items’ state by key when members change, drops those of a member who declined', async () => {
    const before = await itemByKey('dc1');
    await db
      .updateTable('bid_members')
      .set({ acceptance: 'declined' })
      .where('bid_id', '=', w.bidId)
      .where('supplier_id', '=', w.pendingOrg.supplierId)
      .execute();
    await db.transaction().execute((trx) => syncChecklist(trx, w.bidId, new Date()));
    const keys = (await items()).map((i) => i.key);
    expect(keys).not.toContain(`dc2-${w.pendingOrg.supplierId}`);
    expect(keys).toHaveLength(9);
    expect(await itemByKey('dc1')).toEqual(before);
    // A renamed member's items follow the name, their state stays.
    await db
      .updateTable('suppliers')
      .set({ name: 'Jardins solidaires SCIC' })
      .where('id', '=', w.memberOrg.supplierId)
      .execute();
    await db.transaction().execute((trx) => syncChecklist(trx, w.bidId, new Date()));
    expect((await itemByKey(`dc2-${w.memberOrg.supplierId}`)).label).toBe(
      'DC2 — déclaration du candidat : Jardins solidaires SCIC',
    );
    expect(await itemByKey('dc1')).toEqual(before);
  });

  it('is frozen once the bid is submitted, with a clear message', async () => {
    await setBidStatus(db, w.bidId, 'submitted');
    const before = await items();
    const item = before[1];
    const refused = await upload(
      { itemId: String(item.id), assignee: String(w.leadOrg.supplierId), status: 'in-progress' },
      w.lead.cookie,
      PDF_BYTES,
    );
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)['']).toEqual([WORKSPACE_MESSAGES.frozen]);
    expect(await items()).toEqual(before);
    const page = (await get(w.lead.cookie)).data!.page as { rights: { editable: boolean } };
    expect(page.rights.editable).toBe(false);
    await setBidStatus(db, w.bidId, 'forming');
  });

  it('refuses a declared body above the limit before reading it', async () => {
    const args = pagePost(pagePath(), params(), [['intent', 'update-item']], w.lead.cookie);
    const request = new Request(args.request.url, {
      method: 'POST',
      headers: {
        Cookie: w.lead.cookie,
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': String(BID_DOCUMENT_MAX_BYTES * 2),
      },
      body: '--x--',
    });
    const answer = await attempt(() => action({ ...args, request }));
    expect(answer.status).toBe(400);
    expect(errorsOf(answer)['']).toEqual([CHECKLIST_MESSAGES.documentTooLarge]);
  });
});
