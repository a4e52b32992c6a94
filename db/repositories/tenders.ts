import type {
  MainCategory,
  NeedKind,
  PlaceKind,
  ProcurementMethod,
  Reservation,
  TenderStatus,
} from '../../app/domain/tenders/tender';
import type { TenderDraft, TenderLotDraft } from '../../app/domain/tenders/form';
import type { Executor } from '../connection';
import type { TendersTable } from '../schema';
import { sql, type Selectable } from 'kysely';

// Tenders, their lots, sectors and CPV codes (decisions 200–203). Functions take the database or a transaction;
// the services own the transactions and the status rules (app/domain/tenders/tender.ts).

export interface TenderRecord extends TenderDraft {
  id: number;
  buyerOrganisationId: number;
  buyerName: string;
  status: TenderStatus;
  moderationNote: string | null;
  createdByUserId: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  closedAt: string | null;
  /** The name of the place of performance, null for national or unknown. */
  placeName: string | null;
  awardedAt: string | null;
  cancelledAt: string | null;
  cancellationReason: string | null;
}

/** A row of the lists: the fields a list shows, without lots, sectors or CPV codes. */
export interface TenderSummary {
  id: number;
  buyerOrganisationId: number;
  buyerName: string;
  kind: NeedKind;
  status: TenderStatus;
  title: string;
  category: MainCategory | null;
  placeKind: PlaceKind | null;
  placeCode: string | null;
  placeName: string | null;
  estimatedValueEuros: number | null;
  reservation: Reservation;
  submissionDeadline: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

function contentColumns(draft: TenderDraft) {
  return {
    kind: draft.kind,
    title: draft.title,
    description: draft.description,
    method: draft.method,
    category: draft.category,
    place_kind: draft.placeKind,
    place_code: draft.placeCode,
    estimated_value_euros: draft.estimatedValueEuros,
    reservation: draft.reservation,
    social_clause_hours: draft.socialClauseHours,
    questions_deadline: draft.questionsDeadline,
    submission_deadline: draft.submissionDeadline,
    contract_duration_months: draft.contractDurationMonths,
    allow_dual_bidding: draft.allowDualBidding ? 1 : 0,
    contact_name: draft.contactName,
    contact_email: draft.contactEmail,
    contact_phone: draft.contactPhone,
  };
}

async function writeChildren(trx: Executor, tenderId: number, draft: TenderDraft): Promise<void> {
  await trx.deleteFrom('tender_lots').where('tender_id', '=', tenderId).execute();
  await trx.deleteFrom('tender_sectors').where('tender_id', '=', tenderId).execute();
  await trx.deleteFrom('tender_cpv_codes').where('tender_id', '=', tenderId).execute();
  if (draft.sectors.length > 0) {
    await trx
      .insertInto('tender_sectors')
      .values(draft.sectors.map((sector_code) => ({ tender_id: tenderId, sector_code })))
      .execute();
  }
  if (draft.cpvCodes.length > 0) {
    await trx
      .insertInto('tender_cpv_codes')
      .values(draft.cpvCodes.map((code, position) => ({ tender_id: tenderId, code, position })))
      .execute();
  }
  for (const lot of draft.lots) {
    const { id } = await trx
      .insertInto('tender_lots')
      .values({
        tender_id: tenderId,
        number: lot.number,
        title: lot.title,
        description: lot.description,
        estimated_value_euros: lot.estimatedValueEuros,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (lot.sectors.length > 0) {
      await trx
        .insertInto('tender_lot_sectors')
        .values(lot.sectors.map((sector_code) => ({ lot_id: id, sector_code })))
        .execute();
    }
  }
}

export async function insertTender(
  trx: Executor,
  input: { organisationId: number; userId: number; draft: TenderDraft; now: Date },
): Promise<number> {
  const at = input.now.toISOString();
  const { id } = await trx
    .insertInto('tenders')
    .values({
      buyer_organisation_id: input.organisationId,
      status: 'draft',
      created_by_user_id: input.userId,
      created_at: at,
      updated_at: at,
      ...contentColumns(input.draft),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeChildren(trx, id, input.draft);
  return id;
}

/** Replaces the content of a draft; false when the tender is no longer a draft (nothing written). */
export async function updateTenderDraft(trx: Executor, id: number, draft: TenderDraft, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('tenders')
    .set({ ...contentColumns(draft), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await writeChildren(trx, id, draft);
  return true;
}

/**
 * Moves a tender from one status to another with the timestamps and note given; false when it was not in `from`
 * any more (another request won), and nothing is written.
 */
export async function changeTenderStatus(
  trx: Executor,
  id: number,
  change: {
    from: TenderStatus;
    to: TenderStatus;
    now: Date;
    submittedAt?: string | null;
    publishedAt?: string | null;
    closedAt?: string | null;
    moderationNote?: string | null;
    awardedAt?: string | null;
    cancelledAt?: string | null;
    cancellationReason?: string | null;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('tenders')
    .set({
      status: change.to,
      updated_at: change.now.toISOString(),
      ...(change.submittedAt !== undefined ? { submitted_at: change.submittedAt } : {}),
      ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
      ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
      ...(change.moderationNote !== undefined ? { moderation_note: change.moderationNote } : {}),
      ...(change.awardedAt !== undefined ? { awarded_at: change.awardedAt } : {}),
      ...(change.cancelledAt !== undefined ? { cancelled_at: change.cancelledAt } : {}),
      ...(change.cancellationReason !== undefined ? { cancellation_reason: change.cancellationReason } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', change.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The published tenders whose submission deadline has passed at `now`: the closing job's work. */
export async function findTendersToClose(
  db: Executor,
  now: Date,
): Promise<{ id: number; buyerOrganisationId: number }[]> {
  const rows = await db
    .selectFrom('tenders')
    .select(['id', 'buyer_organisation_id'])
    .where('status', '=', 'published')
    .where('submission_deadline', '<=', now.toISOString())
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, buyerOrganisationId: row.buyer_organisation_id }));
}

/** The name of the place of performance (commune, département or région), null for national or unknown. */
export const PLACE_NAME = sql<string | null>`case tenders.place_kind
  when 'commune' then (select name from communes where communes.code = tenders.place_code)
  when 'departement' then (select name from departements where departements.code = tenders.place_code)
  when 'region' then (select name from regions where regions.code = tenders.place_code) end`.as('place_name');

export const SUMMARY_COLUMNS = [
  'tenders.id',
  'tenders.buyer_organisation_id',
  'organisations.name as buyer_name',
  'tenders.kind',
  'tenders.status',
  'tenders.title',
  'tenders.category',
  'tenders.place_kind',
  'tenders.place_code',
  'tenders.estimated_value_euros',
  'tenders.reservation',
  'tenders.submission_deadline',
  'tenders.created_at',
  'tenders.updated_at',
  'tenders.submitted_at',
  'tenders.published_at',
] as const;

type SummaryRow = Pick<
  Selectable<TendersTable>,
  | 'id'
  | 'buyer_organisation_id'
  | 'kind'
  | 'status'
  | 'title'
  | 'category'
  | 'place_kind'
  | 'place_code'
  | 'estimated_value_euros'
  | 'reservation'
  | 'submission_deadline'
  | 'created_at'
  | 'updated_at'
  | 'submitted_at'
  | 'published_at'
> & { buyer_name: string; place_name: string | null };

export function summaryOf(row: SummaryRow): TenderSummary {
  return {
    id: row.id,
    buyerOrganisationId: row.buyer_organisation_id,
    buyerName: row.buyer_name,
    kind: row.kind,
    status: row.status,
    title: row.title,
    category: row.category,
    placeKind: row.place_kind,
    placeCode: row.place_code,
    placeName: row.place_name,
    estimatedValueEuros: row.estimated_value_euros,
    reservation: row.reservation,
    submissionDeadline: row.submission_deadline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
  };
}

/** A buyer organisation's tenders, the most recently changed first. */
export async function listTendersOfOrganisation(db: Executor, organisationId: number): Promise<TenderSummary[]> {
  const rows = await db
    .selectFrom('tenders')
    .innerJoin('organisations', 'organisations.id', 'tenders.buyer_organisation_id')
    .select([...SUMMARY_COLUMNS, PLACE_NAME])
    .where('tenders.buyer_organisation_id', '=', organisationId)
    .orderBy('tenders.updated_at', 'desc')
    .orderBy('tenders.id', 'desc')
    .execute();
  return rows.map(summaryOf);
}

/** The moderation queue: submitted tenders, the oldest submission first. */
export async function listSubmittedTenders(db: Executor): Promise<TenderSummary[]> {
  const rows = await db
    .selectFrom('tenders')
    .innerJoin('organisations', 'organisations.id', 'tenders.buyer_organisation_id')
    .select([...SUMMARY_COLUMNS, PLACE_NAME])
    .where('tenders.status', '=', 'submitted')
    .orderBy('tenders.submitted_at')
    .orderBy('tenders.id')
    .execute();
  return rows.map(summaryOf);
}

export async function findTender(db: Executor, id: number): Promise<TenderRecord | undefined> {
  const row = await db
    .selectFrom('tenders')
    .innerJoin('organisations', 'organisations.id', 'tenders.buyer_organisation_id')
    .selectAll('tenders')
    .select(['organisations.name as buyer_name', PLACE_NAME])
    .where('tenders.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [sectors, cpv, lots, lotSectors] = await Promise.all([
    db.selectFrom('tender_sectors').select('sector_code').where('tender_id', '=', id).orderBy('sector_code').execute(),
    db.selectFrom('tender_cpv_codes').select('code').where('tender_id', '=', id).orderBy('position').execute(),
    db.selectFrom('tender_lots').selectAll().where('tender_id', '=', id).orderBy('number').execute(),
    db
      .selectFrom('tender_lot_sectors')
      .innerJoin('tender_lots', 'tender_lots.id', 'tender_lot_sectors.lot_id')
      .select(['tender_lot_sectors.lot_id', 'tender_lot_sectors.sector_code'])
      .where('tender_lots.tender_id', '=', id)
      .orderBy('tender_lot_sectors.sector_code')
      .execute(),
  ]);
  const lotDrafts: TenderLotDraft[] = lots.map((lot) => ({
    number: lot.number,
    title: lot.title,
    description: lot.description,
    sectors: lotSectors.filter((s) => s.lot_id === lot.id).map((s) => s.sector_code),
    estimatedValueEuros: lot.estimated_value_euros,
  }));
  return {
    id: row.id,
    buyerOrganisationId: row.buyer_organisation_id,
    buyerName: row.buyer_name,
    status: row.status,
    moderationNote: row.moderation_note,
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
    closedAt: row.closed_at,
    awardedAt: row.awarded_at,
    cancelledAt: row.cancelled_at,
    cancellationReason: row.cancellation_reason,
    kind: row.kind,
    title: row.title,
    description: row.description,
    method: row.method as ProcurementMethod | null,
    category: row.category,
    cpvCodes: cpv.map((c) => c.code),
    sectors: sectors.map((s) => s.sector_code),
    placeKind: row.place_kind,
    placeCode: row.place_code,
    placeName: row.place_name,
    estimatedValueEuros: row.estimated_value_euros,
    lots: lotDrafts,
    reservation: row.reservation,
    socialClauseHours: row.social_clause_hours,
    questionsDeadline: row.questions_deadline,
    submissionDeadline: row.submission_deadline,
    contractDurationMonths: row.contract_duration_months,
    allowDualBidding: row.allow_dual_bidding === 1,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
  };
}

/** The sector codes among `codes` that exist in the reference data. */
export async function existingSectorCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('sectors')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((row) => row.code));
}

/** Whether the INSEE code of a place exists. */
export async function placeExists(db: Executor, kind: PlaceKind, code: string | null): Promise<boolean> {
  switch (kind) {
    case 'national':
      return code === null;
    case 'commune':
      return (
        code !== null &&
        (await db.selectFrom('communes').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
      );
    case 'departement':
      return (
        code !== null &&
        (await db.selectFrom('departements').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
      );
    case 'region':
      return (
        code !== null &&
        (await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
      );
  }
}
