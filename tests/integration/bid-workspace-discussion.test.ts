import { beforeAll, describe, expect, it } from 'vitest';
import { DISCUSSION_MESSAGES, MESSAGE_MAX_LENGTH } from '../../app/domain/bids/discussion';
import { action, loader } from '../../app/routes/reponses.$bidId.discussion';
import { appendBidActivity } from '../../db/repositories/bids';
import { countBidRows } from '../support/bids';
import { createTestDatabase } from '../support/db';
import { attempt, pageGet, pagePost } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { workspaceWorld, type WorkspaceWorld } from './bid-workspace-helpers';

// /reponses/:bidId/discussion (decision 247): the members' thread (1 to 4,000 characters, the author's
// organisation and date) and the activity log, newest first with French labels.

const database = createTestDatabase();
const { db } = database;
let w: WorkspaceWorld;

beforeAll(async () => {
  setPageContext(database);
  w = await workspaceWorld(db);
});

const pagePath = () => `/reponses/${w.bidId}/discussion`;
const params = () => ({ bidId: String(w.bidId) });
const get = (cookie: string) => attempt(() => loader(pageGet(pagePath(), params(), cookie)));
const post = (body: string, cookie: string) =>
  attempt(() =>
    action(
      pagePost(
        pagePath(),
        params(),
        [
          ['intent', 'post-message'],
          ['body', body],
        ],
        cookie,
      ),
    ),
  );

type Page = {
  messages: { supplierName: string; body: string; createdAt: string }[];
  activity: { action: string; label: string; detail: string; supplierName: string | null }[];
  rights: { canWork: boolean };
};

describe('the members’ thread', () => {
  it('refuses an empty or too long message and writes nothing', async () => {
    const empty = await post('   \n ', w.lead.cookie);
    expect(empty.status).toBe(400);
    expect((empty.data!.result as { error: Record<string, string[]> }).error.body).toEqual([DISCUSSION_MESSAGES.empty]);
    const long = await post('é'.repeat(MESSAGE_MAX_LENGTH + 1), w.lead.cookie);
    expect(long.status).toBe(400);
    expect((long.data!.result as { error: Record<string, string[]> }).error.body).toEqual([
      DISCUSSION_MESSAGES.tooLong,
    ]);
    expect((long.data!.result as { initialValue: Record<string, string> }).initialValue.body).toHaveLength(
      MESSAGE_MAX_LENGTH + 1,
    );
    expect(await countBidRows(db, 'bid_messages', w.bidId)).toBe(0);
    expect(await countBidRows(db, 'bid_activity', w.bidId)).toBe(0);
  });

  it('posts messages with their organisation and date, and logs them', async () => {
    const first = await post('Bonjour, je propose de prendre le lot 1.', w.lead.cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get('Location')).toMatch(
      new RegExp(`^/reponses/${w.bidId}/discussion\\?fait=message#message-\\d+$`),
    );
    expect((await post('x'.repeat(MESSAGE_MAX_LENGTH), w.member.cookie)).status).toBe(302);
    const page = (await get(w.pending.cookie)).data!.page as Page;
    expect(page.rights.canWork).toBe(false);
    expect(page.messages.map((m) => [m.supplierName, m.body.length])).toEqual([
      ['Régie de quartier Nord', 40],
      ['Jardins solidaires', MESSAGE_MAX_LENGTH],
    ]);
    expect(page.messages[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(page.activity.map((a) => [a.label, a.supplierName])).toEqual([
      ['Message publié', 'Jardins solidaires'],
      ['Message publié', 'Régie de quartier Nord'],
    ]);
  });

  it('shows the activity log newest first with French labels, a neutral one for unknown actions', async () => {
    await appendBidActivity(
      db,
      {
        bidId: w.bidId,
        supplierId: w.leadOrg.supplierId,
        userId: w.lead.id,
        action: 'subcontractor.added',
        detail: 'Élagueurs',
      },
      new Date(),
    );
    await appendBidActivity(db, { bidId: w.bidId, supplierId: null, userId: null, action: 'inconnue' }, new Date());
    const page = (await get(w.lead.cookie)).data!.page as Page;
    expect(page.activity.slice(0, 2).map((a) => [a.label, a.detail])).toEqual([
      ['Action sur la réponse', ''],
      ['Sous-traitant déclaré', 'Élagueurs'],
    ]);
    // The overview's actions (creation, invitations, submission) have their French label too.
    await appendBidActivity(
      db,
      { bidId: w.bidId, supplierId: w.leadOrg.supplierId, userId: w.lead.id, action: 'bid.created' },
      new Date(),
    );
    const again = (await get(w.lead.cookie)).data!.page as Page;
    expect(again.activity[0].label).toBe('Réponse créée');
  });
});
