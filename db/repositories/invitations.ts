import type { MembershipRole } from '../../app/domain/organisation';
import type { Executor } from '../connection';
import type { InvitationsTable } from '../schema';
import type { Selectable } from 'kysely';

// Invitations to join an organisation by e-mail (decision 120, 122): the token `id.secret` is in the mail
// only; the row keeps the id and the SHA-256 of the secret. Functions take the database or a transaction first.

export type Invitation = Selectable<InvitationsTable>;

export async function insertInvitation(
  db: Executor,
  invitation: {
    id: string;
    secretHash: Uint8Array;
    organisationId: number;
    email: string;
    role: MembershipRole;
    invitedByUserId: number;
    now: string;
    expiresAt: string;
  },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      id: invitation.id,
      secret_hash: invitation.secretHash,
      organisation_id: invitation.organisationId,
      email: invitation.email,
      role: invitation.role,
      invited_by_user_id: invitation.invitedByUserId,
      created_at: invitation.now,
      expires_at: invitation.expiresAt,
    })
    .execute();
}

export function findInvitationById(db: Executor, id: string): Promise<Invitation | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Spends the invitation; false when it was already accepted or revoked (a second use). */
export async function markInvitationAccepted(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes (or declines) the invitation; false when it was no longer open. */
export async function markInvitationRevoked(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: MembershipRole;
  createdAt: string;
  expiresAt: string;
  invitedBy: string | null;
}

/** The open invitations of an organisation (neither accepted, revoked nor expired at `now`), newest first. */
export async function listPendingInvitations(
  db: Executor,
  organisationId: number,
  now: string,
): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by_user_id')
    .select(['i.id', 'i.email', 'i.role', 'i.created_at', 'i.expires_at', 'u.email as invited_by'])
    .where('i.organisation_id', '=', organisationId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now)
    .orderBy('i.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    invitedBy: r.invited_by,
  }));
}

/** The ids of the open invitations of this address to this organisation (replaced when a new one is sent). */
export async function listOpenInvitationIds(db: Executor, organisationId: number, email: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
