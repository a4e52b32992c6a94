import { beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_MESSAGES } from '../../app/domain/bids/workspace';
import { action, loader } from '../../app/routes/reponses.$bidId.repartition';
import { allocationIssues, SOLO_MESSAGE } from '../../app/services/bids/allocation.server';
import { createBid, countBidRows, setBidStatus, createTender } from '../support/bids';
import { createTestDatabase } from '../support/db';
import { attempt, pageGet, pagePost } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { supplierInput, validSiret, writeSupplier } from '../support/search-fixtures';
import { LOT_PRICES, workspaceWorld, type WorkspaceWorld } from './bid-workspace-helpers';

// /reponses/:bidId/repartition (decision 245) on a real SQLite file: the matrix and its rules (every answered
// lot covered, shares adding up to 100 %, a percent per cell), amounts from the lots' prices, subcontractors and
// direct payment, a bid alone read-only at 100 %, a submitted bid frozen, and the partner suggestions. Every
// refusal is a 400 with the message next to its field and nothing written.

const database = createTestDatabase();
const { db } = database;
let w: WorkspaceWorld;

beforeAll(async () => {
  setPageContext(database);
  w = await workspaceWorld(db);
});

const path = (bidId: number) => `/reponses/${bidId}/repartition`;
const get = (bidId: number, cookie: string) =>
  attempt(() => loader(pageGet(path(bidId), { bidId: String(bidId) }, cookie)));
const post = (bidId: number, fields: Record<string, string>, cookie: string) =>
  attempt(() => action(pagePost(path(bidId), { bidId: String(bidId) }, Object.entries(fields), cookie)));

type Page = {
  solo: boolean;
  lots: { number: number; cells: { supplierId: number; share: string; amountCents: number | null }[] }[];
  members: { supplierId: number }[];
  pendingMembers: { name: string }[];
  problems: string[];
  subcontractors: { name: string; directPayment: boolean; amountCentsTtc: number }[];
  rights: { canWork: boolean; isLead: boolean; editable: boolean };
  gap: { lots: number[]; sectors: string[] } | null;
  suggestions: {
    method: string;
    missingSectors: string[];
    combinations: { partners: { name: string; reasons: string[] }[]; reasons: string[]; complete: boolean }[];
  } | null;
};
const pageOf = (answer: { data: Record<string, unknown> | null }) => answer.data!.page as Page;
const errorsOf = (answer: { data: Record<string, unknown> | null }) =>
  (answer.data!.result as { error: Record<string, string[]> }).error;

