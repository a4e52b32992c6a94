import {
  FULL_SHARE_BP,
  checkAllocation,
  checkMembershipChangeable,
  checkSubmission,
  type AllocationRow,
  type TenderGroupementSummary,
} from '../groupements/rules';
import { type FieldIssue, type Result, fail, ok } from '../result';
import type { NeedKind, TenderStatus } from '../tenders/tender';
import { effectiveStatus } from '../tenders/tender';
import type { BidKind, BidStatus, ChecklistStatus } from './status';

// The rules of a bid as a whole (decisions 240, 241), on top of the groupement rules of
// app/domain/groupements/rules.ts: which tenders take bids, when a bid may change, one bid alone per supplier, and
// everything the submission checks. Pure.

export const BID_RULE_MESSAGES = {
  notATender:
    'Seuls les appels d’offres se préparent ici, seul ou en groupement. Les demandes de devis et de sourcing ne forment pas de groupement : répondez-y directement à l’acheteur.',
  notOpen: 'Cet appel d’offres n’accepte pas de réponse : il n’est pas publié ou sa date limite est passée.',
  deadlinePassed: 'La date limite de remise des offres est passée : la réponse ne peut plus être modifiée.',
  dissolved: 'Cette réponse a été abandonnée : elle ne peut plus être modifiée.',
  soloTwice: 'Cette structure a déjà une réponse seule à cet appel d’offres.',
  notForming: 'Seule une offre déposée peut être retirée.',
  checklistMissing: 'La liste des pièces n’a pas encore été générée : ouvrez l’onglet « Pièces du dossier ».',
  priceMissing: (lot: number) => `Indiquez le prix du lot ${lot}.`,
  formMissing: 'Choisissez la forme du groupement avant de déposer l’offre.',
  groupementTooSmall:
    'Un groupement compte au moins deux membres : invitez un partenaire, ou répondez seul à cet appel d’offres.',
  fileMissing: (label: string) => `Pièce à déposer : ${label} est marquée faite mais aucun document n’y est joint.`,
} as const;

/** A bid that still counts for the tender's rules (mandataire once, double participation, one bid alone). */
export function isActiveBid(status: BidStatus): boolean {
  return status !== 'dissolved';
}

export interface TenderForBid {
  kind: NeedKind;
  status: TenderStatus;
  submissionDeadline: string | null;
}

/** Bids are made on published tenders (kind appel-d-offres), before their deadline. */
export function checkTenderTakesBids(tender: TenderForBid, now: Date): Result<true> {
  if (tender.kind !== 'appel-d-offres') return fail([{ field: '', message: BID_RULE_MESSAGES.notATender }]);
  if (effectiveStatus(tender, now) !== 'published' || tender.submissionDeadline === null)
    return fail([{ field: '', message: BID_RULE_MESSAGES.notOpen }]);
  return ok(true);
}

/**
 * Members, form, lots and prices change while the bid is being formed or withdrawn, before the deadline; a
 * submitted bid is frozen (withdraw it first), a dissolved one is closed.
 */
export function checkBidEditable(status: BidStatus, tender: TenderForBid, now: Date): Result<true> {
  if (status === 'dissolved') return fail([{ field: '', message: BID_RULE_MESSAGES.dissolved }]);
  const frozen = checkMembershipChangeable(status);
  if (!frozen.ok) return fail(frozen.error.map((i) => ({ ...i, field: '' })));
  if (effectiveStatus(tender, now) !== 'published')
    return fail([{ field: '', message: BID_RULE_MESSAGES.deadlinePassed }]);
  return ok(true);
}

/** One bid alone per supplier and tender (its own lots are chosen inside it). */
export function checkOneSoloBid(supplierId: number, soloBidderIds: readonly number[]): Result<true> {
  return soloBidderIds.includes(supplierId)
    ? fail([{ field: 'participation', message: BID_RULE_MESSAGES.soloTwice }])
    : ok(true);
}

/** The other bids of the tender as the participation rules see them. */
export interface TenderBidSummary {
  bidId: number;
  kind: BidKind;
  status: BidStatus;
  /** Members that accepted or are invited (declined ones no longer count). */
  memberSupplierIds: number[];
  mandataireSupplierId: number | null;
}

export function participationState(bids: readonly TenderBidSummary[]): {
  soloBidderIds: number[];
  groupements: TenderGroupementSummary[];
} {
  const active = bids.filter((b) => isActiveBid(b.status));
  return {
    soloBidderIds: active.filter((b) => b.kind === 'seul').flatMap((b) => b.memberSupplierIds),
    groupements: active
      .filter((b) => b.kind === 'groupement' && b.mandataireSupplierId !== null)
      .map((b) => ({
        groupementId: b.bidId,
        mandataireSupplierId: b.mandataireSupplierId as number,
        memberSupplierIds: b.memberSupplierIds,
        active: true,
      })),
  };
}

