import type { DB, Executor } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  type Invitation,
  findInvitationById,
  insertInvitation,
  listOpenInvitationIds,
  markInvitationAccepted,
  markInvitationRevoked,
} from '../../../db/repositories/invitations';
import { decideJoinRequest, findPendingJoinRequest } from '../../../db/repositories/join-requests';
import { addMember, findMembershipRole } from '../../../db/repositories/memberships';
import { findOrganisationById, findSupplierSummary } from '../../../db/repositories/organisations';
import { findUserByEmail, findUserById } from '../../../db/repositories/users';
import { INVITATION_LIFETIME_MS, type MembershipRole } from '~/domain/organisation';
import { parseInvitationForm } from '~/domain/organisation-forms';
import { type Result, fail, ok } from '~/domain/result';
import { type RateLimited, consumeRateLimit, rateLimited } from '../auth/rate-limit.server';
import { generateToken, secretMatches, splitToken } from '../auth/tokens.server';
import { type Invalid, type OrgActor, invalid } from './actor.server';
import { enqueueInvitationMail } from './organisation-mail.server';

// Invitations by e-mail (decisions 120, 122): an owner invites an address with a role; the mail carries a
// single-use token `id.secret` (only the SHA-256 of the secret is stored, compared in constant time, like the
// sessions'), valid 14 days. It is accepted by a signed-in person whose confirmed address is the invited one.
// A new invitation of the same address replaces the open ones. Everything is audited.

export const INVITATION_MESSAGES = {
  alreadyMember: 'Cette personne est déjà membre de l’organisation.',
  invalid: 'Cette invitation est introuvable : vérifiez le lien reçu par e-mail.',
  expired: 'Cette invitation a expiré. Demandez une nouvelle invitation à un propriétaire de l’organisation.',
  accepted: 'Cette invitation a déjà été utilisée.',
  revoked: 'Cette invitation a été annulée ou refusée.',
  wrongAddress: (invited: string, yours: string) =>
    `Cette invitation est adressée à ${invited}, et vous êtes connecté avec ${yours}. Connectez-vous avec le compte de ${invited} (ou créez-le avec cette adresse) pour l’accepter.`,
  unverified:
    'Confirmez d’abord votre adresse e-mail (lien reçu après l’inscription, ou « renvoyer le lien » depuis votre compte), puis ouvrez de nouveau cette invitation.',
  youAreMember: 'Vous êtes déjà membre de cette organisation.',
  notOpen: 'Cette invitation n’est plus en attente.',
} as const;

/** Fields: `email`, `role`. The caller has checked `organisation.members.manage`. */
export async function inviteMember(
  db: DB,
  input: { actor: OrgActor; organisationId: number; form: Record<string, unknown>; origin: string },
  now: Date = new Date(),
): Promise<Result<{ email: string; expiresAt: Date }, Invalid | RateLimited>> {
  const parsed = parseInvitationForm(input.form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { email, role } = parsed.value;
  // Each invitation mails an address the person chose: a cap per person keeps the site from being a mailer.
  const limited = await consumeRateLimit(db, 'invite-user', String(input.actor.userId), now);
  if (!limited.allowed) return fail(rateLimited(limited));
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationById(trx, input.organisationId);
    if (!organisation) return fail(invalid('', INVITATION_MESSAGES.invalid));
    const existing = await findUserByEmail(trx, email);
    if (existing && (await findMembershipRole(trx, organisation.id, existing.id)))
      return fail(invalid('email', INVITATION_MESSAGES.alreadyMember));
    for (const id of await listOpenInvitationIds(trx, organisation.id, email)) await markInvitationRevoked(trx, id, at);
    const { id, secretHash, token } = generateToken();
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
    await insertInvitation(trx, {
      id,
      secretHash,
      organisationId: organisation.id,
      email,
      role,
      invitedByUserId: input.actor.userId,
      now: at,
      expiresAt: expiresAt.toISOString(),
    });
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'membership.invited',
      subject: { type: 'organisation', id: organisation.id },
      organisationId: organisation.id,
      supplierId: organisation.supplier_id,
      details: { email, role, invitationId: id },
    });
    await enqueueInvitationMail(
      trx,
      {
        to: email,
        invitedBy: input.actor.email,
        role,
        organisationName: await organisationName(trx, organisation),
        token,
        expiresAt,
        origin: input.origin,
      },
      now,
    );
    return ok({ email, expiresAt });
  });
}

async function organisationName(
  db: Executor,
  organisation: { name: string; supplier_id: number | null },
): Promise<string> {
  if (organisation.supplier_id === null) return organisation.name;
  return (await findSupplierSummary(db, organisation.supplier_id))?.name ?? organisation.name;
}