describe('the allocation matrix', () => {
  it('shows the answered lots × accepted members, the invited ones apart, and what is missing', async () => {
    const answer = await get(w.bidId, w.lead.cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    const page = pageOf(answer);
    expect(page.lots.map((l) => l.number)).toEqual([1, 2]);
    expect(page.members.map((m) => m.supplierId)).toEqual([w.leadOrg.supplierId, w.memberOrg.supplierId]);
    expect(page.pendingMembers.map((m) => m.name)).toEqual(['Atelier peinture']);
    expect(page.problems).toContain('Le lot 1 n’est attribué à aucun membre.');
    expect(page.rights).toMatchObject({ canWork: true, isLead: true, editable: true });
    // Only the lead gets the « Inviter » buttons.
    expect(pageOf(await get(w.bidId, w.member.cookie)).rights).toMatchObject({ canWork: true, isLead: false });
    expect(pageOf(await get(w.bidId, w.pending.cookie)).rights).toMatchObject({ canWork: false, isLead: false });
  });

  it('refuses shares not adding up to 100 %, an uncovered lot, a bad or negative percent; writes nothing', async () => {
    const lead = w.leadOrg.supplierId;
    const member = w.memberOrg.supplierId;
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ [`part-1-${lead}`]: '60', [`part-1-${member}`]: '30', [`part-2-${member}`]: '100' }, 'lot-1', /90 %/],
      [{ [`part-1-${lead}`]: '100' }, 'lot-2', /n’est attribué à aucun membre/],
      [{ [`part-1-${lead}`]: 'beaucoup', [`part-2-${member}`]: '100' }, `part-1-${lead}`, /pourcentage/],
      [{ [`part-1-${lead}`]: '-10', [`part-2-${member}`]: '100' }, `part-1-${lead}`, /pourcentage/],
      [{ [`part-1-${lead}`]: '0', [`part-2-${member}`]: '100' }, `part-1-${lead}`, /entre 0,01 % et 100 %/],
      [{ [`part-1-${lead}`]: '33,333', [`part-2-${member}`]: '100' }, `part-1-${lead}`, /deux décimales/],
      [
        { [`part-1-${lead}`]: '100', [`taches-2-${member}`]: 'Tonte', [`part-2-${lead}`]: '100' },
        `part-2-${member}`,
        /Indiquez la part/,
      ],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await post(w.bidId, { intent: 'save-allocation', ...fields }, w.lead.cookie);
      expect(answer.status, field).toBe(400);
      expect(errorsOf(answer)[field]?.join(' '), field).toMatch(message);
    }
    expect(await countBidRows(db, 'bid_allocations', w.bidId)).toBe(0);
    expect(await countBidRows(db, 'bid_activity', w.bidId)).toBe(0);
    expect((await allocationIssues(db, w.bidId)).map((i) => i.message)).toEqual([
      'Le lot 1 n’est attribué à aucun membre.',
      'Le lot 2 n’est attribué à aucun membre.',
    ]);
  });

  it('saves a complete matrix; the amounts come from the prices excl. VAT and add up to them', async () => {
    const lead = w.leadOrg.supplierId;
    const member = w.memberOrg.supplierId;
    const saved = await post(
      w.bidId,
      {
        intent: 'save-allocation',
        [`part-1-${lead}`]: '100',
        [`taches-1-${lead}`]: 'Nettoyage des bureaux',
        [`part-2-${lead}`]: '33,33',
        [`part-2-${member}`]: '66,67 %',
        [`taches-2-${member}`]: 'Tonte et taille',
      },
      w.member.cookie,
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get('Location')).toBe(`/reponses/${w.bidId}/repartition?fait=repartition`);
    const page = pageOf(await get(w.bidId, w.member.cookie));
    expect(page.problems).toEqual([]);
    const lot2 = page.lots.find((l) => l.number === 2)!;
    expect(lot2.cells.map((c) => [c.share, c.amountCents])).toEqual([
      ['33,33', 111_100],
      ['66,67', 222_233],
    ]);
    expect(lot2.cells.reduce((s, c) => s + (c.amountCents ?? 0), 0)).toBe(LOT_PRICES[2]);
    expect(await allocationIssues(db, w.bidId)).toEqual([]);
    const activity = await db.selectFrom('bid_activity').selectAll().where('bid_id', '=', w.bidId).execute();
    expect(activity.map((a) => [a.action, a.detail, a.supplier_id])).toEqual([
      ['allocation.updated', 'Lots 1, 2', w.memberOrg.supplierId],
    ]);
  });
});

