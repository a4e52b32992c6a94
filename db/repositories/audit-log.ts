import type { AuditAction, AuditSubjectType } from '../../app/domain/audit';
import type { Executor } from '../connection';
import type { AuditLogRow } from '../schema';

// The audit log (decision 120): rows are only added. The table's triggers refuse UPDATE and DELETE, so not even
// this module could change one. Call appendAudit inside the transaction of the decision it records.

export interface AuditEntry {
  now: string;
  actor: { userId: number; email: string } | null;
  action: AuditAction;
  subject: { type: AuditSubjectType; id: number };
  organisationId?: number | null;
  supplierId?: number | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      created_at: entry.now,
      actor_user_id: entry.actor?.userId ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      organisation_id: entry.organisationId ?? null,
      supplier_id: entry.supplierId ?? null,
      reason: entry.reason ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditQuery {
  /** Entries older than this id (keyset pagination, newest first). */
  beforeId?: number;
  limit: number;
  subject?: { type: AuditSubjectType; id: number };
  supplierId?: number;
  organisationId?: number;
  action?: AuditAction;
}

export async function listAudit(db: Executor, query: AuditQuery): Promise<AuditLogRow[]> {
  let select = db.selectFrom('audit_log').selectAll();
  if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
  if (query.subject)
    select = select.where('subject_type', '=', query.subject.type).where('subject_id', '=', query.subject.id);
  if (query.supplierId !== undefined) select = select.where('supplier_id', '=', query.supplierId);
  if (query.organisationId !== undefined) select = select.where('organisation_id', '=', query.organisationId);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  return select.orderBy('id', 'desc').limit(query.limit).execute();
}
