import { describe, expect, it } from 'vitest';
import { BID_FORM_MESSAGES } from '../../app/domain/bids/forms';
import { BID_RULE_MESSAGES } from '../../app/domain/bids/rules';
import {
  MEMBERSHIP_MESSAGES,
  answerBidInvitation,
  changeBidForm,
  changeMandataire,
  dissolveBid,
  inviteSupplier,
  leaveBid,
  removeBidMember,
  saveBidLots,
  type BidActionInput,
} from '../../app/services/bids/membership.server';
import { startBid } from '../../app/services/bids/start.server';
import { createTestDatabase } from '../support/db';
import { mailsTo } from '../support/organisations';
import { activityOf, publishedTender, supplierWithOwner, type TestSupplier } from '../support/bid-scenarios';

// The membership services of a bid (decision 240), with an injected clock: lots and prices (comma decimals to
// cents, every bad price refused with nothing written), the groupement's form, invitations from the catalogue
// (notification and mail), answers, removal, leaving, the mandataire handed over (once per tender), double
// participation, dissolution, and nothing changing after the deadline.

const database = createTestDatabase();
const { db } = database;
const NOW = new Date('2026-12-01T12:00:00Z');
const ORIGIN = 'https://maillage.test';

async function groupement(options: { lots?: number; allowDualBidding?: boolean; deadline?: string } = {}) {
  const { tenderId } = await publishedTender(db, options);
  const lead = await supplierWithOwner(db);
  const started = await startBid(
    db,
    {
      tenderId,
      actor: { userId: lead.user.id, email: lead.user.email },
      organisations: [{ organisationId: lead.organisationId, supplierId: lead.supplierId, name: lead.name }],
      fields: { kind: 'groupement', name: 'Groupement test', lots: ['1'] },
    },
    NOW,
  );
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  return { tenderId, lead, bidId: started.value.bidId };
}

const as = (s: TestSupplier, bidId: number, fields: Record<string, unknown> = {}): BidActionInput => ({
  bidId,
  actor: { userId: s.user.id, email: s.user.email },
  actorSupplierId: s.supplierId,
  fields,
  origin: ORIGIN,
});
const messages = (r: { ok: boolean; error?: unknown }) =>
  r.ok ? [] : (r.error as { issues: { message: string }[] }).issues.map((i) => i.message);
const members = (bidId: number) =>
  db
    .selectFrom('bid_members')
    .select(['supplier_id', 'role', 'acceptance'])
    .where('bid_id', '=', bidId)
    .orderBy('supplier_id')
    .execute();

describe('lots and prices', () => {
  it('saves the lots answered with prices in cents, and refuses bad prices writing nothing', async () => {
    const { lead, bidId } = await groupement({ lots: 3 });
    const saved = await saveBidLots(
      db,
      as(lead, bidId, { lots: ['1', '3'], 'price-1': '12 345,67', 'price-3': '' }),
      NOW,
    );
    expect(saved.ok).toBe(true);
    const read = () =>
      db
        .selectFrom('bid_lots')
        .select(['lot_number', 'price_cents'])
        .where('bid_id', '=', bidId)
        .orderBy('lot_number')
        .execute();
    expect(await read()).toEqual([
      { lot_number: 1, price_cents: 1234567 },
      { lot_number: 3, price_cents: null },
    ]);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ lots: ['1'], 'price-1': 'douze' }, 'price-1', BID_FORM_MESSAGES.priceInvalid],
      [{ lots: ['1'], 'price-1': '12,345' }, 'price-1', BID_FORM_MESSAGES.priceInvalid],
      [{ lots: ['1'], 'price-1': '-5' }, 'price-1', BID_FORM_MESSAGES.priceInvalid],
      [{ lots: ['1'], 'price-1': '0' }, 'price-1', BID_FORM_MESSAGES.priceZero],
      [{ lots: ['1'], 'price-1': '99999999999' }, 'price-1', BID_FORM_MESSAGES.priceTooLarge],
      [{ lots: [] }, 'lots', BID_FORM_MESSAGES.lotsRequired],
      [{ lots: ['4'] }, 'lots', BID_FORM_MESSAGES.lotUnknown],
    ];
    for (const [fields, field, message] of bad) {
      const refused = await saveBidLots(db, as(lead, bidId, fields), NOW);
      expect(!refused.ok && refused.error.issues).toEqual([{ field, message }]);
    }
    expect(await read()).toEqual([
      { lot_number: 1, price_cents: 1234567 },
      { lot_number: 3, price_cents: null },
    ]);
    expect((await activityOf(db, bidId)).map((a) => a.action)).toEqual(['bid.created', 'bid.lots-changed']);
  });

  it('changes the groupement’s form, refusing an unknown one', async () => {
    const { lead, bidId } = await groupement();
    expect(messages(await changeBidForm(db, as(lead, bidId, { form: 'mixte' }), NOW))).toEqual([
      BID_FORM_MESSAGES.formUnknown,
    ]);
    expect((await changeBidForm(db, as(lead, bidId, { form: 'conjoint-mandataire-solidaire' }), NOW)).ok).toBe(true);
    const bid = await db.selectFrom('bids').select('form').where('id', '=', bidId).executeTakeFirstOrThrow();
    expect(bid.form).toBe('conjoint-mandataire-solidaire');
  });
});

