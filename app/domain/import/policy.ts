import type { CharterStatus } from '../charter';
import type { PublicationStatus } from '../supplier';
import type { ImportCharterStatus } from './row';

// What an import does to the charter and publication statuses (docs/decisions/042). Pure.

export interface StoredStatuses {
  charterStatus: CharterStatus;
  publicationStatus: PublicationStatus;
}

/**
 * The row's charter_status wins when given. Otherwise: `verified` with --approve; without it, `none` for a
 * new supplier and the stored status for an existing one (a moderator's verification is never erased by a
 * file that does not mention it). Undefined means "leave as stored".
 */
export function resolveCharterStatus(
  stated: ImportCharterStatus | undefined,
  approve: boolean,
  existing: StoredStatuses | undefined,
): CharterStatus | undefined {
  if (stated !== undefined) return stated;
  if (approve) return 'verified';
  return existing ? undefined : 'none';
}

/**
 * --approve publishes; without it, a new supplier is a draft and an existing one keeps its status (a
 * re-import never unpublishes). A suspended supplier stays suspended even with --approve: lifting a
 * suspension is a moderator's decision, reported as a warning.
 */
export function resolvePublicationStatus(
  approve: boolean,
  existing: StoredStatuses | undefined,
): PublicationStatus | undefined {
  if (existing?.publicationStatus === 'suspended') return undefined;
  if (approve) return 'published';
  return existing ? undefined : 'draft';
}
