import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import * as discussion from '../../app/routes/reponses.$bidId.discussion';
import * as fichier from '../../app/routes/reponses.$bidId.pieces.$itemId.fichier';
import * as pieces from '../../app/routes/reponses.$bidId.pieces';
import * as repartition from '../../app/routes/reponses.$bidId.repartition';
import { setBidStatus } from '../support/bids';
import { createTestDatabase } from '../support/db';
import { attempt, multipartArgs, PDF_BYTES, pageGet, pagePost, type TestUser } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { TMP_DIR } from '../support/paths';
import { workspaceWorld, type WorkspaceWorld } from './bid-workspace-helpers';

// Who may use each page and action of a bid's workspace (decisions 231, 245–247): anonymous visitors are sent
// to log in, another supplier, a moderator and the buyer before the bid is opened get 403, an invited member
// reads without writing, the buyer reads an opened bid (not the members' thread). Nothing is written on a
// refusal.

const database = createTestDatabase();
const { db } = database;
const uploadsDir = path.join(TMP_DIR, `uploads-${crypto.randomUUID()}`);
let open: WorkspaceWorld; // deadline far ahead, bid forming
let opened: WorkspaceWorld; // deadline passed, bid submitted: opened to the buyer
let itemId: number;

beforeAll(async () => {
  setPageContext(database, { uploadsDir });
  open = await workspaceWorld(db);
  opened = await workspaceWorld(db, { deadline: '2020-01-01T00:00:00.000Z' });
  // A document on the opened bid, stored while it was forming.
  await setBidStatus(db, opened.bidId, 'forming');
  await pieces.loader(pageGet('/x', { bidId: String(opened.bidId) }, opened.lead.cookie));
  const dc1 = await db
    .selectFrom('bid_checklist_items')
    .select('id')
    .where('bid_id', '=', opened.bidId)
    .where('key', '=', 'dc1')
    .executeTakeFirstOrThrow();
  itemId = dc1.id;
  const stored = await attempt(() =>
    pieces.action(
      multipartArgs(
        '/x',
        { intent: 'update-item', itemId: String(itemId), assignee: String(opened.leadOrg.supplierId), status: 'done' },
        { document: { name: 'dc1.pdf', bytes: PDF_BYTES } },
        opened.lead.cookie,
        { bidId: String(opened.bidId) },
      ),
    ),
  );
  expect(stored.status).toBe(302);
  await setBidStatus(db, opened.bidId, 'submitted');
  return () => fs.rmSync(uploadsDir, { recursive: true, force: true });
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

function load(fn: Loader, w: WorkspaceWorld, user: TestUser | null, extra: Record<string, string> = {}) {
  return attempt(() => fn(pageGet(`/reponses/${w.bidId}/x`, { bidId: String(w.bidId), ...extra }, user?.cookie)));
}

function send(fn: Action, w: WorkspaceWorld, user: TestUser | null, fields: Record<string, string>) {
  return attempt(() =>
    fn(pagePost(`/reponses/${w.bidId}/x`, { bidId: String(w.bidId) }, Object.entries(fields), user?.cookie)),
  );
}

const LOADERS: [string, Loader, Record<string, string>?][] = [
  ['repartition', repartition.loader],
  ['pieces', pieces.loader],
  ['discussion', discussion.loader],
];

async function workspaceRows() {
  const counts = await Promise.all(
    (['bid_allocations', 'bid_subcontractors', 'bid_messages', 'bid_activity'] as const).map(async (t) =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
  const items = await db
    .selectFrom('bid_checklist_items')
    .select(['status', 'file_id', 'assignee_supplier_id'])
    .execute();
  return { counts, items };
}

describe('workspace loaders', () => {
  it('send anonymous visitors to log in, and refuse other suppliers, moderators and the buyer before opening', async () => {
    for (const [name, fn] of LOADERS) {
      const anonymous = await load(fn, open, null);
      expect(anonymous.status, name).toBe(302);
      expect(anonymous.headers.get('Location'), name).toMatch(/^\/connexion\?redirectTo=/);
      for (const user of [open.outsider, open.moderator, open.buyer])
        expect((await load(fn, open, user)).status, `${name} ${user.email}`).toBe(403);
      for (const user of [open.lead, open.member, open.pending])
        expect((await load(fn, open, user)).status, name).toBe(200);
    }
    const unknown = await attempt(() => repartition.loader(pageGet('/x', { bidId: '999999' }, open.lead.cookie)));
    expect(unknown.status).toBe(404);
  });

  it('let the buyer read an opened bid’s allocation and checklist, not the members’ thread', async () => {
    expect((await load(repartition.loader, opened, opened.buyer)).status).toBe(200);
    const checklist = await load(pieces.loader, opened, opened.buyer);
    expect(checklist.status).toBe(200);
    expect((checklist.data!.page as { rights: { isMember: boolean } }).rights.isMember).toBe(false);
    expect((await load(discussion.loader, opened, opened.buyer)).status).toBe(403);
    expect((await load(repartition.loader, opened, opened.moderator)).status).toBe(403);
    expect((await load(repartition.loader, opened, opened.outsider)).status).toBe(403);
  });

  it('serve a document to members and the buyer of an opened bid only', async () => {
    const get = (w: WorkspaceWorld, user: TestUser | null) => load(fichier.loader, w, user, { itemId: String(itemId) });
    expect((await get(opened, opened.member)).status).toBe(200);
    const buyer = await get(opened, opened.buyer);
    expect(buyer.status).toBe(200);
    expect(buyer.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    expect((await get(opened, null)).status).toBe(302);
    for (const user of [opened.outsider, opened.moderator]) expect((await get(opened, user)).status).toBe(403);
    // Before opening the buyer sees nothing; another bid's item id is not found through this bid.
    await setBidStatus(db, opened.bidId, 'withdrawn');
    expect((await get(opened, opened.buyer)).status).toBe(403);
    await setBidStatus(db, opened.bidId, 'submitted');
    expect((await get(open, open.lead)).status).toBe(404);
  });
});

describe('workspace actions', () => {
  const ACTIONS: [string, Action, Record<string, string>][] = [
    ['save-allocation', repartition.action, { intent: 'save-allocation' }],
    [
      'add-subcontractor',
      repartition.action,
      { intent: 'add-subcontractor', name: 'X', siret: '1', services: 'x', amount: '1' },
    ],
    ['remove-subcontractor', repartition.action, { intent: 'remove-subcontractor', subcontractorId: '1' }],
    ['update-item', pieces.action, { intent: 'update-item', itemId: '1', status: 'todo' }],
    ['post-message', discussion.action, { intent: 'post-message', body: 'Bonjour' }],
  ];

  it('refuse anonymous, other suppliers, invited members, moderators and the buyer; write nothing', async () => {
    const before = await workspaceRows();
    for (const [name, fn, fields] of ACTIONS) {
      for (const w of [open, opened]) {
        const anonymous = await send(fn, w, null, fields);
        expect(anonymous.status, name).toBe(302);
        expect(anonymous.headers.get('Location'), name).toMatch(/^\/connexion/);
        for (const user of [w.outsider, w.pending, w.moderator, w.buyer])
          expect((await send(fn, w, user, fields)).status, `${name} ${user.email}`).toBe(403);
      }
    }
    expect(await workspaceRows()).toEqual(before);
  });

  it('answer 400 to an unknown intent from a member', async () => {
    expect((await send(repartition.action, open, open.lead, { intent: 'inventee' })).status).toBe(400);
    expect((await send(discussion.action, open, open.lead, { intent: 'inventee' })).status).toBe(400);
    expect((await send(pieces.action, open, open.lead, { intent: 'inventee', itemId: '1' })).status).toBe(400);
  });

  it('answer 400 to a malformed checklist item id from a member; write nothing', async () => {
    const before = await workspaceRows();
    for (const itemId of ['', 'abc', '0', '-1', '1.5'])
      expect(
        (await send(pieces.action, open, open.lead, { intent: 'update-item', itemId, status: 'done' })).status,
        itemId,
      ).toBe(400);
    expect(await workspaceRows()).toEqual(before);
  });
});
