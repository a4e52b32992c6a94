import { describe, expect, it } from 'vitest';
import { BID_RULE_MESSAGES } from '../../app/domain/bids/rules';
import {
  answerBidInvitation,
  changeBidForm,
  inviteSupplier,
  removeBidMember,
  saveBidLots,
  type BidActionInput,
} from '../../app/services/bids/membership.server';
import { startBid } from '../../app/services/bids/start.server';
import { submitBid, withdrawBid } from '../../app/services/bids/submission.server';
import { createTestDatabase } from '../support/db';
import { mailsTo } from '../support/organisations';
import {
  activityOf,
  allocate,
  checklist,
  publishedTender,
  supplierWithOwner,
  type TestSupplier,
} from '../support/bid-scenarios';

// Submission and withdrawal (decision 241) with an injected clock: every missing piece listed (checklist not
// generated, items not done or without a document, prices, allocation, pending members, the groupement's form,
// one member only), success (status, time, count, frozen membership, mails), withdrawal and resubmission until the
// deadline, and nothing after it.

const database = createTestDatabase();
const { db } = database;
const NOW = new Date('2026-12-01T12:00:00Z');
const DEADLINE = '2026-12-10T12:00:00.000Z';

const as = (s: TestSupplier, bidId: number, fields: Record<string, unknown> = {}): BidActionInput => ({
  bidId,
  actor: { userId: s.user.id, email: s.user.email },
  actorSupplierId: s.supplierId,
  fields,
  origin: 'https://maillage.test',
});
const messages = (r: { ok: boolean; error?: unknown }) =>
  r.ok ? [] : (r.error as { issues: { message: string }[] }).issues.map((i) => i.message);
const bidOf = (id: number) => db.selectFrom('bids').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function start(kind: 'seul' | 'groupement', lots = 1) {
  const { tenderId } = await publishedTender(db, { lots, deadline: DEADLINE });
  const lead = await supplierWithOwner(db);
  const started = await startBid(
    db,
    {
      tenderId,
      actor: { userId: lead.user.id, email: lead.user.email },
      organisations: [{ organisationId: lead.organisationId, supplierId: lead.supplierId, name: lead.name }],
      fields: { kind, name: 'Groupement test', lots: Array.from({ length: lots }, (_, i) => String(i + 1)) },
    },
    NOW,
  );
  if (!started.ok) throw new Error('start');
  return { tenderId, lead, bidId: started.value.bidId };
}

/** A groupement of two accepted members, priced, allocated 60/40, with its form and a complete checklist. */
async function readyGroupement() {
  const g = await start('groupement');
  const partner = await supplierWithOwner(db);
  await inviteSupplier(db, as(g.lead, g.bidId, { supplierId: String(partner.supplierId) }), NOW);
  await answerBidInvitation(db, { ...as(partner, g.bidId), accept: true }, NOW);
  await saveBidLots(db, as(g.lead, g.bidId, { lots: ['1'], 'price-1': '50 000' }), NOW);
  await changeBidForm(db, as(g.lead, g.bidId, { form: 'solidaire' }), NOW);
  await allocate(db, g.bidId, [
    { lot: 1, supplierId: g.lead.supplierId, bp: 6000 },
    { lot: 1, supplierId: partner.supplierId, bp: 4000 },
  ]);
  await checklist(db, g.bidId);
  return { ...g, partner };
}

describe('submission refused', () => {
  it('lists what a bid alone lacks: its pieces (the checklist is generated at submission), the price', async () => {
    const { lead, bidId } = await start('seul');
    const refused = messages(await submitBid(db, as(lead, bidId), NOW));
    expect(refused).toContain('Pièce à compléter : DC1 — lettre de candidature.');
    expect(refused).toContain(BID_RULE_MESSAGES.priceMissing(1));
    expect((await bidOf(bidId)).status).toBe('forming');
  });

  it('lists a groupement’s missing form, members, shares and documents', async () => {
    const { lead, bidId } = await start('groupement', 2);
    const partner = await supplierWithOwner(db);
    await inviteSupplier(db, as(lead, bidId, { supplierId: String(partner.supplierId) }), NOW);
    await saveBidLots(db, as(lead, bidId, { lots: ['1', '2'], 'price-1': '100', 'price-2': '200' }), NOW);
    await allocate(db, bidId, [{ lot: 1, supplierId: lead.supplierId, bp: 5000 }]);
    await checklist(db, bidId, {
      dc1: { status: 'done', withFile: false },
      'bordereau-prix': { status: 'todo', withFile: false },
    });
    const refused = messages(await submitBid(db, as(lead, bidId), NOW));
    expect(refused).toEqual(
      expect.arrayContaining([
        BID_RULE_MESSAGES.formMissing,
        `${partner.name} n’a pas encore accepté de rejoindre le groupement.`,
        'Pièce à compléter : Bordereau de prix.',
        BID_RULE_MESSAGES.fileMissing('DC1 — lettre de candidature'),
        'Les parts du lot 1 totalisent 50 % au lieu de 100 %.',
        'Le lot 2 n’est attribué à aucun membre.',
      ]),
    );
    expect((await bidOf(bidId)).status).toBe('forming');
  });

  it('refuses a groupement of one member, and any submission from a member that is not the mandataire', async () => {
    const g = await readyGroupement();
    expect(messages(await submitBid(db, as(g.partner, g.bidId), NOW))).toContain(
      'Seul le mandataire peut déposer l’offre du groupement.',
    );
    await removeBidMember(db, as(g.lead, g.bidId, { supplierId: String(g.partner.supplierId) }), NOW);
    expect(messages(await submitBid(db, as(g.lead, g.bidId), NOW))).toContain(BID_RULE_MESSAGES.groupementTooSmall);
  });
});

