import type { MembershipRole } from '../../app/domain/organisation';
import type { Executor } from '../connection';

// Memberships of users in organisations (decision 120). Functions take the database or a transaction first.

export interface MembershipOfUser {
  organisationId: number;
  role: MembershipRole;
}

/** Every organisation the user belongs to, with their role: what the permissions module needs. */
export async function listMembershipsOfUser(db: Executor, userId: number): Promise<MembershipOfUser[]> {
  const rows = await db
    .selectFrom('memberships')
    .select(['organisation_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, role: r.role }));
}

/** The role of the user in the organisation, or null when they are not a member. */
export async function findMembershipRole(
  db: Executor,
  organisationId: number,
  userId: number,
): Promise<MembershipRole | null> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export interface Member {
  userId: number;
  email: string;
  role: MembershipRole;
  since: string;
}

/** The members of an organisation with their address, owners first. */
export async function listMembers(db: Executor, organisationId: number): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'm.role', 'm.created_at'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.role', 'desc') // 'owner' > 'editor'
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, email: r.email, role: r.role, since: r.created_at }));
}

/** The addresses of the owners (the mails about join requests and charter decisions go to them). */
export async function listOwnerEmails(db: Executor, organisationId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.organisation_id', '=', organisationId)
    .where('m.role', '=', 'owner')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => r.email);
}

export async function countMembers(db: Executor, organisationId: number): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countOwners(db: Executor, organisationId: number): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function addMember(
  db: Executor,
  member: { organisationId: number; userId: number; role: MembershipRole; now: string },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      organisation_id: member.organisationId,
      user_id: member.userId,
      role: member.role,
      created_at: member.now,
    })
    .execute();
}

/** Whether a membership was removed. */
export async function removeMember(db: Executor, organisationId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('memberships')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function updateMemberRole(
  db: Executor,
  organisationId: number,
  userId: number,
  role: MembershipRole,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * The organisations where the user is the only owner while others are members: the account cannot go before
 * someone else is owner (decision 120, the last-owner rule).
 */
export async function listOrganisationsLastOwnedWithMembers(
  db: Executor,
  userId: number,
): Promise<{ organisationId: number; name: string }[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select((eb) => [
      'o.id',
      eb.fn.coalesce('s.name', 'o.name').as('name'),
      eb
        .selectFrom('memberships as owners')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('owners.organisation_id', '=', 'o.id')
        .where('owners.role', '=', 'owner')
        .as('owners'),
      eb
        .selectFrom('memberships as everyone')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('everyone.organisation_id', '=', 'o.id')
        .as('members'),
    ])
    .where('m.user_id', '=', userId)
    .where('m.role', '=', 'owner')
    .orderBy('o.id')
    .execute();
  return rows
    .filter((r) => Number(r.owners) === 1 && Number(r.members) > 1)
    .map((r) => ({ organisationId: r.id, name: r.name }));
}