/** An owner revokes an open invitation of their organisation (field `invitationId`). */
export async function revokeInvitation(
  db: DB,
  input: { actor: OrgActor; organisationId: number; invitationId: unknown },
  now: Date = new Date(),
): Promise<Result<{ email: string }, Invalid>> {
  const id = typeof input.invitationId === 'string' ? input.invitationId : '';
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const invitation = id ? await findInvitationById(trx, id) : undefined;
    if (!invitation || invitation.organisation_id !== input.organisationId)
      return fail(invalid('', INVITATION_MESSAGES.invalid));
    if (!(await markInvitationRevoked(trx, invitation.id, at))) return fail(invalid('', INVITATION_MESSAGES.notOpen));
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'membership.invitation-revoked',
      subject: { type: 'organisation', id: invitation.organisation_id },
      organisationId: invitation.organisation_id,
      details: { email: invitation.email, invitationId: invitation.id },
    });
    return ok({ email: invitation.email });
  });
}

export type InvitationState =
  | { kind: 'invalid'; message: string }
  | { kind: 'closed'; message: string }
  | {
      kind: 'open';
      organisationId: number;
      organisationName: string;
      role: MembershipRole;
      email: string;
      expiresAt: string;
      /** Why this person cannot accept it (another address, not confirmed, already member), or null. */
      blocker: string | null;
    };

/** The invitation's row when the token is well formed and its secret matches, else undefined. */
async function findByToken(db: Executor, token: unknown): Promise<Invitation | undefined> {
  const parts = typeof token === 'string' ? splitToken(token) : undefined;
  if (!parts) return undefined;
  const row = await findInvitationById(db, parts.id);
  return row && secretMatches(parts.secret, row.secret_hash) ? row : undefined;
}

async function stateOf(db: Executor, row: Invitation | undefined, userId: number, now: Date): Promise<InvitationState> {
  if (!row) return { kind: 'invalid', message: INVITATION_MESSAGES.invalid };
  if (row.accepted_at !== null) return { kind: 'closed', message: INVITATION_MESSAGES.accepted };
  if (row.revoked_at !== null) return { kind: 'closed', message: INVITATION_MESSAGES.revoked };
  if (now.getTime() >= new Date(row.expires_at).getTime())
    return { kind: 'closed', message: INVITATION_MESSAGES.expired };
  const organisation = await findOrganisationById(db, row.organisation_id);
  const user = await findUserById(db, userId);
  if (!organisation || !user) return { kind: 'invalid', message: INVITATION_MESSAGES.invalid };
  let blocker: string | null = null;
  if (user.email !== row.email) blocker = INVITATION_MESSAGES.wrongAddress(row.email, user.email);
  else if (user.email_verified_at === null) blocker = INVITATION_MESSAGES.unverified;
  else if (await findMembershipRole(db, organisation.id, user.id)) blocker = INVITATION_MESSAGES.youAreMember;
  return {
    kind: 'open',
    organisationId: organisation.id,
    organisationName: await organisationName(db, organisation),
    role: row.role,
    email: row.email,
    expiresAt: row.expires_at,
    blocker,
  };
}

/** What the invitation page shows the signed-in person. */
export async function viewInvitation(db: DB, token: unknown, userId: number, now: Date = new Date()) {
  return stateOf(db, await findByToken(db, token), userId, now);
}

/**
 * Accepts (field `decision=accept`) or declines (`decision=decline`) the invitation of `token` for the
 * signed-in person. Accepting makes them a member with the invited role; the invitation is spent either way.
 */
export async function answerInvitation(
  db: DB,
  input: { actor: OrgActor; token: unknown; decision: unknown },
  now: Date = new Date(),
): Promise<Result<{ accepted: boolean; organisationId: number }, { kind: 'refused'; message: string }>> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await findByToken(trx, input.token);
    const state = await stateOf(trx, row, input.actor.userId, now);
    if (state.kind !== 'open') return fail({ kind: 'refused' as const, message: state.message });
    if (!row) return fail({ kind: 'refused' as const, message: INVITATION_MESSAGES.invalid });
    const accept = input.decision === 'accept';
    if (accept && state.blocker) return fail({ kind: 'refused' as const, message: state.blocker });
    // Only the invited address may decline too: someone else holding the link must not cancel it.
    if (!accept && row.email !== input.actor.email)
      return fail({
        kind: 'refused' as const,
        message: INVITATION_MESSAGES.wrongAddress(row.email, input.actor.email),
      });
    const spent = accept ? await markInvitationAccepted(trx, row.id, at) : await markInvitationRevoked(trx, row.id, at);
    if (!spent) return fail({ kind: 'refused' as const, message: INVITATION_MESSAGES.accepted });
    if (accept) {
      await addMember(trx, {
        organisationId: row.organisation_id,
        userId: input.actor.userId,
        role: row.role,
        now: at,
      });
      // A pending request of this person to the same organisation is settled by the invitation.
      const pending = await findPendingJoinRequest(trx, row.organisation_id, input.actor.userId);
      if (pending)
        await decideJoinRequest(trx, pending.id, {
          status: 'withdrawn',
          byUserId: input.actor.userId,
          note: null,
          now: at,
        });
    }
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: accept ? 'membership.joined' : 'membership.invitation-revoked',
      subject: { type: 'organisation', id: row.organisation_id },
      organisationId: row.organisation_id,
      details: { via: 'invitation', invitationId: row.id, role: row.role, ...(accept ? {} : { declined: true }) },
    });
    return ok({ accepted: accept, organisationId: row.organisation_id });
  });
}
