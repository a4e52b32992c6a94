import { fail, ok, type FieldIssue, type Result } from '../result';
import {
  checkAllocation,
  checkSubcontractor,
  parseSharePercent,
  type AllocatedShare,
  type AllocationRow,
  type Subcontractor,
} from '../groupements/rules';
import type { BidStatus } from './status';

// The rules of a bid's workspace pages (issue 7 §2, docs/decisions/245-bid-workspace-pages.md): when the
// workspace may change, the allocation matrix and subcontractor forms, what is left to cover. Pure.

/** Allocation, subcontractors, checklist and documents change while the bid is forming or withdrawn. */
export function isBidEditable(status: BidStatus): boolean {
  return status === 'forming' || status === 'withdrawn';
}

export const WORKSPACE_MESSAGES = {
  frozen:
    'L’offre est déposée : la répartition, les sous-traitants et les pièces sont figés. Retirez l’offre (avant la date limite) pour les modifier.',
  dissolved: 'Cette réponse est abandonnée : elle ne peut plus être modifiée.',
  shareWithoutPercent: 'Indiquez la part de ce membre pour les tâches décrites, ou effacez les tâches.',
  tasksTooLong: 'Les tâches ne doivent pas dépasser 500 caractères.',
  noLots: 'La réponse ne porte encore sur aucun lot : choisissez les lots dans la vue d’ensemble.',
  amountInvalid: 'Indiquez un montant TTC positif, en euros (ex. 1 250,50).',
  lotInvalid: 'Choisissez un des lots auxquels la réponse porte, ou aucun.',
  servicesTooLong: 'La description des prestations ne doit pas dépasser 2 000 caractères.',
  subcontractorMissing: 'Ce sous-traitant n’existe plus dans cette réponse.',
  duplicateSiret: 'Ce sous-traitant (même SIRET) est déjà déclaré.',
} as const;

/** The message refusing a change to a bid that is not editable, or null when it is. */
export function editRefusal(status: BidStatus): string | null {
  if (isBidEditable(status)) return null;
  return status === 'dissolved' ? WORKSPACE_MESSAGES.dissolved : WORKSPACE_MESSAGES.frozen;
}

export const TASKS_MAX_LENGTH = 500;

/** The matrix's field names: a member's share of a lot, and the tasks it performs in it. */
export const shareField = (lotNumber: number, supplierId: number) => `part-${lotNumber}-${supplierId}`;
export const tasksField = (lotNumber: number, supplierId: number) => `taches-${lotNumber}-${supplierId}`;
/** The field of a lot's whole-lot message (shares not adding up, lot not covered). */
export const lotField = (lotNumber: number) => `lot-${lotNumber}`;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export interface AnsweredLot {
  number: number;
  /** The bid's price for the lot, euro cents excl. VAT (null while not given). */
  priceCents: number | null;
}

/**
 * The whole matrix form: each cell's share ('33,33', empty for none) and tasks, checked cell by cell (a bad
 * percent, tasks without a share), then as a whole with checkAllocation (every answered lot covered, shares
 * adding up to 100 %). The amounts are computed from each lot's price excl. VAT.
 */
export function parseAllocationForm(
  raw: Record<string, unknown>,
  lots: AnsweredLot[],
  memberIds: number[],
): Result<AllocatedShare[]> {
  if (lots.length === 0) return fail([{ field: '', message: WORKSPACE_MESSAGES.noLots }]);
  const issues: FieldIssue[] = [];
  const rows: AllocationRow[] = [];
  for (const lot of lots)
    for (const supplierId of memberIds) {
      const share = text(raw[shareField(lot.number, supplierId)]).trim();
      const tasks = text(raw[tasksField(lot.number, supplierId)]).trim();
      if (tasks.length > TASKS_MAX_LENGTH)
        issues.push({ field: tasksField(lot.number, supplierId), message: WORKSPACE_MESSAGES.tasksTooLong });
      if (share === '') {
        if (tasks !== '')
          issues.push({ field: shareField(lot.number, supplierId), message: WORKSPACE_MESSAGES.shareWithoutPercent });
        continue;
      }
      const bp = parseSharePercent(share);
      if (!bp.ok) issues.push({ field: shareField(lot.number, supplierId), message: bp.error });
      else rows.push({ lotNumber: lot.number, supplierId, shareBp: bp.value, tasks });
    }
  if (issues.length > 0) return fail(issues);
  return checkAllocation(
    lots.map((l) => ({ number: l.number, estimatedValueCents: l.priceCents ?? 0 })),
    lots.map((l) => l.number),
    memberIds,
    rows,
  );
}

