import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  countOwners,
  findMembershipRole,
  removeMember as deleteMembership,
  updateMemberRole,
} from '../../../db/repositories/memberships';
import { findOrganisationById, findSupplierSummary } from '../../../db/repositories/organisations';
import { findUserById } from '../../../db/repositories/users';
import { canLoseOwner, MEMBERSHIP_ROLE_LABELS } from '~/domain/organisation';
import { parseMemberForm, parseRoleChangeForm, parseTransferForm } from '~/domain/organisation-forms';
import { type Result, fail, ok } from '~/domain/result';
import { FORM_MESSAGES } from '~/domain/auth/forms';
import { confirmCurrentPassword } from '../auth/reauth.server';
import { type Invalid, type OrgActor, invalid } from './actor.server';
import { enqueueMemberRemovedMail, enqueueOwnershipTransferredMail } from './organisation-mail.server';

// The members of an organisation (decision 120): an owner changes roles, removes members and transfers the
// ownership (with their current password, like the account's sensitive actions); any member leaves. The last
// owner can neither leave nor lose the role (canLoseOwner, app/domain/organisation.ts), checked inside the
// transaction that writes. The callers have checked the permission (members.manage or leave); these functions
// check the data. Every change is audited.

export const MEMBER_MESSAGES = {
  notMember: 'Cette personne n’est pas (ou plus) membre de l’organisation.',
  lastOwnerLeave:
    'Vous êtes le dernier propriétaire : transférez d’abord la propriété à un autre membre (ou nommez un autre propriétaire), puis quittez l’organisation.',
  lastOwnerDemote:
    'C’est le dernier propriétaire de l’organisation : nommez d’abord un autre propriétaire avant de changer ce rôle.',
  lastOwnerRemove:
    'C’est le dernier propriétaire de l’organisation : nommez d’abord un autre propriétaire avant de le retirer.',
  sameRole: (role: string) => `Cette personne est déjà ${role}.`,
  removeSelf: 'Pour vous retirer vous-même, utilisez « Quitter l’organisation ».',
  transferSelf: 'Choisissez un autre membre que vous-même.',
  transferNotOwner: 'Seul un propriétaire peut transférer la propriété.',
} as const;

/** Fields: `userId`, `role`. */
export async function changeMemberRole(
  db: DB,
  input: { actor: OrgActor; organisationId: number; form: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ userId: number; role: string }, Invalid>> {
  const parsed = parseRoleChangeForm(input.form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { userId, role } = parsed.value;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const current = await findMembershipRole(trx, input.organisationId, userId);
    if (!current) return fail(invalid('userId', MEMBER_MESSAGES.notMember));
    if (current === role)
      return fail(invalid('role', MEMBER_MESSAGES.sameRole(MEMBERSHIP_ROLE_LABELS[role].toLowerCase())));
    if (!canLoseOwner(await countOwners(trx, input.organisationId), current === 'owner'))
      return fail(invalid('role', MEMBER_MESSAGES.lastOwnerDemote));
    await updateMemberRole(trx, input.organisationId, userId, role);
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'membership.role-changed',
      subject: { type: 'user', id: userId },
      organisationId: input.organisationId,
      details: { from: current, to: role },
    });
    return ok({ userId, role });
  });
}

/** Field `userId`: an owner removes another member; the person is mailed. */
export async function removeMember(
  db: DB,
  input: { actor: OrgActor; organisationId: number; form: Record<string, unknown>; origin: string },
  now: Date = new Date(),
): Promise<Result<{ userId: number; email: string }, Invalid>> {
  const parsed = parseMemberForm(input.form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { userId } = parsed.value;
  if (userId === input.actor.userId) return fail(invalid('userId', MEMBER_MESSAGES.removeSelf));
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const current = await findMembershipRole(trx, input.organisationId, userId);
    const user = await findUserById(trx, userId);
    if (!current || !user) return fail(invalid('userId', MEMBER_MESSAGES.notMember));
    if (!canLoseOwner(await countOwners(trx, input.organisationId), current === 'owner'))
      return fail(invalid('userId', MEMBER_MESSAGES.lastOwnerRemove));
    await deleteMembership(trx, input.organisationId, userId);
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'membership.removed',
      subject: { type: 'user', id: userId },
      organisationId: input.organisationId,
      details: { email: user.email, role: current },
    });
    await enqueueMemberRemovedMail(
      trx,
      { to: user.email, organisationName: await nameOf(trx, input.organisationId), origin: input.origin },
      now,
    );
    return ok({ userId, email: user.email });
  });
}

