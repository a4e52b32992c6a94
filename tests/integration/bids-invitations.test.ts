import { beforeAll, describe, expect, it } from 'vitest';
import { action as workspaceAction } from '../../app/routes/reponses.$bidId._index';
import { action, loader } from '../../app/routes/groupements.invitations.$token';
import { BID_FORM_MESSAGES } from '../../app/domain/bids/forms';
import { BID_INVITATION_MESSAGES, inviteByEmail } from '../../app/services/bids/email-invitations.server';
import { startBid } from '../../app/services/bids/start.server';
import { createTestDatabase } from '../support/db';
import { attempt, createUser, loaderArgs, mailsTo, pagePost, type TestUser } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { activityOf, publishedTender, supplierWithOwner } from '../support/bid-scenarios';

// Invitations to a groupement by e-mail (decision 242): the lead's form (a bad address refused, nothing written),
// the mail with its link, the token stored hashed, the page of the link (anonymous → log in; unknown → 404; spent,
// revoked or expired → 410; frozen bid → 409), accepting for one's supplier organisation, declining.

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

const getPage = (token: string, cookie?: string) =>
  attempt(() => loader(loaderArgs(`/groupements/invitations/${token}`, cookie, { token })));
const postPage = (token: string, fields: [string, string][], cookie?: string) =>
  attempt(() => action(pagePost(`/groupements/invitations/${token}`, { token }, fields, cookie)));

async function groupementWithInvitation(email = `contact${Math.random().toString(36).slice(2, 8)}@atelier.fr`) {
  const { tenderId } = await publishedTender(db, { lots: 1 });
  const lead = await supplierWithOwner(db);
  const started = await startBid(
    db,
    {
      tenderId,
      actor: { userId: lead.user.id, email: lead.user.email },
      organisations: [{ organisationId: lead.organisationId, supplierId: lead.supplierId, name: lead.name }],
      fields: { kind: 'groupement', name: 'Groupement des parcs', lots: ['1'] },
    },
    new Date(),
  );
  if (!started.ok) throw new Error('start');
  const bidId = started.value.bidId;
  const sent = await attempt(() =>
    workspaceAction(
      pagePost(
        `/reponses/${bidId}`,
        { bidId: String(bidId) },
        [
          ['intent', 'invite-email'],
          ['email', email],
        ],
        lead.user.cookie,
      ),
    ),
  );
  expect(sent.status).toBe(200);
  const [mail] = await mailsTo(db, email);
  const token = /\/groupements\/invitations\/([a-z2-7]+)/.exec(mail.text_body)?.[1] ?? '';
  return { tenderId, lead, bidId, email, token };
}

