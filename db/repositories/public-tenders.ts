import type { Reservation } from '../../app/domain/tenders/tender';
import type { Executor } from '../connection';
import { PLACE_NAME, SUMMARY_COLUMNS, findTender, summaryOf, type TenderRecord, type TenderSummary } from './tenders';

// What the public may see of the tenders (decision 205): the filtered list and one tender's page.

/** The public list (decision 205): published, closed and awarded tenders matching the filters, newest publication first. */
export async function listPublicTenders(
  db: Executor,
  query: {
    sector: string | null;
    departement: string | null;
    region: string | null;
    reservation: Reservation | null;
    /** A UTC instant: deadline on or after it. */
    deadlineFrom: string | null;
    valueMin: number | null;
    valueMax: number | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: TenderSummary[] }> {
  let base = db
    .selectFrom('tenders')
    .innerJoin('organisations', 'organisations.id', 'tenders.buyer_organisation_id')
    .where('tenders.status', 'in', ['published', 'closed', 'awarded']);
  if (query.sector !== null) {
    const sector = query.sector;
    base = base.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('tender_sectors')
            .select('tender_sectors.tender_id')
            .whereRef('tender_sectors.tender_id', '=', 'tenders.id')
            .where('tender_sectors.sector_code', '=', sector),
        ),
        eb.exists(
          eb
            .selectFrom('tender_lot_sectors')
            .innerJoin('tender_lots', 'tender_lots.id', 'tender_lot_sectors.lot_id')
            .select('tender_lots.id')
            .whereRef('tender_lots.tender_id', '=', 'tenders.id')
            .where('tender_lot_sectors.sector_code', '=', sector),
        ),
      ]),
    );
  }
  // A territory matches the tenders performed in it, and the national ones.
  if (query.departement !== null) {
    const code = query.departement;
    base = base.where((eb) =>
      eb.or([
        eb('tenders.place_kind', '=', 'national'),
        eb.and([eb('tenders.place_kind', '=', 'departement'), eb('tenders.place_code', '=', code)]),
        eb.and([
          eb('tenders.place_kind', '=', 'commune'),
          eb('tenders.place_code', 'in', eb.selectFrom('communes').select('code').where('departement_code', '=', code)),
        ]),
        eb.and([
          eb('tenders.place_kind', '=', 'region'),
          eb('tenders.place_code', 'in', eb.selectFrom('departements').select('region_code').where('code', '=', code)),
        ]),
      ]),
    );
  }
  if (query.region !== null) {
    const code = query.region;
    base = base.where((eb) =>
      eb.or([
        eb('tenders.place_kind', '=', 'national'),
        eb.and([eb('tenders.place_kind', '=', 'region'), eb('tenders.place_code', '=', code)]),
        eb.and([
          eb('tenders.place_kind', '=', 'departement'),
          eb('tenders.place_code', 'in', eb.selectFrom('departements').select('code').where('region_code', '=', code)),
        ]),
        eb.and([
          eb('tenders.place_kind', '=', 'commune'),
          eb('tenders.place_code', 'in', eb.selectFrom('communes').select('code').where('region_code', '=', code)),
        ]),
      ]),
    );
  }
  if (query.reservation !== null) base = base.where('tenders.reservation', '=', query.reservation);
  if (query.deadlineFrom !== null) base = base.where('tenders.submission_deadline', '>=', query.deadlineFrom);
  if (query.valueMin !== null) base = base.where('tenders.estimated_value_euros', '>=', query.valueMin);
  if (query.valueMax !== null) base = base.where('tenders.estimated_value_euros', '<=', query.valueMax);

  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([...SUMMARY_COLUMNS, PLACE_NAME])
    .orderBy('tenders.published_at', 'desc')
    .orderBy('tenders.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: Number(total), items: rows.map(summaryOf) };
}

/**
 * A tender the public may see (published, closed, awarded, or cancelled after its publication: its bidders and
 * the public read why, decision 256), or undefined.
 */
export async function findPublicTender(db: Executor, id: number): Promise<TenderRecord | undefined> {
  const tender = await findTender(db, id);
  return tender &&
    (tender.status === 'published' ||
      tender.status === 'closed' ||
      tender.status === 'awarded' ||
      (tender.status === 'cancelled' && tender.publishedAt !== null))
    ? tender
    : undefined;
}
