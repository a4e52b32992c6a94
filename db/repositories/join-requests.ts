import type { JoinRequestKind, JoinRequestStatus } from '../../app/domain/organisation';
import type { Executor } from '../connection';
import type { JoinRequest } from '../schema';

// Requests to join a supplier organisation found by SIRET (decision 120, 121): `claim` (no member yet, a
// moderator decides) or `join` (its owners decide). At most one pending request per person and organisation
// (a unique partial index). Functions take the database or a transaction first.

export async function insertJoinRequest(
  db: Executor,
  request: { organisationId: number; userId: number; kind: JoinRequestKind; message: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('join_requests')
    .values({
      organisation_id: request.organisationId,
      user_id: request.userId,
      kind: request.kind,
      status: 'pending',
      message: request.message,
      created_at: request.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findJoinRequest(db: Executor, id: number): Promise<JoinRequest | undefined> {
  return db.selectFrom('join_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPendingJoinRequest(
  db: Executor,
  organisationId: number,
  userId: number,
): Promise<JoinRequest | undefined> {
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/**
 * Closes a pending request (approved, rejected or withdrawn). Returns false when it was no longer pending:
 * someone else decided first, and the caller must not act on it.
 */
export async function decideJoinRequest(
  db: Executor,
  id: number,
  decision: {
    status: Exclude<JoinRequestStatus, 'pending'>;
    byUserId: number | null;
    note: string | null;
    now: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('join_requests')
    .set({
      status: decision.status,
      decided_at: decision.now,
      decided_by_user_id: decision.byUserId,
      decision_note: decision.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A pending request with who asked and for what, as the moderators' queue and the members page show it. */
export interface PendingJoinRequest {
  id: number;
  kind: JoinRequestKind;
  organisationId: number;
  organisationName: string;
  supplier: { id: number; slug: string; siret: string; publicationStatus: string } | null;
  userId: number;
  email: string;
  emailVerified: boolean;
  message: string;
  createdAt: string;
}

function pendingQuery(db: Executor) {
  return db
    .selectFrom('join_requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select((eb) => [
      'r.id',
      'r.kind',
      'r.organisation_id',
      eb.fn.coalesce('s.name', 'o.name').as('organisation_name'),
      's.id as supplier_id',
      's.slug',
      's.siret',
      's.publication_status',
      'r.user_id',
      'u.email',
      'u.email_verified_at',
      'r.message',
      'r.created_at',
    ])
    .where('r.status', '=', 'pending');
}

type PendingRow = Awaited<ReturnType<ReturnType<typeof pendingQuery>['execute']>>[number];

function toPending(r: PendingRow): PendingJoinRequest {
  return {
    id: r.id,
    kind: r.kind,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    supplier:
      r.supplier_id !== null && r.slug !== null && r.siret !== null && r.publication_status !== null
        ? { id: r.supplier_id, slug: r.slug, siret: r.siret, publicationStatus: r.publication_status }
        : null,
    userId: r.user_id,
    email: r.email,
    emailVerified: r.email_verified_at !== null,
    message: r.message,
    createdAt: r.created_at,
  };
}

/** The moderators' queue: pending claims, oldest first. */
export async function listPendingClaims(db: Executor, limit = 200): Promise<PendingJoinRequest[]> {
  const rows = await pendingQuery(db)
    .where('r.kind', '=', 'claim')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map(toPending);
}

export async function countPendingClaims(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('join_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('kind', '=', 'claim')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The owners' queue: pending `join` requests of one organisation, oldest first. */
export async function listPendingJoinsOfOrganisation(
  db: Executor,
  organisationId: number,
): Promise<PendingJoinRequest[]> {
  const rows = await pendingQuery(db)
    .where('r.kind', '=', 'join')
    .where('r.organisation_id', '=', organisationId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows.map(toPending);
}

/** The requests a person made that are still pending (« Mes organisations »). */
export async function listPendingRequestsOfUser(db: Executor, userId: number): Promise<PendingJoinRequest[]> {
  const rows = await pendingQuery(db).where('r.user_id', '=', userId).orderBy('r.created_at').orderBy('r.id').execute();
  return rows.map(toPending);
}

/**
 * Once a claim is approved the organisation has an owner: the other pending claims on it become joins, which
 * its owners decide (decision 121). Returns how many changed.
 */
export async function convertPendingClaimsToJoins(db: Executor, organisationId: number): Promise<number> {
  const result = await db
    .updateTable('join_requests')
    .set({ kind: 'join' })
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'pending')
    .where('kind', '=', 'claim')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