describe('inviting by e-mail', () => {
  it('mails a link whose token is stored only as its hash; a bad address is refused, nothing written', async () => {
    const { bidId, lead, token, email } = await groupementWithInvitation();
    expect(token).toMatch(/^[a-z2-7]{48}$/);
    const rows = await db.selectFrom('bid_invitations').selectAll().where('bid_id', '=', bidId).execute();
    expect(rows).toMatchObject([{ email, status: 'pending' }]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await activityOf(db, bidId)).map((a) => a.action)).toContain('bid.email-invited');
    const refused = await attempt(() =>
      workspaceAction(
        pagePost(
          `/reponses/${bidId}`,
          { bidId: String(bidId) },
          [
            ['intent', 'invite-email'],
            ['email', 'pas une adresse'],
          ],
          lead.user.cookie,
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect((refused.data as { result: { error: Record<string, string[]> } }).result.error.email).toEqual([
      BID_FORM_MESSAGES.emailInvalid,
    ]);
    expect(await db.selectFrom('bid_invitations').select('id').where('bid_id', '=', bidId).execute()).toHaveLength(1);
  });
});

describe('the invitation link', () => {
  it('sends anonymous visitors to log in; unknown and malformed tokens are 404', async () => {
    const { token } = await groupementWithInvitation();
    expect((await getPage(token)).status).toBe(302);
    const someone = await createUser(db);
    expect((await getPage('a'.repeat(48), someone.cookie)).status).toBe(404);
    expect((await getPage('nimportequoi', someone.cookie)).status).toBe(404);
    expect((await postPage('a'.repeat(48), [['intent', 'decline']], someone.cookie)).status).toBe(404);
  });

  it('shows the groupement; a person without a supplier organisation is told how to accept', async () => {
    const { token } = await groupementWithInvitation();
    const someone = await createUser(db);
    const page = await getPage(token, someone.cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(page.data).toMatchObject({
      invitation: { kind: 'open', groupementName: 'Groupement des parcs' },
      organisations: [],
    });
    const refused = await postPage(token, [['intent', 'accept']], someone.cookie);
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ message: BID_INVITATION_MESSAGES.noOrganisation });
  });

  it('is accepted once for the person’s organisation; used again → 410', async () => {
    const { token, bidId } = await groupementWithInvitation();
    const partner = await supplierWithOwner(db);
    const accepted = await postPage(token, [['intent', 'accept']], partner.user.cookie);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('Location')).toBe(`/reponses/${bidId}`);
    const member = await db
      .selectFrom('bid_members')
      .select(['role', 'acceptance'])
      .where('bid_id', '=', bidId)
      .where('supplier_id', '=', partner.supplierId)
      .executeTakeFirst();
    expect(member).toEqual({ role: 'membre', acceptance: 'accepted' });
    expect((await getPage(token, partner.user.cookie)).status).toBe(410);
    const again = await postPage(token, [['intent', 'accept']], partner.user.cookie);
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ message: BID_INVITATION_MESSAGES.used });
  });

  it('refuses an organisation already in the groupement, and one that is not the person’s', async () => {
    const { token, lead } = await groupementWithInvitation();
    const refused = await postPage(token, [['intent', 'accept']], lead.user.cookie);
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ message: BID_INVITATION_MESSAGES.alreadyMember });
    const other = await supplierWithOwner(db);
    expect(
      (
        await postPage(
          token,
          [
            ['intent', 'accept'],
            ['organisationId', String(other.organisationId)],
          ],
          lead.user.cookie,
        )
      ).status,
    ).toBe(403);
  });

  it('is declined (then spent), revoked by the lead (410), or expired (410)', async () => {
    const first = await groupementWithInvitation();
    const someone: TestUser = await createUser(db);
    const declined = await postPage(first.token, [['intent', 'decline']], someone.cookie);
    expect(declined).toMatchObject({ status: 200, data: { declined: true } });
    expect((await getPage(first.token, someone.cookie)).status).toBe(410);

    const second = await groupementWithInvitation();
    const [row] = await db.selectFrom('bid_invitations').select('id').where('bid_id', '=', second.bidId).execute();
    const revoked = await attempt(() =>
      workspaceAction(
        pagePost(
          `/reponses/${second.bidId}`,
          { bidId: String(second.bidId) },
          [
            ['intent', 'revoke-invitation'],
            ['invitationId', String(row.id)],
          ],
          second.lead.user.cookie,
        ),
      ),
    );
    expect(revoked.status).toBe(200);
    const page = await getPage(second.token, someone.cookie);
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ invitation: { message: BID_INVITATION_MESSAGES.revoked } });

    // An invitation sent 15 days ago has expired (14 days).
    const old = new Date(Date.now() - 15 * 24 * 3600 * 1000);
    const outcome = await inviteByEmail(
      db,
      {
        bidId: second.bidId,
        actor: { userId: second.lead.user.id, email: second.lead.user.email },
        actorSupplierId: second.lead.supplierId,
        fields: { email: 'ancienne@atelier.fr' },
        origin: 'https://maillage.test',
      },
      old,
    );
    expect(outcome.ok).toBe(true);
    const [mail] = await mailsTo(db, 'ancienne@atelier.fr');
    const oldToken = /\/groupements\/invitations\/([a-z2-7]+)/.exec(mail.text_body)?.[1] ?? '';
    const expired = await getPage(oldToken, someone.cookie);
    expect(expired.status).toBe(410);
    expect(expired.data).toMatchObject({ invitation: { message: BID_INVITATION_MESSAGES.expired } });
  });

  it('cannot be accepted while the bid is submitted (409), nothing written', async () => {
    const { token, bidId } = await groupementWithInvitation();
    await db.updateTable('bids').set({ status: 'submitted' }).where('id', '=', bidId).execute();
    const partner = await supplierWithOwner(db);
    expect((await getPage(token, partner.user.cookie)).status).toBe(409);
    expect((await postPage(token, [['intent', 'accept']], partner.user.cookie)).status).toBe(409);
    expect(await db.selectFrom('bid_members').select('supplier_id').where('bid_id', '=', bidId).execute()).toHaveLength(
      1,
    );
  });
});
