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