describe('subcontractors', () => {
  it('refuses a bad SIRET, amount, empty name or services, a lot not answered; writes nothing', async () => {
    const answer = await post(
      w.bidId,
      { intent: 'add-subcontractor', name: '  ', siret: '123 456 789 00012', services: '', amount: 'mille', lot: '7' },
      w.lead.cookie,
    );
    expect(answer.status).toBe(400);
    const errors = errorsOf(answer);
    expect(errors.name).toEqual(['Indiquez le nom du sous-traitant.']);
    expect(errors.siret?.[0]).toMatch(/SIRET/);
    expect(errors.services).toEqual(['Décrivez les prestations sous-traitées.']);
    expect(errors.amount).toEqual([WORKSPACE_MESSAGES.amountInvalid]);
    expect(errors.lot).toEqual([WORKSPACE_MESSAGES.lotInvalid]);
    const negative = await post(
      w.bidId,
      { intent: 'add-subcontractor', name: 'Élagage', siret: validSiret(901), services: 'Élagage', amount: '-5' },
      w.lead.cookie,
    );
    expect(errorsOf(negative).amount).toEqual([WORKSPACE_MESSAGES.amountInvalid]);
    expect(await countBidRows(db, 'bid_subcontractors', w.bidId)).toBe(0);
  });

  it('declares them with direct payment from 600 € TTC, adds their DC4, removes them', async () => {
    const add = (name: string, seed: number, amount: string) =>
      post(
        w.bidId,
        {
          intent: 'add-subcontractor',
          name,
          siret: validSiret(seed),
          services: 'Élagage des arbres',
          amount,
          lot: '2',
        },
        w.lead.cookie,
      );
    expect((await add('Élagueurs associés', 902, '600')).status).toBe(302);
    expect((await add('Petits travaux', 903, '599,99')).status).toBe(302);
    const duplicate = await add('Élagueurs bis', 902, '100');
    expect(errorsOf(duplicate).siret).toEqual([WORKSPACE_MESSAGES.duplicateSiret]);
    const page = pageOf(await get(w.bidId, w.lead.cookie));
    expect(page.subcontractors.map((s) => [s.name, s.amountCentsTtc, s.directPayment])).toEqual([
      ['Élagueurs associés', 60_000, true],
      ['Petits travaux', 59_999, false],
    ]);
    const dc4 = await db.selectFrom('bid_checklist_items').select('key').where('key', 'like', 'dc4-%').execute();
    expect(dc4.map((r) => r.key).sort()).toEqual([`dc4-${validSiret(902)}`, `dc4-${validSiret(903)}`].sort());

    const [first] = await db.selectFrom('bid_subcontractors').select('id').where('bid_id', '=', w.bidId).execute();
    expect(
      (await post(w.bidId, { intent: 'remove-subcontractor', subcontractorId: String(first.id) }, w.lead.cookie))
        .status,
    ).toBe(302);
    const gone = await post(
      w.bidId,
      { intent: 'remove-subcontractor', subcontractorId: String(first.id) },
      w.lead.cookie,
    );
    expect(errorsOf(gone)['']).toEqual([WORKSPACE_MESSAGES.subcontractorMissing]);
    expect(await countBidRows(db, 'bid_subcontractors', w.bidId)).toBe(1);
    expect(
      await db
        .selectFrom('bid_checklist_items')
        .select('key')
        .where('key', '=', `dc4-${validSiret(902)}`)
        .execute(),
    ).toEqual([]);
    const actions = await db.selectFrom('bid_activity').select('action').where('bid_id', '=', w.bidId).execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['subcontractor.added', 'subcontractor.removed']),
    );
  });
});

describe('a bid alone and a submitted bid', () => {
  it('shows a bid alone read-only at 100 % and refuses a matrix for it', async () => {
    const bidId = await createBid(db, {
      tenderId: w.tenderId,
      kind: 'seul',
      members: [{ supplierId: w.outsiderOrg.supplierId, role: 'mandataire', acceptance: 'accepted' }],
      lots: [{ lotNumber: 1, priceCents: 500_000 }],
    });
    const page = pageOf(await get(bidId, w.outsider.cookie));
    expect(page.solo).toBe(true);
    expect(page.lots[0].cells).toEqual([
      expect.objectContaining({ supplierId: w.outsiderOrg.supplierId, share: '100', amountCents: 500_000 }),
    ]);
    expect(page.suggestions).toBeNull();
    const refused = await post(
      bidId,
      { intent: 'save-allocation', [`part-1-${w.outsiderOrg.supplierId}`]: '100' },
      w.outsider.cookie,
    );
    expect(errorsOf(refused)['']).toEqual([SOLO_MESSAGE]);
    expect(await countBidRows(db, 'bid_allocations', bidId)).toBe(0);
  });

  it('freezes the allocation and the subcontractors once submitted', async () => {
    await setBidStatus(db, w.bidId, 'submitted');
    const before = await countBidRows(db, 'bid_activity', w.bidId);
    const refused = await post(
      w.bidId,
      { intent: 'save-allocation', [`part-1-${w.leadOrg.supplierId}`]: '100' },
      w.lead.cookie,
    );
    expect(errorsOf(refused)['']).toEqual([WORKSPACE_MESSAGES.frozen]);
    const sub = await post(
      w.bidId,
      { intent: 'add-subcontractor', name: 'Tardif', siret: validSiret(904), services: 'x', amount: '10' },
      w.lead.cookie,
    );
    expect(errorsOf(sub)['']).toEqual([WORKSPACE_MESSAGES.frozen]);
    expect(await countBidRows(db, 'bid_activity', w.bidId)).toBe(before);
    expect(pageOf(await get(w.bidId, w.lead.cookie)).rights.editable).toBe(false);
    await setBidStatus(db, w.bidId, 'withdrawn');
    expect(pageOf(await get(w.bidId, w.lead.cookie)).rights.editable).toBe(true);
  });
});

