import { type Result, type FieldIssue, fail, ok } from '../result';
import { SITE_ROLES, type SiteRole } from './account';

// The site roles an admin gives (issue 6, docs/decisions/124-site-roles-page.md): the form's rules and French
// messages. Pure. An admin never changes their own role: so the last admin can never remove themself, and a
// stolen admin session cannot quietly downgrade its owner's account to hide.

export const SITE_ROLE_LABELS: Record<SiteRole | 'none', string> = {
  none: 'Aucun rôle (compte ordinaire)',
  moderator: 'Modérateur',
  admin: 'Administrateur',
};

export const SITE_ROLE_REASON_MIN = 10;
export const SITE_ROLE_REASON_MAX = 500;
/** Searching users needs at least this many characters of an address. */
export const USER_SEARCH_MIN = 3;

export const SITE_ROLE_MESSAGES = {
  userUnknown: 'Ce compte n’existe pas ou plus.',
  roleInvalid: 'Choisissez un rôle dans la liste.',
  reasonShort: `Indiquez la raison du changement (au moins ${SITE_ROLE_REASON_MIN} caractères) : elle est gardée au journal.`,
  reasonLong: `La raison ne doit pas dépasser ${SITE_ROLE_REASON_MAX} caractères.`,
  self: 'Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.',
  unchanged: 'Ce compte a déjà ce rôle.',
  searchShort: `Saisissez au moins ${USER_SEARCH_MIN} caractères de l’adresse.`,
} as const;

export interface SiteRoleChange {
  userId: number;
  role: SiteRole | null;
  reason: string;
}

/** Fields `userId`, `role` (`none`, `moderator`, `admin`) and `reason`. */
export function parseSiteRoleForm(form: Record<string, unknown>): Result<SiteRoleChange, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const rawId = typeof form.userId === 'string' ? form.userId : '';
  const userId = /^[1-9][0-9]{0,15}$/.test(rawId) ? Number(rawId) : null;
  if (userId === null) issues.push({ field: 'userId', message: SITE_ROLE_MESSAGES.userUnknown });
  const rawRole = typeof form.role === 'string' ? form.role : '';
  const role =
    rawRole === 'none' ? null : (SITE_ROLES as readonly string[]).includes(rawRole) ? (rawRole as SiteRole) : undefined;
  if (role === undefined) issues.push({ field: 'role', message: SITE_ROLE_MESSAGES.roleInvalid });
  const reason = (typeof form.reason === 'string' ? form.reason : '').trim();
  if (reason.length < SITE_ROLE_REASON_MIN) issues.push({ field: 'reason', message: SITE_ROLE_MESSAGES.reasonShort });
  else if (reason.length > SITE_ROLE_REASON_MAX)
    issues.push({ field: 'reason', message: SITE_ROLE_MESSAGES.reasonLong });
  if (issues.length > 0 || userId === null || role === undefined) return fail(issues);
  return ok({ userId, role, reason });
}
