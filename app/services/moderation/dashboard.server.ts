import type { DB } from '../../../db/connection';
import { listAudit } from '../../../db/repositories/audit-log';
import { countModerationQueues, type ModerationCounts } from '../../../db/repositories/moderation';
import type { AuditLogRow } from '../../../db/schema';
import { AUDIT_ACTIONS, type AuditAction } from '~/domain/audit';

// The moderators' dashboard and the audit log page (docs/decisions/143-moderation-dashboard-and-audit-log.md).

export function getModerationCounts(db: DB): Promise<ModerationCounts> {
  return countModerationQueues(db);
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  /** Entries older than this id (keyset pagination). */
  beforeId?: number;
  supplierId?: number;
  action?: AuditAction;
}

export interface AuditPage {
  filters: AuditFilters;
  entries: (Omit<AuditLogRow, 'details'> & { details: Record<string, unknown> })[];
  /** The `avant` value of the next (older) page, or null on the last page. */
  nextBeforeId: number | null;
}

function positiveInt(value: string | null): number | undefined {
  if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The filters of /moderation/journal from its query string; unknown values are ignored. */
export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const action = params.get('action') ?? '';
  return {
    beforeId: positiveInt(params.get('avant')),
    supplierId: positiveInt(params.get('fournisseur')),
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : undefined,
  };
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function getAuditPage(db: DB, filters: AuditFilters): Promise<AuditPage> {
  const rows = await listAudit(db, { ...filters, limit: AUDIT_PAGE_SIZE + 1 });
  const entries = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, details: parseDetails(row.details) }));
  return {
    filters,
    entries,
    nextBeforeId: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1].id : null,
  };
}
