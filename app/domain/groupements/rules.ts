import { fail, ok, type FieldIssue, type Result } from '../result';
import { checkSiret } from '../siret';
import { isKindEligibleForReservation } from '../tenders/tender';
import type { BidStatus, ChecklistStatus } from '../bids/status';
import type { GroupementMember, Reservation, TenderForGroupement, TenderLot } from './types';

// Rules of a groupement momentané d'entreprises answering a tender (Code de la commande publique, R2142-19 to
// R2142-27; issue 7 §2). Pure: every rule takes plain values and returns a Result with French FieldIssues.
// Shares are integer basis points (10 000 = 100 %), money integer euro cents (docs/decisions/210-groupement-rules.md).

export const GROUPEMENT_FORMS = ['conjoint', 'solidaire', 'conjoint-mandataire-solidaire'] as const;
export type GroupementForm = (typeof GROUPEMENT_FORMS)[number];
export const GROUPEMENT_FORM_LABELS: Record<GroupementForm, string> = {
  conjoint: 'Groupement conjoint',
  solidaire: 'Groupement solidaire',
  'conjoint-mandataire-solidaire': 'Groupement conjoint avec mandataire solidaire',
};

export function parseGroupementForm(input: string): Result<GroupementForm> {
  return (GROUPEMENT_FORMS as readonly string[]).includes(input)
    ? ok(input as GroupementForm)
    : fail([
        {
          field: 'form',
          message: 'Choisissez la forme du groupement : conjoint, solidaire ou conjoint avec mandataire solidaire.',
        },
      ]);
}

// ---------------------------------------------------------------------------------------------------------
// Mandataire and participation

/** Exactly one member is mandataire (R2142-23: one mandataire represents all members). */
export function checkOneMandataire(members: Pick<GroupementMember, 'role'>[]): Result<true> {
  const count = members.filter((m) => m.role === 'mandataire').length;
  if (count === 1) return ok(true);
  return fail([
    {
      field: 'mandataire',
      message:
        count === 0
          ? 'Le groupement doit désigner un mandataire.'
          : `Le groupement ne peut avoir qu’un seul mandataire (${count} désignés).`,
    },
  ]);
}

/** Another groupement of the same tender, as the uniqueness rules see it. */
export interface TenderGroupementSummary {
  groupementId: number;
  mandataireSupplierId: number;
  memberSupplierIds: number[];
  /** A withdrawn or dissolved groupement no longer counts. */
  active: boolean;
}

/** A firm is mandataire of at most one groupement per tender (R2142-24). */
export function checkMandataireOncePerTender(
  supplierId: number,
  groupementId: number | null,
  others: TenderGroupementSummary[],
): Result<true> {
  const clash = others.find(
    (g) => g.active && g.groupementId !== groupementId && g.mandataireSupplierId === supplierId,
  );
  return clash
    ? fail([
        {
          field: 'mandataire',
          message: 'Cette structure est déjà mandataire d’un autre groupement pour cet appel d’offres.',
        },
      ])
    : ok(true);
}

/**
 * A firm bids alone and inside a groupement for the same tender only if the tender allows it. `joining` is the
 * bid the firm is about to take part in: 'seul' (alone) or a groupement's id.
 */
export function checkDualParticipation(
  tender: Pick<TenderForGroupement, 'allowsDualParticipation'>,
  supplierId: number,
  joining: 'seul' | number,
  state: { soloBidderIds: number[]; groupements: TenderGroupementSummary[] },
): Result<true> {
  if (tender.allowsDualParticipation) return ok(true);
  const inGroupement = state.groupements.some(
    (g) => g.active && g.groupementId !== joining && g.memberSupplierIds.includes(supplierId),
  );
  if (joining === 'seul' && inGroupement)
    return fail([
      {
        field: 'participation',
        message:
          'Cette structure fait déjà partie d’un groupement pour cet appel d’offres, qui n’autorise pas à candidater aussi seule.',
      },
    ]);
  if (joining !== 'seul' && state.soloBidderIds.includes(supplierId))
    return fail([
      {
        field: 'participation',
        message:
          'Cette structure candidate déjà seule à cet appel d’offres, qui n’autorise pas à candidater aussi en groupement.',
      },
    ]);
  return ok(true);
}

// ---------------------------------------------------------------------------------------------------------
// Allocation matrix: lots × members

export const FULL_SHARE_BP = 10_000;