async function nameOf(db: Parameters<typeof findOrganisationById>[0], organisationId: number): Promise<string> {
  const organisation = await findOrganisationById(db, organisationId);
  if (!organisation) return '';
  if (organisation.supplier_id === null) return organisation.name;
  return (await findSupplierSummary(db, organisation.supplier_id))?.name ?? organisation.name;
}

/** The signed-in member leaves the organisation, unless they are its last owner. */
export async function leaveOrganisation(
  db: DB,
  input: { actor: OrgActor; organisationId: number },
  now: Date = new Date(),
): Promise<Result<{ organisationName: string }, Invalid>> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const current = await findMembershipRole(trx, input.organisationId, input.actor.userId);
    if (!current) return fail(invalid('', MEMBER_MESSAGES.notMember));
    if (!canLoseOwner(await countOwners(trx, input.organisationId), current === 'owner'))
      return fail(invalid('', MEMBER_MESSAGES.lastOwnerLeave));
    const organisationName = await nameOf(trx, input.organisationId);
    await deleteMembership(trx, input.organisationId, input.actor.userId);
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'membership.left',
      subject: { type: 'user', id: input.actor.userId },
      organisationId: input.organisationId,
      details: { role: current },
    });
    return ok({ organisationName });
  });
}

/**
 * Fields `newOwnerUserId`, `password`: the owner gives the ownership to another member, who becomes owner,
 * and becomes editor themself. A sensitive action: the current password is asked (as for the account's).
 */
export async function transferOwnership(
  db: DB,
  input: { actor: OrgActor; organisationId: number; form: Record<string, unknown>; origin: string },
  now: Date = new Date(),
): Promise<Result<{ newOwnerEmail: string }, Invalid>> {
  const parsed = parseTransferForm(input.form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { newOwnerUserId, password } = parsed.value;
  const actorUser = await findUserById(db, input.actor.userId);
  if (!actorUser) return fail(invalid('', FORM_MESSAGES.accountGone));
  const wrong = await confirmCurrentPassword(db, actorUser, password, 'password', now);
  if (wrong) return fail({ kind: 'invalid', issues: [wrong] });
  if (newOwnerUserId === input.actor.userId) return fail(invalid('newOwnerUserId', MEMBER_MESSAGES.transferSelf));
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if ((await findMembershipRole(trx, input.organisationId, input.actor.userId)) !== 'owner')
      return fail(invalid('', MEMBER_MESSAGES.transferNotOwner));
    const target = await findMembershipRole(trx, input.organisationId, newOwnerUserId);
    const newOwner = await findUserById(trx, newOwnerUserId);
    if (!target || !newOwner) return fail(invalid('newOwnerUserId', MEMBER_MESSAGES.notMember));
    if (target !== 'owner') await updateMemberRole(trx, input.organisationId, newOwnerUserId, 'owner');
    await updateMemberRole(trx, input.organisationId, input.actor.userId, 'editor');
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'membership.ownership-transferred',
      subject: { type: 'user', id: newOwnerUserId },
      organisationId: input.organisationId,
      details: { from: input.actor.userId, to: newOwnerUserId, toEmail: newOwner.email, previousRole: target },
    });
    await enqueueOwnershipTransferredMail(
      trx,
      {
        to: newOwner.email,
        from: input.actor.email,
        organisationId: input.organisationId,
        organisationName: await nameOf(trx, input.organisationId),
        origin: input.origin,
      },
      now,
    );
    return ok({ newOwnerEmail: newOwner.email });
  });
}
