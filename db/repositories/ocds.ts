import { sql } from 'kysely';
import type { ReleaseCursor, ReleaseEvent, ReleaseEventRef } from '../../app/domain/ocds/listing';
import type {
  GroupementForm,
  OcdsAwardInput,
  OcdsOrganisationInput,
  OcdsTenderInput,
  OcdsWinnerInput,
} from '../../app/domain/ocds/types';
import type { Executor } from '../connection';
import { findTender } from './tenders';

// What the OCDS export reads (decisions 220–223, 262): a tender as `OcdsTenderInput`, its awards from the
// buyer's decisions (tender_lot_outcomes, bid_lots, bids, bid_members), and the release events of every tender
// in date order for the `since=` listing. Only tenders of kind `appel-d-offres` are open data.

const OPEN_DATA_STATUSES = ['published', 'closed', 'awarded', 'cancelled'] as const;

export interface OcdsTenderRow {
  /** Everything but the status, which depends on the release (the tender as published, awarded, cancelled). */
  input: Omit<OcdsTenderInput, 'status'>;
  status: OcdsTenderInput['status'];
  awardedAt: string | null;
  cancelledAt: string | null;
}

/** Months to days for `contractPeriod.durationInDays`: 30 days a month, the convention of French notices. */
const DAYS_PER_MONTH = 30;

async function communeName(db: Executor, code: string | null): Promise<string | null> {
  if (code === null) return null;
  return (await db.selectFrom('communes').select('name').where('code', '=', code).executeTakeFirst())?.name ?? null;
}

/**
 * A tender of the open data (an `appel-d-offres` published at some point: published, closed, awarded or
 * cancelled after its publication), or undefined. `origin` makes the documents' absolute URLs.
 */
export async function findOcdsTender(
  db: Executor,
  tenderId: number,
  origin: string,
): Promise<OcdsTenderRow | undefined> {
  const row = await db
    .selectFrom('tenders as t')
    .innerJoin('organisations as o', 'o.id', 't.buyer_organisation_id')
    .select(['t.status', 't.kind', 't.published_at', 't.awarded_at', 't.cancelled_at', 'o.name', 'o.siret'])
    .where('t.id', '=', tenderId)
    .executeTakeFirst();
  if (
    !row ||
    row.kind !== 'appel-d-offres' ||
    row.published_at === null ||
    !(OPEN_DATA_STATUSES as readonly string[]).includes(row.status)
  )
    return undefined;
  const tender = await findTender(db, tenderId);
  if (!tender) return undefined;
  const documents = await db
    .selectFrom('tender_documents as d')
    .innerJoin('stored_files as f', 'f.id', 'd.file_id')
    .select(['d.id', 'd.title', 'd.created_at', 'f.content_type'])
    .where('d.tender_id', '=', tenderId)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute();
  const publishedAt = new Date(row.published_at);
  return {
    status: row.status as OcdsTenderInput['status'],
    awardedAt: row.awarded_at,
    cancelledAt: row.cancelled_at,
    input: {
      id: tender.id,
      buyer: { name: row.name, siret: row.siret ?? '' },
      title: tender.title,
      description: tender.description || null,
      procurementMethod: tender.method ?? ('' as OcdsTenderInput['procurementMethod']),
      mainCategory: tender.category ?? ('' as OcdsTenderInput['mainCategory']),
      cpvCodes: tender.cpvCodes,
      estimatedValueEur: tender.estimatedValueEuros,
      lots: tender.lots.map((lot) => ({
        number: lot.number,
        title: lot.title,
        description: lot.description || null,
        estimatedValueEur: lot.estimatedValueEuros,
      })),
      reservation: tender.reservation,
      publishedAt,
      submissionDeadline: new Date(tender.submissionDeadline ?? ''),
      questionsDeadline: tender.questionsDeadline ? new Date(tender.questionsDeadline) : null,
      contractDurationDays:
        tender.contractDurationMonths === null ? null : tender.contractDurationMonths * DAYS_PER_MONTH,
      documents: documents.map((d) => ({
        id: d.id,
        title: d.title,
        url: `${origin}/appels-d-offres/${tenderId}/documents/${d.id}`,
        documentType: 'biddingDocuments' as const,
        format: d.content_type,
        // A document attached to the draft is published with the tender.
        datePublished: new Date(d.created_at > row.published_at! ? d.created_at : row.published_at!),
      })),
    },
  };
}

/**
 * The awards of a tender: for each lot whose outcome is `awarded`, the bid the buyer awarded it to (bid_lots
 * decision `awarded`), its price, and its winner: the supplier bidding alone, or the groupement's accepted
 * members with the mandataire marked. A tender without lots (one implicit lot 1) gives one award without a lot.
 */