describe('submission, freeze, withdrawal, resubmission', () => {
  it('submits a ready groupement, freezes it, mails the members; withdraws and resubmits until the deadline', async () => {
    const g = await readyGroupement();
    const submitted = await submitBid(db, as(g.lead, g.bidId), NOW);
    expect(submitted).toEqual({ ok: true, value: { submittedAt: NOW.toISOString(), count: 1 } });
    expect(await bidOf(g.bidId)).toMatchObject({
      status: 'submitted',
      submitted_at: NOW.toISOString(),
      submitted_by_user_id: g.lead.user.id,
      submission_count: 1,
    });
    expect((await mailsTo(db, g.partner.user.email)).at(-1)?.subject).toContain('est déposée');
    expect((await mailsTo(db, g.lead.user.email)).at(-1)?.subject).toContain('est déposée');
    // Frozen: no member, form or lot change, no second submission.
    const frozen =
      'La composition du groupement est figée depuis le dépôt de l’offre : retirez l’offre avant de la modifier.';
    expect(messages(await changeBidForm(db, as(g.lead, g.bidId, { form: 'conjoint' }), NOW))).toEqual([frozen]);
    expect(messages(await saveBidLots(db, as(g.lead, g.bidId, { lots: ['1'], 'price-1': '1' }), NOW))).toEqual([
      frozen,
    ]);
    expect(
      messages(await removeBidMember(db, as(g.lead, g.bidId, { supplierId: String(g.partner.supplierId) }), NOW)),
    ).toEqual([frozen]);
    expect(messages(await submitBid(db, as(g.lead, g.bidId), NOW))).toContain('L’offre est déjà déposée.');

    const later = new Date('2026-12-05T12:00:00Z');
    expect((await withdrawBid(db, as(g.lead, g.bidId), later)).ok).toBe(true);
    expect(await bidOf(g.bidId)).toMatchObject({ status: 'withdrawn', withdrawn_at: later.toISOString() });
    expect((await saveBidLots(db, as(g.lead, g.bidId, { lots: ['1'], 'price-1': '48 000,50' }), later)).ok).toBe(true);
    const again = await submitBid(db, as(g.lead, g.bidId), later);
    expect(again.ok && again.value.count).toBe(2);
    expect((await activityOf(db, g.bidId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['bid.submitted', 'bid.withdrawn']),
    );
  });

  it('neither submits nor withdraws at or after the deadline', async () => {
    const g = await readyGroupement();
    const atDeadline = new Date(DEADLINE);
    expect(messages(await submitBid(db, as(g.lead, g.bidId), atDeadline))).toContain(
      'La date limite de remise des offres est passée : l’offre ne peut plus être déposée.',
    );
    expect((await submitBid(db, as(g.lead, g.bidId), NOW)).ok).toBe(true);
    expect(messages(await withdrawBid(db, as(g.lead, g.bidId), atDeadline))).toEqual([
      BID_RULE_MESSAGES.deadlinePassed,
    ]);
    expect((await bidOf(g.bidId)).status).toBe('submitted');
  });

  it('submits a bid alone: its allocation follows its lots automatically', async () => {
    const { lead, bidId } = await start('seul', 3);
    await saveBidLots(db, as(lead, bidId, { lots: ['1', '3'], 'price-1': '1 000', 'price-3': '2 000,5' }), NOW);
    const shares = await db
      .selectFrom('bid_allocations')
      .select(['lot_number', 'supplier_id', 'share_bp'])
      .where('bid_id', '=', bidId)
      .orderBy('lot_number')
      .execute();
    expect(shares).toEqual([
      { lot_number: 1, supplier_id: lead.supplierId, share_bp: 10000 },
      { lot_number: 3, supplier_id: lead.supplierId, share_bp: 10000 },
    ]);
    await checklist(db, bidId);
    expect((await submitBid(db, as(lead, bidId), NOW)).ok).toBe(true);
  });
});