/** "33,33", "33.33 %", "100" -> basis points (3333, 10000); at most two decimals, between 0 and 100. */
export function parseSharePercent(input: string): Result<number, string> {
  const text = input.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text))
    return fail('Saisissez une part en pourcentage, avec au plus deux décimales (ex. 33,33).');
  const [whole, decimals = ''] = text.split('.');
  const bp = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (bp <= 0 || bp > FULL_SHARE_BP) return fail('La part doit être comprise entre 0,01 % et 100 %.');
  return ok(bp);
}

/** Basis points in French: 3333 -> "33,33 %". */
export function formatShare(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole} %` : `${whole},${String(rest).padStart(2, '0')} %`;
}

export interface AllocationRow {
  lotNumber: number;
  supplierId: number;
  shareBp: number;
  /** What the member performs in the lot (free text). */
  tasks?: string;
}

export interface AllocatedShare extends AllocationRow {
  amountCents: number;
}

/**
 * Euros of each share derived from the lot's value: the floor of value × share, then the cents left over go one
 * by one to the largest remainders (ties: the order of the rows), so the amounts of a lot add up to its value.
 */
export function allocateAmounts(lotValueCents: number, rows: AllocationRow[]): AllocatedShare[] {
  const exact = rows.map((r) => (lotValueCents * r.shareBp) / FULL_SHARE_BP);
  const amounts = exact.map(Math.floor);
  let left =
    rows.reduce((s, r) => s + r.shareBp, 0) === FULL_SHARE_BP ? lotValueCents - amounts.reduce((a, b) => a + b, 0) : 0;
  const order = exact.map((e, i) => ({ i, rem: e - Math.floor(e) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    amounts[i] += 1;
    left -= 1;
  }
  return rows.map((r, i) => ({ ...r, amountCents: amounts[i] }));
}

/**
 * The allocation matrix is valid when every answered lot is a lot of the tender, every answered lot has shares,
 * only members hold shares, one row per (lot, member), each share is 0.01 % to 100 %, and the shares of each
 * lot add up to exactly 10 000 basis points. Gives the rows with their amounts in cents.
 */
export function checkAllocation(
  lots: Pick<TenderLot, 'number' | 'estimatedValueCents'>[],
  answeredLots: number[],
  memberIds: number[],
  rows: AllocationRow[],
): Result<AllocatedShare[]> {
  const issues: FieldIssue[] = [];
  const lotByNumber = new Map(lots.map((l) => [l.number, l]));
  if (answeredLots.length === 0)
    issues.push({ field: 'lots', message: 'Le groupement doit répondre à au moins un lot.' });
  for (const n of answeredLots)
    if (!lotByNumber.has(n))
      issues.push({ field: 'lots', message: `Le lot ${n} n’existe pas dans cet appel d’offres.` });
  const seen = new Set<string>();
  for (const r of rows) {
    const field = `part-${r.lotNumber}-${r.supplierId}`;
    if (!answeredLots.includes(r.lotNumber))
      issues.push({
        field,
        message: `Le lot ${r.lotNumber} ne fait pas partie des lots auxquels le groupement répond.`,
      });
    if (!memberIds.includes(r.supplierId))
      issues.push({
        field,
        message: 'Seuls les membres du groupement peuvent recevoir une part (les sous-traitants sont déclarés à part).',
      });
    if (!Number.isInteger(r.shareBp) || r.shareBp <= 0 || r.shareBp > FULL_SHARE_BP)
      issues.push({ field, message: 'La part doit être comprise entre 0,01 % et 100 %.' });
    const key = `${r.lotNumber}:${r.supplierId}`;
    if (seen.has(key)) issues.push({ field, message: 'Un membre n’a qu’une part par lot.' });
    seen.add(key);
  }
  for (const n of answeredLots) {
    if (!lotByNumber.has(n)) continue;
    const lotRows = rows.filter((r) => r.lotNumber === n);
    const total = lotRows.reduce((s, r) => s + r.shareBp, 0);
    if (lotRows.length === 0) issues.push({ field: `lot-${n}`, message: `Le lot ${n} n’est attribué à aucun membre.` });
    else if (total !== FULL_SHARE_BP)
      issues.push({
        field: `lot-${n}`,
        message: `Les parts du lot ${n} totalisent ${formatShare(total)} au lieu de 100 %.`,
      });
  }
  if (issues.length > 0) return fail(issues);
  return ok(
    answeredLots.flatMap((n) =>
      allocateAmounts(
        lotByNumber.get(n)!.estimatedValueCents,
        rows.filter((r) => r.lotNumber === n),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Subcontractors (declared apart from members; DC4; paiement direct from 600 € TTC, art. R2193-10)

export const DIRECT_PAYMENT_THRESHOLD_CENTS = 60_000;

export interface SubcontractorInput {
  name: string;
  siret: string;
  services: string;
  /** Amount incl. VAT in euro cents. */
  amountTtcCents: number;
}

export interface Subcontractor extends SubcontractorInput {
  directPayment: boolean;
}

export function checkSubcontractor(input: SubcontractorInput): Result<Subcontractor> {
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  if (name === '') issues.push({ field: 'name', message: 'Indiquez le nom du sous-traitant.' });
  else if (name.length > 200) issues.push({ field: 'name', message: 'Le nom ne doit pas dépasser 200 caractères.' });
  const siret = checkSiret(input.siret);
  if (!siret.ok) issues.push({ field: 'siret', message: siret.error });
  const services = input.services.trim();
  if (services === '') issues.push({ field: 'services', message: 'Décrivez les prestations sous-traitées.' });
  if (!Number.isInteger(input.amountTtcCents) || input.amountTtcCents <= 0)
    issues.push({ field: 'amount', message: 'Indiquez un montant TTC positif, en euros.' });
  if (issues.length > 0 || !siret.ok) return fail(issues);
  return ok({
    name,
    siret: siret.value,
    services,
    amountTtcCents: input.amountTtcCents,
    directPayment: input.amountTtcCents >= DIRECT_PAYMENT_THRESHOLD_CENTS,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Frozen membership and submission

/**
 * Membership (members, roles, form) is frozen from submission (R2142-26): no change while the bid stands. A
 * bid withdrawn before the deadline is editable again and may change before it is resubmitted.
 */
export function checkMembershipChangeable(status: BidStatus): Result<true> {
  return status === 'submitted'
    ? fail([
        {
          field: 'membres',
          message:
            'La composition du groupement est figée depuis le dépôt de l’offre : retirez l’offre avant de la modifier.',
        },
      ])
    : ok(true);
}

export interface ChecklistState {
  key: string;
  label: string;
  status: ChecklistStatus;
}

/**
 * The mandataire submits when the deadline has not passed, the membership is complete (every member accepted,
 * exactly one mandataire, the actor is the mandataire), and every checklist item is done.
 */
export function checkSubmission(input: {
  now: Date;
  submissionDeadline: string;
  status: BidStatus;
  actorSupplierId: number;
  members: Pick<GroupementMember, 'supplierId' | 'name' | 'role' | 'acceptance'>[];
  checklist: ChecklistState[];
}): Result<{ submittedAt: string }> {
  const issues: FieldIssue[] = [];
  const deadline = new Date(input.submissionDeadline);
  if (Number.isNaN(deadline.getTime()) || input.now.getTime() >= deadline.getTime())
    issues.push({
      field: '',
      message: 'La date limite de remise des offres est passée : l’offre ne peut plus être déposée.',
    });
  if (input.status === 'submitted') issues.push({ field: '', message: 'L’offre est déjà déposée.' });
  const mandataire = checkOneMandataire(input.members);
  if (!mandataire.ok) issues.push(...mandataire.error);
  else if (!input.members.some((m) => m.role === 'mandataire' && m.supplierId === input.actorSupplierId))
    issues.push({ field: '', message: 'Seul le mandataire peut déposer l’offre du groupement.' });
  for (const m of input.members)
    if (m.acceptance !== 'accepted')
      issues.push({ field: 'membres', message: `${m.name} n’a pas encore accepté de rejoindre le groupement.` });
  for (const item of input.checklist)
    if (item.status !== 'done') issues.push({ field: 'checklist', message: `Pièce à compléter : ${item.label}.` });
  if (input.checklist.length === 0) issues.push({ field: 'checklist', message: 'La liste des pièces est vide.' });
  return issues.length > 0 ? fail(issues) : ok({ submittedAt: input.now.toISOString() });
}

// Reserved markets: one list of eligible structure kinds, the tenders' (app/domain/tenders/tender.ts, decision 201).

export function isEligibleForReservation(structureKind: string, reservation: Reservation): boolean {
  return isKindEligibleForReservation(reservation, structureKind);
}
