import type { PartnerOfferStatus, PartnerPostStatus } from '../../app/domain/bids/status';
import type { Executor } from '../connection';

// « Recherche de partenaires » (decision 261): posts, their lots and sectors, the offers to join. Functions take
// the database or a transaction; the services own the transactions and the rules
// (app/domain/tenders/partner-posts.ts).

export interface PartnerPostRecord {
  id: number;
  tenderId: number;
  supplierId: number;
  supplierName: string;
  supplierSlug: string;
  /** The poster's organisation (null only if it was removed). */
  organisationId: number | null;
  bidId: number | null;
  message: string;
  status: PartnerPostStatus;
  createdAt: string;
  lotNumbers: number[];
  sectorCodes: string[];
}

export interface PartnerOfferRecord {
  id: number;
  postId: number;
  supplierId: number;
  supplierName: string;
  supplierSlug: string;
  organisationId: number | null;
  message: string;
  status: PartnerOfferStatus;
  createdAt: string;
  respondedAt: string | null;
}

export async function insertPartnerPost(
  db: Executor,
  input: {
    tenderId: number;
    supplierId: number;
    bidId: number | null;
    userId: number;
    message: string;
    lotNumbers: readonly number[];
    sectorCodes: readonly string[];
    now: Date;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('partner_posts')
    .values({
      tender_id: input.tenderId,
      supplier_id: input.supplierId,
      bid_id: input.bidId,
      message: input.message,
      status: 'open',
      created_by_user_id: input.userId,
      created_at: input.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.lotNumbers.length > 0)
    await db
      .insertInto('partner_post_lots')
      .values(input.lotNumbers.map((lot_number) => ({ post_id: id, lot_number })))
      .execute();
  if (input.sectorCodes.length > 0)
    await db
      .insertInto('partner_post_sectors')
      .values(input.sectorCodes.map((sector_code) => ({ post_id: id, sector_code })))
      .execute();
  return id;
}

function posts(db: Executor) {
  return db
    .selectFrom('partner_posts as p')
    .innerJoin('suppliers as s', 's.id', 'p.supplier_id')
    .leftJoin('organisations as o', (join) =>
      join.onRef('o.supplier_id', '=', 'p.supplier_id').on('o.kind', '=', 'supplier'),
    )
    .select([
      'p.id',
      'p.tender_id',
      'p.supplier_id',
      's.name as supplier_name',
      's.slug as supplier_slug',
      'o.id as organisation_id',
      'p.bid_id',
      'p.message',
      'p.status',
      'p.created_at',
    ]);
}

async function withChildren(
  db: Executor,
  rows: Awaited<ReturnType<ReturnType<typeof posts>['execute']>>,
): Promise<PartnerPostRecord[]> {
  const ids = rows.map((r) => r.id);
  const [lots, sectors] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('partner_post_lots')
            .select(['post_id', 'lot_number'])
            .where('post_id', 'in', ids)
            .orderBy('lot_number')
            .execute(),
          db
            .selectFrom('partner_post_sectors')
            .select(['post_id', 'sector_code'])
            .where('post_id', 'in', ids)
            .orderBy('sector_code')
            .execute(),
        ]);
  return rows.map((r) => ({
    id: r.id,
    tenderId: r.tender_id,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    supplierSlug: r.supplier_slug,
    organisationId: r.organisation_id,
    bidId: r.bid_id,
    message: r.message,
    status: r.status,
    createdAt: r.created_at,
    lotNumbers: lots.filter((l) => l.post_id === r.id).map((l) => l.lot_number),
    sectorCodes: sectors.filter((s) => s.post_id === r.id).map((s) => s.sector_code),
  }));
}

/** The posts of a tender, the newest first: every open one, and the closed ones of `supplierIds`. */
export async function listPartnerPosts(
  db: Executor,
  tenderId: number,
  supplierIds: readonly number[] = [],
): Promise<PartnerPostRecord[]> {
  const rows = await posts(db)
    .where('p.tender_id', '=', tenderId)
    .where((eb) =>
      supplierIds.length === 0
        ? eb('p.status', '=', 'open')
        : eb.or([eb('p.status', '=', 'open'), eb('p.supplier_id', 'in', [...supplierIds])]),
    )
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return withChildren(db, rows);
}