describe('partner suggestions', () => {
  it('proposes suppliers covering the uncovered sectors, says why and which method answered', async () => {
    const tenderId = await createTender(db, {
      buyerOrganisationId: w.buyerOrganisationId,
      lots: [
        { number: 1, sectors: ['nettoyage-bureaux'] },
        { number: 2, sectors: ['restauration-collective'] },
        { number: 3, sectors: ['collecte-dechets', 'peinture-batiment'] },
      ],
    });
    const bidId = await createBid(db, {
      tenderId,
      kind: 'groupement',
      members: [
        { supplierId: w.leadOrg.supplierId, role: 'mandataire', acceptance: 'accepted' },
        // Invited, not yet answered: its sector counts as covered.
        { supplierId: w.pendingOrg.supplierId, role: 'membre', acceptance: 'pending' },
      ],
      lots: [1, 2, 3].map((lotNumber) => ({ lotNumber, priceCents: 100_000 })),
    });
    const lyon = { communeCode: '69123', serviceAreas: [{ kind: 'departement' as const, code: '69' }] };
    await writeSupplier(
      db,
      supplierInput({
        name: 'Cuisine et tri',
        sectors: ['restauration-collective', 'collecte-dechets'],
        ...lyon,
        charterStatus: 'verified',
      }),
    );
    await writeSupplier(db, supplierInput({ name: 'Cantine seule', sectors: ['restauration-collective'], ...lyon }));
    await writeSupplier(db, supplierInput({ name: 'Tri seul', sectors: ['collecte-dechets'], ...lyon }));
    await writeSupplier(db, supplierInput({ name: 'Cuisine parisienne', sectors: ['restauration-collective'] }));

    const page = pageOf(await get(bidId, w.lead.cookie));
    expect(page.gap?.lots).toEqual([2, 3]);
    const suggestions = page.suggestions!;
    expect(suggestions.method).toBe('exhaustive');
    expect(suggestions.missingSectors).toHaveLength(2);
    expect(suggestions.combinations[0].partners.map((p) => p.name)).toEqual(['Cuisine et tri']);
    expect(suggestions.combinations[0].complete).toBe(true);
    expect(suggestions.combinations[0].reasons[0]).toMatch(/^couvre tous les secteurs manquants/);
    expect(suggestions.combinations[0].partners[0].reasons).toEqual(
      expect.arrayContaining(['intervient sur le lieu d’exécution', 'charte vérifiée']),
    );
    expect(suggestions.combinations[1].partners.map((p) => p.name).sort()).toEqual(['Cantine seule', 'Tri seul']);
    const names = suggestions.combinations.flatMap((c) => c.partners.map((p) => p.name));
    expect(names).not.toContain('Cuisine parisienne'); // serves Paris only
    expect(names).not.toContain('Atelier peinture'); // already invited
    expect(page.rights.isLead).toBe(true);
  });
});
