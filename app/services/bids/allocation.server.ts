import type { DB, Executor } from '../../../db/connection';
import { deleteSubcontractor, insertSubcontractor, listSubcontractors } from '../../../db/repositories/bid-workspace';
import {
  appendBidActivity,
  findBid,
  listBidAllocations,
  listBidLots,
  listBidMembers,
  replaceBidAllocations,
  touchBid,
} from '../../../db/repositories/bids';
import { WORKSPACE_ACTIVITY } from '../../domain/bids/activity-labels';
import { parseId } from '../../domain/bids/forms';
import {
  editRefusal,
  parseAllocationForm,
  parseSubcontractorForm,
  WORKSPACE_MESSAGES,
} from '../../domain/bids/workspace';
import {
  allocateAmounts,
  checkAllocation,
  DIRECT_PAYMENT_THRESHOLD_CENTS,
  formatShare,
  FULL_SHARE_BP,
} from '../../domain/groupements/rules';
import { fail, ok, type FieldIssue, type Result } from '../../domain/result';
import { lotsOf } from '../../domain/tenders/form';
import type { BidAccess } from './access.server';
import { syncChecklist } from './checklist.server';
import { coverageGap, suggestionsForBid } from './partner-suggestions.server';
import { bidHeading, workspaceRights } from './workspace.server';

// The allocation page of a bid (issue 7 §2, docs/decisions/245-bid-workspace-pages.md): lots answered ×
// accepted members, each share in percent and its amount from the lot's price excl. VAT; the subcontractors
// (direct payment from 600 € TTC); for a groupement that leaves sectors uncovered, the partner suggestions.

export interface WorkspaceActor {
  userId: number;
  supplierId: number;
}

export type WorkspaceRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

const invalid = (issues: FieldIssue[]) => fail<WorkspaceRefusal>({ kind: 'invalid', issues });

export const SOLO_MESSAGE =
  'Une réponse seule n’a pas de répartition à saisir : la structure exécute 100 % de chaque lot.';

export async function getAllocationPage(db: DB, access: BidAccess) {
  const rights = workspaceRights(access);
  const bidId = access.bid.id;
  const [bidLots, allocations, subcontractors] = await Promise.all([
    listBidLots(db, bidId),
    listBidAllocations(db, bidId),
    listSubcontractors(db, bidId),
  ]);
  const tenderLots = lotsOf(access.tender);
  const accepted = access.members.filter((m) => m.acceptance === 'accepted');
  const solo = access.bid.kind === 'seul';
  const lots = bidLots.map((bl) => {
    const lot = tenderLots.find((l) => l.number === bl.lotNumber);
    const rows = solo
      ? accepted
          .slice(0, 1)
          .map((m) => ({ lotNumber: bl.lotNumber, supplierId: m.supplier_id, shareBp: FULL_SHARE_BP, tasks: '' }))
      : allocations.filter((a) => a.lotNumber === bl.lotNumber);
    const amounts = bl.priceCents === null ? [] : allocateAmounts(bl.priceCents, rows);
    return {
      number: bl.lotNumber,
      title: lot?.title ?? `Lot ${bl.lotNumber}`,
      priceCents: bl.priceCents,
      cells: rows.map((r) => ({
        supplierId: r.supplierId,
        share: formatShare(r.shareBp).replace(/\s%$/, ''),
        tasks: r.tasks ?? '',
        amountCents: amounts.find((a) => a.supplierId === r.supplierId)?.amountCents ?? null,
      })),
    };
  });
  const check = solo
    ? { ok: true as const }
    : checkAllocation(
        bidLots.map((l) => ({ number: l.lotNumber, estimatedValueCents: l.priceCents ?? 0 })),
        bidLots.map((l) => l.lotNumber),
        accepted.map((m) => m.supplier_id),
        allocations,
      );
  // What is left to cover is the members' business: the buyer of an opened bid does not see it.
  const gap =
    solo || !rights.isMember
      ? null
      : await coverageGap(
          db,
          access.tender,
          access.members,
          bidLots.map((l) => l.lotNumber),
        );
  const suggestions =
    gap && rights.editable && rights.isMember ? await suggestionsForBid(db, access.tender, access.members, gap) : null;
  return {
    bid: bidHeading(access),
    rights,
    solo,
    lots,
    members: accepted.map((m) => ({ supplierId: m.supplier_id, name: m.supplierName, role: m.role })),
    pendingMembers: access.members
      .filter((m) => m.acceptance === 'pending')
      .map((m) => ({ supplierId: m.supplier_id, name: m.supplierName })),
    problems: check.ok ? [] : check.error.map((i) => i.message),
    subcontractors: subcontractors.map((s) => ({
      id: s.id,
      name: s.name,
      siret: s.siret,
      services: s.services,
      amountCentsTtc: s.amount_cents_ttc,
      lotNumber: s.lot_number,
      directPayment: s.amount_cents_ttc >= DIRECT_PAYMENT_THRESHOLD_CENTS,
    })),
    gap: gap && gap.sectors.length > 0 ? { lots: gap.lots, sectors: gap.sectors.map((s) => gap.labels[s] ?? s) } : null,
    suggestions,
  };
}

/**
 * What keeps a groupement's stored allocation from being complete (every answered lot covered by accepted
 * members, shares adding up to 100 %), as French issues; none for a bid alone. For the submission (decision 245).
 */