export async function listOcdsAwards(db: Executor, tenderId: number, hasLots: boolean): Promise<OcdsAwardInput[]> {
  const rows = await db
    .selectFrom('tender_lot_outcomes as o')
    .innerJoin('bid_lots as l', (join) =>
      join.on('l.lot_number', '=', sql.ref('o.lot_number')).on('l.decision', '=', 'awarded'),
    )
    .innerJoin('bids as b', (join) => join.onRef('b.id', '=', 'l.bid_id').onRef('b.tender_id', '=', 'o.tender_id'))
    .select(['o.lot_number', 'o.decided_at', 'l.price_cents', 'b.id as bid_id', 'b.kind', 'b.form'])
    .where('o.tender_id', '=', tenderId)
    .where('o.outcome', '=', 'awarded')
    .orderBy('o.lot_number')
    .orderBy('b.id')
    .execute();
  const bidIds = [...new Set(rows.map((r) => r.bid_id))];
  const members =
    bidIds.length === 0
      ? []
      : await db
          .selectFrom('bid_members as m')
          .innerJoin('suppliers as s', 's.id', 'm.supplier_id')
          .select(['m.bid_id', 'm.role', 's.name', 's.siret', 's.address', 's.postcode', 's.commune_code'])
          .where('m.bid_id', 'in', bidIds)
          .where('m.acceptance', '=', 'accepted')
          .orderBy('m.role')
          .orderBy('m.supplier_id')
          .execute();
  const localities = new Map<string, string | null>();
  for (const code of new Set(members.map((m) => m.commune_code))) localities.set(code, await communeName(db, code));
  const organisation = (m: (typeof members)[number]): OcdsOrganisationInput => ({
    name: m.name,
    siret: m.siret,
    address: { streetAddress: m.address, postalCode: m.postcode, locality: localities.get(m.commune_code) ?? null },
  });
  // One award per lot: the first awarded bid (the buyer's page allows one).
  const seen = new Set<number>();
  const awards: OcdsAwardInput[] = [];
  for (const row of rows) {
    if (seen.has(row.lot_number)) continue;
    seen.add(row.lot_number);
    const own = members.filter((m) => m.bid_id === row.bid_id);
    const winner: OcdsWinnerInput =
      row.kind === 'seul' && own.length === 1
        ? { kind: 'supplier', organisation: organisation(own[0]) }
        : {
            kind: 'groupement',
            form: (row.form ?? '') as GroupementForm,
            members: own.map((m) => ({ organisation: organisation(m), mandataire: m.role === 'mandataire' })),
          };
    awards.push({
      lotNumber: hasLots ? row.lot_number : null,
      date: new Date(row.decided_at),
      valueEur: row.price_cents === null ? 0 : row.price_cents / 100,
      winner,
    });
  }
  return awards;
}

const EVENT_RANK: Record<ReleaseEvent, number> = { tender: 0, award: 1, tenderCancellation: 2 };
const RANK_EVENT: ReleaseEvent[] = ['tender', 'award', 'tenderCancellation'];

/**
 * The release events dated `since` or later (after `after` when given), in the listing's order: date, tender
 * id, then publication before award or cancellation. At most `limit`.
 */
export async function listReleaseEvents(
  db: Executor,
  query: { since: string; after: ReleaseCursor | null; limit: number },
): Promise<ReleaseEventRef[]> {
  const base = () =>
    db
      .selectFrom('tenders')
      .where('kind', '=', 'appel-d-offres')
      .where('published_at', 'is not', null)
      .where('status', 'in', [...OPEN_DATA_STATUSES]);
  const events = base()
    .select((eb) => ['id', eb.ref('published_at').$castTo<string>().as('date'), eb.lit(0).$castTo<number>().as('rank')])
    .unionAll(
      base()
        .where('status', '=', 'awarded')
        .where('awarded_at', 'is not', null)
        .select((eb) => [
          'id',
          eb.ref('awarded_at').$castTo<string>().as('date'),
          eb.lit(1).$castTo<number>().as('rank'),
        ]),
    )
    .unionAll(
      base()
        .where('status', '=', 'cancelled')
        .where('cancelled_at', 'is not', null)
        .select((eb) => [
          'id',
          eb.ref('cancelled_at').$castTo<string>().as('date'),
          eb.lit(2).$castTo<number>().as('rank'),
        ]),
    );
  let listing = db.selectFrom(events.as('e')).select(['e.id', 'e.date', 'e.rank']).where('e.date', '>=', query.since);
  const after = query.after;
  if (after) {
    const rank = EVENT_RANK[after.event];
    listing = listing.where((eb) =>
      eb.or([
        eb('e.date', '>', after.date),
        eb.and([
          eb('e.date', '=', after.date),
          eb.or([eb('e.id', '>', after.tenderId), eb.and([eb('e.id', '=', after.tenderId), eb('e.rank', '>', rank)])]),
        ]),
      ]),
    );
  }
  const rows = await listing.orderBy('e.date').orderBy('e.id').orderBy('e.rank').limit(query.limit).execute();
  return rows.map((r) => ({ tenderId: r.id, date: r.date, event: RANK_EVENT[Number(r.rank)] }));
}