/** « 1 250,50 », « 1250.5 », « 600 € » -> euro cents; undefined when it is not a positive amount. */
export function parseEuros(input: string): number | undefined {
  const textValue = input.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(textValue)) return undefined;
  const [whole, decimals = ''] = textValue.split('.');
  const cents = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return cents > 0 ? cents : undefined;
}

export const SERVICES_MAX_LENGTH = 2000;

export interface SubcontractorDeclaration extends Subcontractor {
  lotNumber: number | null;
}

/** The subcontractor form: name, SIRET, services, amount incl. VAT in euros, optional lot among the answered. */
export function parseSubcontractorForm(
  raw: Record<string, unknown>,
  answeredLots: number[],
  declaredSirets: string[],
): Result<SubcontractorDeclaration> {
  const amount = parseEuros(text(raw.amount));
  const checked = checkSubcontractor({
    name: text(raw.name),
    siret: text(raw.siret),
    services: text(raw.services),
    amountTtcCents: amount ?? 0,
  });
  const issues: FieldIssue[] = checked.ok ? [] : checked.error.filter((i) => i.field !== 'amount');
  if (amount === undefined) issues.push({ field: 'amount', message: WORKSPACE_MESSAGES.amountInvalid });
  if (text(raw.services).trim().length > SERVICES_MAX_LENGTH)
    issues.push({ field: 'services', message: WORKSPACE_MESSAGES.servicesTooLong });
  const lotText = text(raw.lot).trim();
  const lotNumber = lotText === '' ? null : Number(lotText);
  if (lotNumber !== null && !answeredLots.includes(lotNumber))
    issues.push({ field: 'lot', message: WORKSPACE_MESSAGES.lotInvalid });
  if (checked.ok && declaredSirets.includes(checked.value.siret))
    issues.push({ field: 'siret', message: WORKSPACE_MESSAGES.duplicateSiret });
  if (issues.length > 0 || !checked.ok) return fail(issues);
  return ok({ ...checked.value, lotNumber });
}

export interface LotSectors {
  number: number;
  sectors: string[];
}

/**
 * What the members do not cover yet: the sectors of the answered lots (all the tender's lots while none is
 * chosen) that no accepted or invited member has, and the lots holding one of them.
 */
export function uncoveredSectors(
  lots: LotSectors[],
  answeredLots: number[],
  memberSectors: string[][],
): { lots: number[]; sectors: string[] } {
  const covered = new Set(memberSectors.flat());
  const considered = answeredLots.length > 0 ? lots.filter((l) => answeredLots.includes(l.number)) : lots;
  const sectors: string[] = [];
  const uncoveredLots: number[] = [];
  for (const lot of considered) {
    const missing = lot.sectors.filter((s) => !covered.has(s));
    if (missing.length > 0) uncoveredLots.push(lot.number);
    for (const s of missing) if (!sectors.includes(s)) sectors.push(s);
  }
  return { lots: uncoveredLots, sectors };
}

/** 123456 cents -> « 1 234,56 € ». */
export function formatEuros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** The bid's state as the workspace pages say it. */
export const BID_STATUS_TEXT: Record<BidStatus, string> = {
  forming: 'en préparation',
  submitted: 'offre déposée',
  withdrawn: 'offre retirée (modifiable)',
  dissolved: 'abandonnée',
};

/** Why the visitor only reads a workspace page, or null when they may change it. */
export function readOnlyReason(rights: { canWork: boolean; editable: boolean; isMember: boolean }, status: BidStatus) {
  if (!rights.isMember) return 'Vous consultez l’offre déposée : elle ne peut pas être modifiée.';
  if (!rights.editable) return editRefusal(status);
  if (!rights.canWork)
    return 'Votre structure est invitée : acceptez l’invitation (vue d’ensemble) pour travailler sur la réponse.';
  return null;
}