describe('partners', () => {
  it('invites a catalogue supplier: notification and mail; it accepts; a second invitation is refused', async () => {
    const { lead, bidId } = await groupement();
    const partner = await supplierWithOwner(db);
    expect(messages(await inviteSupplier(db, as(lead, bidId, { supplierId: 'x' }), NOW))).toEqual([
      BID_FORM_MESSAGES.supplierRequired,
    ]);
    expect(messages(await inviteSupplier(db, as(lead, bidId, { supplierId: '999999' }), NOW))).toEqual([
      MEMBERSHIP_MESSAGES.supplierUnknown,
    ]);
    const invited = await inviteSupplier(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW);
    expect(invited.ok && invited.value.told).toBe(true);
    const notes = await db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('organisation_id', '=', partner.organisationId)
      .execute();
    expect(notes).toEqual([{ kind: 'bid-invitation', link: `/reponses/${bidId}` }]);
    const [mail] = await mailsTo(db, partner.user.email);
    expect(mail.text_body).toContain(`${ORIGIN}/reponses/${bidId}`);
    expect(
      messages(await inviteSupplier(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW)),
    ).toEqual([MEMBERSHIP_MESSAGES.alreadyMember]);
    expect((await answerBidInvitation(db, { ...as(partner, bidId), accept: true }, NOW)).ok).toBe(true);
    expect(await members(bidId)).toEqual([
      { supplier_id: lead.supplierId, role: 'mandataire', acceptance: 'accepted' },
      { supplier_id: partner.supplierId, role: 'membre', acceptance: 'accepted' },
    ]);
    expect(messages(await answerBidInvitation(db, { ...as(partner, bidId), accept: false }, NOW))).toEqual([
      MEMBERSHIP_MESSAGES.notPending,
    ]);
  });

  it('refuses to invite a supplier bidding alone when the tender forbids double participation', async () => {
    const { tenderId, lead, bidId } = await groupement();
    const solo = await supplierWithOwner(db);
    await startBid(
      db,
      {
        tenderId,
        actor: { userId: solo.user.id, email: solo.user.email },
        organisations: [{ organisationId: solo.organisationId, supplierId: solo.supplierId, name: solo.name }],
        fields: { kind: 'seul', lots: ['1'] },
      },
      NOW,
    );
    const refused = await inviteSupplier(db, as(lead, bidId, { supplierId: String(solo.supplierId) }), NOW);
    expect(messages(refused)[0]).toContain('candidate déjà seule');
    expect((await members(bidId)).map((m) => m.supplier_id)).toEqual([lead.supplierId]);
  });

  it('hands over the mandataire to an accepted member only, once per tender', async () => {
    const { tenderId, lead, bidId } = await groupement();
    const partner = await supplierWithOwner(db);
    await inviteSupplier(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW);
    expect(
      messages(await changeMandataire(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW)),
    ).toEqual([MEMBERSHIP_MESSAGES.notAccepted]);
    await answerBidInvitation(db, { ...as(partner, bidId), accept: true }, NOW);
    // The partner already leads another groupement for this tender.
    const other = await startBid(
      db,
      {
        tenderId,
        actor: { userId: partner.user.id, email: partner.user.email },
        organisations: [{ organisationId: partner.organisationId, supplierId: partner.supplierId, name: partner.name }],
        fields: { kind: 'groupement', name: 'Autre', lots: ['1'] },
      },
      NOW,
    );
    expect(other.ok).toBe(true);
    expect(
      messages(await changeMandataire(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW)),
    ).toEqual(['Cette structure est déjà mandataire d’un autre groupement pour cet appel d’offres.']);
    if (other.ok) await dissolveBid(db, as(partner, other.value.bidId), NOW);
    expect((await changeMandataire(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW)).ok).toBe(
      true,
    );
    expect(await members(bidId)).toEqual([
      { supplier_id: lead.supplierId, role: 'membre', acceptance: 'accepted' },
      { supplier_id: partner.supplierId, role: 'mandataire', acceptance: 'accepted' },
    ]);
    expect((await activityOf(db, bidId)).map((a) => a.action)).toContain('bid.mandataire-changed');
  });

  it('removes a member, never the mandataire; a member leaves, the mandataire cannot', async () => {
    const { lead, bidId } = await groupement();
    const [p1, p2] = [await supplierWithOwner(db), await supplierWithOwner(db)];
    for (const p of [p1, p2]) {
      await inviteSupplier(db, as(lead, bidId, { supplierId: String(p.supplierId) }), NOW);
      await answerBidInvitation(db, { ...as(p, bidId), accept: true }, NOW);
    }
    expect(messages(await removeBidMember(db, as(lead, bidId, { supplierId: String(lead.supplierId) }), NOW))).toEqual([
      MEMBERSHIP_MESSAGES.mandataireStays,
    ]);
    expect((await removeBidMember(db, as(lead, bidId, { supplierId: String(p1.supplierId) }), NOW)).ok).toBe(true);
    expect(messages(await leaveBid(db, as(lead, bidId), NOW))).toEqual([MEMBERSHIP_MESSAGES.mandataireCannotLeave]);
    expect((await leaveBid(db, as(p2, bidId), NOW)).ok).toBe(true);
    expect((await members(bidId)).map((m) => m.supplier_id)).toEqual([lead.supplierId]);
    expect((await activityOf(db, bidId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['bid.member-removed', 'bid.member-left']),
    );
  });

  it('a declined member may be invited again', async () => {
    const { lead, bidId } = await groupement();
    const p = await supplierWithOwner(db);
    await inviteSupplier(db, as(lead, bidId, { supplierId: String(p.supplierId) }), NOW);
    expect((await answerBidInvitation(db, { ...as(p, bidId), accept: false }, NOW)).ok).toBe(true);
    expect((await inviteSupplier(db, as(lead, bidId, { supplierId: String(p.supplierId) }), NOW)).ok).toBe(true);
    expect((await members(bidId)).find((m) => m.supplier_id === p.supplierId)?.acceptance).toBe('pending');
  });
});

describe('when nothing may change', () => {
  it('refuses every change after the deadline (injected clock) and after dissolution', async () => {
    const { lead, bidId } = await groupement({ deadline: '2026-12-02T12:00:00.000Z' });
    const p = await supplierWithOwner(db);
    const late = new Date('2026-12-02T12:00:00Z');
    expect(messages(await saveBidLots(db, as(lead, bidId, { lots: ['1'] }), late))).toEqual([
      BID_RULE_MESSAGES.deadlinePassed,
    ]);
    expect(messages(await inviteSupplier(db, as(lead, bidId, { supplierId: String(p.supplierId) }), late))).toEqual([
      BID_RULE_MESSAGES.deadlinePassed,
    ]);
    expect((await dissolveBid(db, as(lead, bidId), NOW)).ok).toBe(true);
    expect(messages(await changeBidForm(db, as(lead, bidId, { form: 'solidaire' }), NOW))).toEqual([
      BID_RULE_MESSAGES.dissolved,
    ]);
  });
});