/** A bid alone: its supplier performs 100 % of every lot it answers. */
export function soloAllocation(supplierId: number, lots: readonly number[]): AllocationRow[] {
  return lots.map((lotNumber) => ({ lotNumber, supplierId, shareBp: FULL_SHARE_BP }));
}

export interface SubmissionInput {
  now: Date;
  tender: TenderForBid;
  bid: { kind: BidKind; status: BidStatus; form: string | null };
  actorSupplierId: number;
  members: {
    supplierId: number;
    name: string;
    role: 'mandataire' | 'membre';
    acceptance: 'pending' | 'accepted' | 'declined';
  }[];
  lots: { lotNumber: number; priceCents: number | null }[];
  allocation: AllocationRow[];
  checklist: { key: string; label: string; status: ChecklistStatus; hasFile: boolean }[];
  /** The issues of the participation rules (mandataire once, double participation), checked by the service. */
  participationIssues: FieldIssue[];
}

/**
 * Everything a submission needs (decision 241): the groupement rules' checkSubmission (deadline, not already
 * submitted, one mandataire who submits, every member accepted, checklist done), each done item with its
 * document, a generated checklist, a price for every answered lot, a valid allocation (every answered lot covered
 * by accepted members, shares adding up to 100 %), a groupement's form and at least two members. All failures
 * are listed.
 */
export function checkBidSubmission(input: SubmissionInput): Result<{ submittedAt: string }> {
  const issues: FieldIssue[] = [];
  if (input.bid.status === 'dissolved') issues.push({ field: '', message: BID_RULE_MESSAGES.dissolved });
  if (input.tender.kind !== 'appel-d-offres') issues.push({ field: '', message: BID_RULE_MESSAGES.notATender });
  const members = input.members.filter((m) => m.acceptance !== 'declined');
  const checklist = input.checklist.map((item) => ({
    key: item.key,
    label: item.label,
    status: item.status === 'done' && !item.hasFile ? ('in-progress' as const) : item.status,
  }));
  const base = checkSubmission({
    now: input.now,
    submissionDeadline: input.tender.submissionDeadline ?? '',
    status: input.bid.status,
    actorSupplierId: input.actorSupplierId,
    members,
    checklist,
  });
  if (!base.ok)
    for (const issue of base.error) {
      if (issue.field === 'checklist' && input.checklist.length === 0)
        issues.push({ field: 'checklist', message: BID_RULE_MESSAGES.checklistMissing });
      else issues.push(issue);
    }
  for (const item of input.checklist)
    if (item.status === 'done' && !item.hasFile)
      issues.push({ field: 'checklist', message: BID_RULE_MESSAGES.fileMissing(item.label) });
  if (input.bid.kind === 'groupement') {
    if (input.bid.form === null) issues.push({ field: 'form', message: BID_RULE_MESSAGES.formMissing });
    if (members.length < 2) issues.push({ field: 'membres', message: BID_RULE_MESSAGES.groupementTooSmall });
  }
  for (const lot of input.lots)
    if (lot.priceCents === null)
      issues.push({ field: `price-${lot.lotNumber}`, message: BID_RULE_MESSAGES.priceMissing(lot.lotNumber) });
  const answered = input.lots.map((l) => l.lotNumber);
  const allocation = checkAllocation(
    input.lots.map((l) => ({ number: l.lotNumber, estimatedValueCents: l.priceCents ?? 0 })),
    answered,
    members.filter((m) => m.acceptance === 'accepted').map((m) => m.supplierId),
    input.allocation,
  );
  if (!allocation.ok) issues.push(...allocation.error.map((i) => ({ field: 'repartition', message: i.message })));
  issues.push(...input.participationIssues);
  const unique = issues.filter((i, index) => issues.findIndex((j) => j.message === i.message) === index);
  return unique.length > 0 ? fail(unique) : ok({ submittedAt: input.now.toISOString() });
}

/** A submitted bid is withdrawn before the deadline (it becomes editable again). */
export function checkWithdrawal(status: BidStatus, tender: TenderForBid, now: Date): Result<true> {
  if (status !== 'submitted') return fail([{ field: '', message: BID_RULE_MESSAGES.notForming }]);
  if (effectiveStatus(tender, now) !== 'published')
    return fail([{ field: '', message: BID_RULE_MESSAGES.deadlinePassed }]);
  return ok(true);
}
