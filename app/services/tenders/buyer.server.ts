import type { DB, Executor } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  changeTenderStatus,
  existingSectorCodes,
  findTender,
  insertTender,
  listTendersOfOrganisation,
  placeExists,
  updateTenderDraft,
  type TenderRecord,
  type TenderSummary,
} from '../../../db/repositories/tenders';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { parseTenderDraft, submissionIssues, type TenderDraft } from '~/domain/tenders/form';
import { isEditable } from '~/domain/tenders/tender';
import { getReferenceData } from '../reference.server';

// The buyer's side of needs and tenders (decisions 202, 204): a buyer organisation's list, creating a draft,
// saving it and submitting it to moderation. The route has already asked `tender.edit` for the organisation;
// here the organisation must be a buyer and the tender its own. Nothing is written when the form has an issue.

export const TENDER_SERVICE_MESSAGES = {
  sectorUnknown: 'Choisissez les secteurs dans la liste.',
  placeUnknown: 'Ce lieu n’existe pas : vérifiez le code INSEE.',
  notEditable: 'Ce besoin a été envoyé à la modération : il ne peut plus être modifié.',
} as const;

export interface BuyerOrganisation {
  id: number;
  name: string;
}

/** The organisation when it is a buyer; null otherwise (the route answers 404). */
export async function findBuyerOrganisation(db: Executor, organisationId: number): Promise<BuyerOrganisation | null> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return row && row.kind === 'buyer' ? { id: row.id, name: row.name } : null;
}

export function listBuyerTenders(db: DB, organisationId: number): Promise<TenderSummary[]> {
  return listTendersOfOrganisation(db, organisationId);
}

/** The organisation's tender, or null when it does not exist or belongs to another organisation. */
export async function getBuyerTender(db: DB, organisationId: number, tenderId: number): Promise<TenderRecord | null> {
  const tender = await findTender(db, tenderId);
  return tender && tender.buyerOrganisationId === organisationId ? tender : null;
}

export type TenderIntent = 'save' | 'submit';

export type TenderRefusal = { kind: 'invalid'; issues: FieldIssue[] } | { kind: 'not-found' };

export interface SaveTenderInput {
  organisationId: number;
  /** Null to create a new draft. */
  tenderId: number | null;
  intent: TenderIntent;
  fields: unknown;
  actor: { userId: number; email: string };
}

/** Codes the reference data does not know, as issues on their fields. */
async function referenceIssues(db: Executor, draft: TenderDraft): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const all = [...draft.sectors, ...draft.lots.flatMap((lot) => lot.sectors)];
  const known = await existingSectorCodes(db, all);
  if (draft.sectors.some((code) => !known.has(code)))
    issues.push({ field: 'sectors', message: TENDER_SERVICE_MESSAGES.sectorUnknown });
  draft.lots.forEach((lot, index) => {
    if (lot.sectors.some((code) => !known.has(code)))
      issues.push({ field: `lots[${index}].sectors`, message: TENDER_SERVICE_MESSAGES.sectorUnknown });
  });
  if (draft.placeKind !== null && !(await placeExists(db, draft.placeKind, draft.placeCode)))
    issues.push({ field: 'placeCode', message: TENDER_SERVICE_MESSAGES.placeUnknown });
  return issues;
}

/**
 * Creates or saves a draft (`save`), or saves it and submits it to moderation (`submit`), which needs it
 * complete. Returns the tender's id and status.
 */
export async function saveTender(
  db: DB,
  input: SaveTenderInput,
  now: Date = new Date(),
): Promise<Result<{ id: number; status: 'draft' | 'submitted' }, TenderRefusal>> {
  if (!(await findBuyerOrganisation(db, input.organisationId))) return fail({ kind: 'not-found' });
  const parsed = parseTenderDraft(input.fields, now);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const draft = parsed.value;
  const issues = [
    ...(await referenceIssues(db, draft)),
    ...(input.intent === 'submit' ? submissionIssues(draft, now) : []),
  ];
  if (issues.length > 0) return fail({ kind: 'invalid', issues });
  const iso = now.toISOString();

  return db.transaction().execute(async (trx) => {
    let id: number;
    if (input.tenderId === null) {
      id = await insertTender(trx, {
        organisationId: input.organisationId,
        userId: input.actor.userId,
        draft,
        now,
      });
      await appendAudit(trx, {
        now: iso,
        actor: input.actor,
        action: 'tender.created',
        subject: { type: 'tender', id },
        organisationId: input.organisationId,
        details: { kind: draft.kind, title: draft.title },
      });
    } else {
      const tender = await findTender(trx, input.tenderId);
      if (!tender || tender.buyerOrganisationId !== input.organisationId)
        return fail<TenderRefusal>({ kind: 'not-found' });
      if (!isEditable(tender.status))
        return fail<TenderRefusal>({
          kind: 'invalid',
          issues: [{ field: '', message: TENDER_SERVICE_MESSAGES.notEditable }],
        });
      id = tender.id;
      if (!(await updateTenderDraft(trx, id, draft, now)))
        return fail<TenderRefusal>({
          kind: 'invalid',
          issues: [{ field: '', message: TENDER_SERVICE_MESSAGES.notEditable }],
        });
    }
    if (input.intent === 'save') return ok({ id, status: 'draft' as const });

    await changeTenderStatus(trx, id, { from: 'draft', to: 'submitted', now, submittedAt: iso, moderationNote: null });
    await appendAudit(trx, {
      now: iso,
      actor: input.actor,
      action: 'tender.submitted',
      subject: { type: 'tender', id },
      organisationId: input.organisationId,
      details: { kind: draft.kind, title: draft.title },
    });
    return ok({ id, status: 'submitted' as const });
  });
}

export interface TenderFormPage {
  organisation: BuyerOrganisation;
  tender: TenderRecord | null;
  sectorGroups: { key: string; label: string; options: { value: string; label: string }[] }[];
}

/** What the create and edit pages show; null when the organisation is not a buyer or the tender not its own. */
export async function getTenderFormPage(
  db: DB,
  organisationId: number,
  tenderId: number | null,
): Promise<TenderFormPage | null> {
  const organisation = await findBuyerOrganisation(db, organisationId);
  if (!organisation) return null;
  const tender = tenderId === null ? null : await getBuyerTender(db, organisationId, tenderId);
  if (tenderId !== null && !tender) return null;
  const reference = await getReferenceData(db);
  return {
    organisation,
    tender,
    sectorGroups: reference.sectorGroups.map((group) => ({
      key: group.code,
      label: group.name,
      options: group.sectors.map((sector) => ({ value: sector.code, label: sector.name })),
    })),
  };
}