export async function allocationIssues(db: Executor, bidId: number): Promise<FieldIssue[]> {
  const bid = await findBid(db, bidId);
  if (!bid || bid.kind === 'seul') return [];
  const [lots, allocations, members] = await Promise.all([
    listBidLots(db, bidId),
    listBidAllocations(db, bidId),
    listBidMembers(db, bidId),
  ]);
  const check = checkAllocation(
    lots.map((l) => ({ number: l.lotNumber, estimatedValueCents: l.priceCents ?? 0 })),
    lots.map((l) => l.lotNumber),
    members.filter((m) => m.acceptance === 'accepted').map((m) => m.supplier_id),
    allocations,
  );
  return check.ok ? [] : check.error.map((i) => ({ field: 'repartition', message: i.message }));
}

/** Saves the whole matrix; nothing is written when a cell, a lot or the bid's state refuses it. */
export async function saveAllocation(
  db: DB,
  input: { bidId: number; actor: WorkspaceActor; fields: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ lots: number[] }, WorkspaceRefusal>> {
  return db.transaction().execute(async (trx) => {
    const bid = await findBid(trx, input.bidId);
    if (!bid) return fail<WorkspaceRefusal>({ kind: 'not-found' });
    const refusal = editRefusal(bid.status);
    if (refusal) return invalid([{ field: '', message: refusal }]);
    if (bid.kind === 'seul') return invalid([{ field: '', message: SOLO_MESSAGE }]);
    const lots = (await listBidLots(trx, input.bidId)).map((l) => ({ number: l.lotNumber, priceCents: l.priceCents }));
    const accepted = (await listBidMembers(trx, input.bidId)).filter((m) => m.acceptance === 'accepted');
    const parsed = parseAllocationForm(
      input.fields,
      lots,
      accepted.map((m) => m.supplier_id),
    );
    if (!parsed.ok) return invalid(parsed.error);
    await replaceBidAllocations(
      trx,
      input.bidId,
      parsed.value.map((r) => ({
        lotNumber: r.lotNumber,
        supplierId: r.supplierId,
        shareBp: r.shareBp,
        tasks: r.tasks ?? '',
      })),
    );
    const numbers = lots.map((l) => l.number);
    await appendBidActivity(
      trx,
      {
        bidId: input.bidId,
        supplierId: input.actor.supplierId,
        userId: input.actor.userId,
        action: WORKSPACE_ACTIVITY.allocationUpdated,
        detail: `${numbers.length > 1 ? 'Lots' : 'Lot'} ${numbers.join(', ')}`,
      },
      now,
    );
    await touchBid(trx, input.bidId, now);
    return ok({ lots: numbers });
  });
}

export async function addSubcontractor(
  db: DB,
  input: { bidId: number; actor: WorkspaceActor; fields: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ name: string; directPayment: boolean }, WorkspaceRefusal>> {
  return db.transaction().execute(async (trx) => {
    const bid = await findBid(trx, input.bidId);
    if (!bid) return fail<WorkspaceRefusal>({ kind: 'not-found' });
    const refusal = editRefusal(bid.status);
    if (refusal) return invalid([{ field: '', message: refusal }]);
    const lots = (await listBidLots(trx, input.bidId)).map((l) => l.lotNumber);
    const existing = await listSubcontractors(trx, input.bidId);
    const parsed = parseSubcontractorForm(
      input.fields,
      lots,
      existing.map((s) => s.siret),
    );
    if (!parsed.ok) return invalid(parsed.error);
    const s = parsed.value;
    await insertSubcontractor(trx, {
      bid_id: input.bidId,
      name: s.name,
      siret: s.siret,
      services: s.services,
      amount_cents_ttc: s.amountTtcCents,
      lot_number: s.lotNumber,
      created_at: now.toISOString(),
    });
    await syncChecklist(trx, input.bidId, now);
    await appendBidActivity(
      trx,
      {
        bidId: input.bidId,
        supplierId: input.actor.supplierId,
        userId: input.actor.userId,
        action: WORKSPACE_ACTIVITY.subcontractorAdded,
        detail: s.directPayment ? `${s.name} (paiement direct)` : s.name,
      },
      now,
    );
    await touchBid(trx, input.bidId, now);
    return ok({ name: s.name, directPayment: s.directPayment });
  });
}

export async function removeSubcontractor(
  db: DB,
  input: { bidId: number; actor: WorkspaceActor; subcontractorId: unknown },
  now: Date = new Date(),
): Promise<Result<{ name: string }, WorkspaceRefusal>> {
  const id = parseId(input.subcontractorId);
  return db.transaction().execute(async (trx) => {
    const bid = await findBid(trx, input.bidId);
    if (!bid) return fail<WorkspaceRefusal>({ kind: 'not-found' });
    const refusal = editRefusal(bid.status);
    if (refusal) return invalid([{ field: '', message: refusal }]);
    const removed = id === null ? undefined : await deleteSubcontractor(trx, input.bidId, id);
    if (!removed) return invalid([{ field: '', message: WORKSPACE_MESSAGES.subcontractorMissing }]);
    await syncChecklist(trx, input.bidId, now);
    await appendBidActivity(
      trx,
      {
        bidId: input.bidId,
        supplierId: input.actor.supplierId,
        userId: input.actor.userId,
        action: WORKSPACE_ACTIVITY.subcontractorRemoved,
        detail: removed.name,
      },
      now,
    );
    await touchBid(trx, input.bidId, now);
    return ok({ name: removed.name });
  });
}