export async function countOpenPartnerPosts(db: Executor, tenderId: number): Promise<number> {
  const row = await db
    .selectFrom('partner_posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tender_id', '=', tenderId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findPartnerPost(
  db: Executor,
  tenderId: number,
  postId: number,
): Promise<PartnerPostRecord | undefined> {
  const rows = await posts(db).where('p.tender_id', '=', tenderId).where('p.id', '=', postId).execute();
  return (await withChildren(db, rows))[0];
}

/** Closes an open post; false when it was already closed. */
export async function closePartnerPost(db: Executor, postId: number): Promise<boolean> {
  const result = await db
    .updateTable('partner_posts')
    .set({ status: 'closed' })
    .where('id', '=', postId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function offers(db: Executor) {
  return db
    .selectFrom('partner_offers as f')
    .innerJoin('suppliers as s', 's.id', 'f.supplier_id')
    .leftJoin('organisations as o', (join) =>
      join.onRef('o.supplier_id', '=', 'f.supplier_id').on('o.kind', '=', 'supplier'),
    )
    .select([
      'f.id',
      'f.post_id',
      'f.supplier_id',
      's.name as supplier_name',
      's.slug as supplier_slug',
      'o.id as organisation_id',
      'f.message',
      'f.status',
      'f.created_at',
      'f.responded_at',
    ]);
}

function offerRecord(r: {
  id: number;
  post_id: number;
  supplier_id: number;
  supplier_name: string;
  supplier_slug: string;
  organisation_id: number | null;
  message: string;
  status: PartnerOfferStatus;
  created_at: string;
  responded_at: string | null;
}): PartnerOfferRecord {
  return {
    id: r.id,
    postId: r.post_id,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    supplierSlug: r.supplier_slug,
    organisationId: r.organisation_id,
    message: r.message,
    status: r.status,
    createdAt: r.created_at,
    respondedAt: r.responded_at,
  };
}

/** The offers made to these posts, the oldest first. */
export async function listOffersOfPosts(db: Executor, postIds: readonly number[]): Promise<PartnerOfferRecord[]> {
  if (postIds.length === 0) return [];
  const rows = await offers(db)
    .where('f.post_id', 'in', [...postIds])
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map(offerRecord);
}

/** The offers these suppliers made on a tender's posts, the newest first. */
export async function listOffersBySuppliers(
  db: Executor,
  tenderId: number,
  supplierIds: readonly number[],
): Promise<PartnerOfferRecord[]> {
  if (supplierIds.length === 0) return [];
  const rows = await offers(db)
    .innerJoin('partner_posts as p', 'p.id', 'f.post_id')
    .where('p.tender_id', '=', tenderId)
    .where('f.supplier_id', 'in', [...supplierIds])
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
  return rows.map(offerRecord);
}

export async function findPartnerOffer(db: Executor, offerId: number): Promise<PartnerOfferRecord | undefined> {
  const row = await offers(db).where('f.id', '=', offerId).executeTakeFirst();
  return row ? offerRecord(row) : undefined;
}

export async function hasOffered(db: Executor, postId: number, supplierId: number): Promise<boolean> {
  const row = await db
    .selectFrom('partner_offers')
    .select('id')
    .where('post_id', '=', postId)
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPartnerOffer(
  db: Executor,
  input: { postId: number; supplierId: number; userId: number; message: string; now: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('partner_offers')
    .values({
      post_id: input.postId,
      supplier_id: input.supplierId,
      message: input.message,
      status: 'pending',
      created_by_user_id: input.userId,
      created_at: input.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Answers a pending offer; false when it was already answered. */
export async function answerPartnerOffer(
  db: Executor,
  offerId: number,
  status: 'accepted' | 'declined',
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('partner_offers')
    .set({ status, responded_at: now.toISOString() })
    .where('id', '=', offerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- The poster's groupement, which an accepted offer joins ----

export interface PosterBid {
  id: number;
  status: 'forming' | 'submitted' | 'withdrawn' | 'dissolved';
  kind: 'seul' | 'groupement';
}

/**
 * The groupement the poster leads on this tender: the post's own bid if it names one, else the poster's
 * groupement still being formed (or withdrawn, hence editable) where it is the accepted mandataire.
 */
export async function findPosterGroupement(
  db: Executor,
  input: { tenderId: number; supplierId: number; bidId: number | null },
): Promise<PosterBid | undefined> {
  let query = db
    .selectFrom('bids as b')
    .innerJoin('bid_members as m', 'm.bid_id', 'b.id')
    .select(['b.id', 'b.status', 'b.kind'])
    .where('b.tender_id', '=', input.tenderId)
    .where('b.kind', '=', 'groupement')
    .where('b.status', 'in', ['forming', 'withdrawn'])
    .where('m.supplier_id', '=', input.supplierId)
    .where('m.role', '=', 'mandataire')
    .where('m.acceptance', '=', 'accepted');
  if (input.bidId !== null) query = query.where('b.id', '=', input.bidId);
  return query.orderBy('b.id').executeTakeFirst();
}

/** The supplier's row in a bid's members, if any. */
export async function findBidMember(
  db: Executor,
  bidId: number,
  supplierId: number,
): Promise<{ role: 'mandataire' | 'membre'; acceptance: 'pending' | 'accepted' | 'declined' } | undefined> {
  return db
    .selectFrom('bid_members')
    .select(['role', 'acceptance'])
    .where('bid_id', '=', bidId)
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
}

/** Adds the supplier to the bid as an accepted 'membre' (or makes its earlier invitation accepted). */
export async function addAcceptedMember(
  db: Executor,
  input: { bidId: number; supplierId: number; userId: number; now: Date },
): Promise<void> {
  const at = input.now.toISOString();
  await db
    .insertInto('bid_members')
    .values({
      bid_id: input.bidId,
      supplier_id: input.supplierId,
      role: 'membre',
      acceptance: 'accepted',
      invited_by_user_id: input.userId,
      invited_at: at,
      responded_at: at,
    })
    .onConflict((oc) => oc.columns(['bid_id', 'supplier_id']).doUpdateSet({ acceptance: 'accepted', responded_at: at }))
    .execute();
  await db.updateTable('bids').set({ updated_at: at }).where('id', '=', input.bidId).execute();
}

/** What the dual-participation rule needs: the suppliers bidding alone and the active groupements of a tender. */
export async function tenderParticipation(
  db: Executor,
  tenderId: number,
): Promise<{
  soloBidderIds: number[];
  groupements: { groupementId: number; mandataireSupplierId: number; memberSupplierIds: number[]; active: boolean }[];
}> {
  const rows = await db
    .selectFrom('bids as b')
    .innerJoin('bid_members as m', 'm.bid_id', 'b.id')
    .select(['b.id', 'b.kind', 'b.status', 'm.supplier_id', 'm.role', 'm.acceptance'])
    .where('b.tender_id', '=', tenderId)
    .execute();
  const active = (status: string) => status === 'forming' || status === 'submitted';
  const soloBidderIds = rows.filter((r) => r.kind === 'seul' && active(r.status)).map((r) => r.supplier_id);
  const byBid = new Map<number, typeof rows>();
  for (const r of rows.filter((r) => r.kind === 'groupement')) byBid.set(r.id, [...(byBid.get(r.id) ?? []), r]);
  return {
    soloBidderIds,
    groupements: [...byBid.entries()].map(([id, members]) => ({
      groupementId: id,
      mandataireSupplierId: members.find((m) => m.role === 'mandataire')?.supplier_id ?? 0,
      memberSupplierIds: members.filter((m) => m.acceptance !== 'declined').map((m) => m.supplier_id),
      active: active(members[0].status),
    })),
  };
}
