import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { findUserById, searchUsers, type UserListing, updateUserSiteRole } from '../../../db/repositories/users';
import { normaliseEmail } from '~/domain/auth/account';
import { SITE_ROLE_MESSAGES, USER_SEARCH_MIN, parseSiteRoleForm } from '~/domain/auth/site-roles';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';

// The site roles (issue 6, docs/decisions/124-site-roles-page.md): an admin finds accounts by address and makes
// them moderator, admin or ordinary, with a reason kept in the audit log. The permission (admin.users.manage)
// is asked by the page; the rules of the data are here: never one's own role, no change without a change.

const LIST_LIMIT = 50;

export interface UserSearch {
  /** The address fragment searched, or null (the moderators and admins are listed). */
  query: string | null;
  users: UserListing[];
  /** Why the search was not run (too short). */
  problem: string | null;
}

export async function findUsersForAdmin(db: DB, raw: string | null): Promise<UserSearch> {
  const query = raw === null ? '' : normaliseEmail(raw).slice(0, 254);
  if (query === '') return { query: null, users: await searchUsers(db, null, LIST_LIMIT), problem: null };
  if (query.length < USER_SEARCH_MIN) return { query, users: [], problem: SITE_ROLE_MESSAGES.searchShort };
  return { query, users: await searchUsers(db, query, LIST_LIMIT), problem: null };
}

export async function changeSiteRole(
  db: DB,
  input: { actor: { userId: number; email: string }; form: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ email: string }, FieldIssue[]>> {
  const parsed = parseSiteRoleForm(input.form);
  if (!parsed.ok) return parsed;
  const { userId, role, reason } = parsed.value;
  if (userId === input.actor.userId) return fail([{ field: 'role', message: SITE_ROLE_MESSAGES.self }]);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return fail([{ field: 'userId', message: SITE_ROLE_MESSAGES.userUnknown }]);
    if (user.site_role === role) return fail([{ field: 'role', message: SITE_ROLE_MESSAGES.unchanged }]);
    await updateUserSiteRole(trx, userId, role, at);
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'user.site-role-changed',
      subject: { type: 'user', id: userId },
      reason,
      details: { email: user.email, from: user.site_role, to: role },
    });
    return ok({ email: user.email });
  });
}
