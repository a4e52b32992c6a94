import type { Selectable } from 'kysely';
import type { BidInvitationStatus } from '../../app/domain/bids/status';
import type { Executor } from '../connection';
import type { BidInvitationsTable } from '../schema';

// Invitations to join a groupement by e-mail (decisions 230, 242): the token is in the mail only; the row keeps
// the SHA-256 of it (hex), single use. Functions take the database or a transaction first.

export type BidInvitation = Selectable<BidInvitationsTable>;

export async function insertBidInvitation(
  db: Executor,
  invitation: { bidId: number; email: string; tokenHash: string; invitedByUserId: number; now: Date; expiresAt: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('bid_invitations')
    .values({
      bid_id: invitation.bidId,
      email: invitation.email,
      token_hash: invitation.tokenHash,
      invited_by_user_id: invitation.invitedByUserId,
      status: 'pending',
      created_at: invitation.now.toISOString(),
      expires_at: invitation.expiresAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function findBidInvitationByHash(db: Executor, tokenHash: string): Promise<BidInvitation | undefined> {
  return db.selectFrom('bid_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findBidInvitation(db: Executor, id: number): Promise<BidInvitation | undefined> {
  return db.selectFrom('bid_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The invitations of the bid still waiting for an answer (expired ones included: the page says so). */
export function listPendingBidInvitations(db: Executor, bidId: number): Promise<BidInvitation[]> {
  return db
    .selectFrom('bid_invitations')
    .selectAll()
    .where('bid_id', '=', bidId)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
}

/** Closes a pending invitation (accepted, declined or revoked); false when it was no longer pending. */
export async function closeBidInvitation(
  db: Executor,
  id: number,
  status: Exclude<BidInvitationStatus, 'pending'>,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('bid_invitations')
    .set({ status, responded_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every pending invitation of the bid (it is submitted or dissolved); the number revoked. */
export async function revokePendingBidInvitations(db: Executor, bidId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('bid_invitations')
    .set({ status: 'revoked', responded_at: now.toISOString() })
    .where('bid_id', '=', bidId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
