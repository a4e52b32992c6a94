import type { DB, Executor } from '../../../db/connection';
import {
  deleteChecklistItems,
  findChecklistItem,
  insertChecklistItems,
  listChecklistItems,
  updateChecklistItem,
  type ChecklistItemRecord,
} from '../../../db/repositories/bid-checklist';
import { listSubcontractors } from '../../../db/repositories/bid-workspace';
import { touchBid, appendBidActivity, findBid, listBidMembers } from '../../../db/repositories/bids';
import { WORKSPACE_ACTIVITY } from '../../domain/bids/activity-labels';
import {
  BID_DOCUMENT_CONTENT_TYPE,
  CHECKLIST_MESSAGES,
  checkBidDocument,
  DOCUMENT_FIELD,
  parseChecklistItemForm,
} from '../../domain/bids/checklist-form';
import { CHECKLIST_STATUS_LABELS } from '../../domain/bids/status';
import { editRefusal } from '../../domain/bids/workspace';
import { buildChecklist } from '../../domain/groupements/checklist';
import { fail, ok, type FieldIssue, type Result } from '../../domain/result';
import { logFault } from '../log.server';
import { detectContentType } from '../uploads/detect.server';
import {
  forgetUpload,
  readUpload,
  recordUpload,
  removeUploads,
  writeUpload,
  type WrittenUpload,
} from '../uploads/file-store.server';
import type { BidAccess } from './access.server';
import { bidHeading, workspaceRights } from './workspace.server';

// The checklist of a bid (issue 7 §2, docs/decisions/246-bid-checklist-and-documents.md): generated from the
// members and subcontractors by the domain's buildChecklist, stored in bid_checklist_items, each item with an
// assignee, a due date, a status and a PDF kept in the one file store (purpose 'bid-document').

/**
 * Brings the stored checklist in step with the bid's members (not declined) and subcontractors, in the
 * caller's transaction: new items are added (status todo, the domain's assignee), items whose key is gone are
 * removed (their document row is left to the daily clean-up), kept items keep their state; their label follows
 * the names. Writes nothing when nothing changed. Call it after any change of membership or subcontractors.
 */
export async function syncChecklist(trx: Executor, bidId: number, now: Date): Promise<void> {
  const bid = await findBid(trx, bidId);
  if (!bid) return;
  const members = (await listBidMembers(trx, bidId)).filter((m) => m.acceptance !== 'declined');
  const subcontractors = await listSubcontractors(trx, bidId);
  const wanted = buildChecklist({
    members: members.map((m) => ({ supplierId: m.supplier_id, name: m.supplierName, role: m.role })),
    subcontractors: subcontractors.map((s) => ({ name: s.name, siret: s.siret })),
    useDume: bid.use_dume === 1,
  });
  const existing = await listChecklistItems(trx, bidId);
  const byKey = new Map(existing.map((i) => [i.key, i]));
  const wantedKeys = new Set(wanted.map((w) => w.key));
  const iso = now.toISOString();
  await deleteChecklistItems(
    trx,
    bidId,
    existing.filter((i) => !wantedKeys.has(i.key)).map((i) => i.id),
  );
  for (const w of wanted) {
    const item = byKey.get(w.key);
    if (item && (item.label !== w.label || item.kind !== w.kind))
      await updateChecklistItem(trx, item.id, { label: w.label, kind: w.kind });
  }
  await insertChecklistItems(
    trx,
    wanted
      .filter((w) => !byKey.has(w.key))
      .map((w) => ({
        bid_id: bidId,
        key: w.key,
        kind: w.kind,
        label: w.label,
        assignee_supplier_id: w.assigneeSupplierId,
        due_date: null,
        status: 'todo' as const,
        file_id: null,
        updated_by_user_id: null,
        updated_at: iso,
      })),
  );
}

export interface ChecklistItemView {
  id: number;
  label: string;
  assigneeSupplierId: number | null;
  assigneeName: string | null;
  dueDate: string | null;
  status: ChecklistItemRecord['status'];
  statusLabel: string;
  file: { name: string; size: number } | null;
}

export async function getChecklistPage(db: DB, access: BidAccess, now: Date = new Date()) {
  const rights = workspaceRights(access);
  // Regenerated on load while the bid can change (a member joined, a subcontractor was declared elsewhere).
  if (rights.editable) await db.transaction().execute((trx) => syncChecklist(trx, access.bid.id, now));
  const items = await listChecklistItems(db, access.bid.id);
  const names = new Map(access.members.map((m) => [m.supplier_id, m.supplierName]));
  const views: ChecklistItemView[] = items.map((i) => ({
    id: i.id,
    label: i.label,
    assigneeSupplierId: i.assignee_supplier_id,
    assigneeName: i.assignee_supplier_id === null ? null : (names.get(i.assignee_supplier_id) ?? null),
    dueDate: i.due_date,
    status: i.status,
    statusLabel: CHECKLIST_STATUS_LABELS[i.status],
    file: i.file_id ? { name: i.fileName ?? 'document.pdf', size: i.fileSize ?? 0 } : null,
  }));
  return {
    bid: bidHeading(access),
    rights,
    items: views,
    done: views.filter((v) => v.status === 'done').length,
    assignees: access.members
      .filter((m) => m.acceptance !== 'declined')
      .map((m) => ({ supplierId: m.supplier_id, name: m.supplierName })),
  };
}

/** The document sent with an item's form, as the multipart reader kept it. */
export interface SentDocument {
  name: string;
  bytes: Uint8Array;
  /** The size sent, which may exceed bytes.length when the upload was cut at the limit. */
  size: number;
}

export type ChecklistRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

/**
 * Updates one item (assignee, due date, status) and, when a PDF is sent, stores it in place of the previous
 * one; `done` needs a document. Refused once the bid is submitted; nothing is written on any refusal. The bid,
 * its tender and members are the ones authorizeBid loaded; the transaction reads the bid's status again.
 */
export async function updateChecklistEntry(
  db: DB,
  input: {
    access: Pick<BidAccess, 'bid' | 'tender' | 'members'>;
    itemId: number;
    actor: { userId: number; supplierId: number; organisationId: number | null };
    fields: Record<string, unknown>;
    document: SentDocument | null;
    uploadsDir: string;
  },
  now: Date = new Date(),
): Promise<Result<{ label: string }, ChecklistRefusal>> {
  const { bid, tender } = input.access;
  const bidId = bid.id;
  const invalid = (issues: FieldIssue[]) => fail<ChecklistRefusal>({ kind: 'invalid', issues });
  const frozen = editRefusal(bid.status);
  if (frozen) return invalid([{ field: '', message: frozen }]);
  const item = await findChecklistItem(db, bidId, input.itemId);
  if (!item) return invalid([{ field: '', message: CHECKLIST_MESSAGES.itemMissing }]);

  const issues: FieldIssue[] = [];
  if (input.document) {
    const problem = checkBidDocument(await detectContentType(input.document.bytes), input.document.size);
    if (problem) issues.push({ field: DOCUMENT_FIELD, message: problem });
  }
  const members = input.access.members.filter((m) => m.acceptance !== 'declined');
  const parsed = parseChecklistItemForm(input.fields, {
    memberIds: members.map((m) => m.supplier_id),
    submissionDeadline: tender.submissionDeadline,
    hasDocument: item.file_id !== null || (input.document !== null && issues.length === 0),
  });
  if (!parsed.ok) issues.push(...parsed.error);
  if (issues.length > 0 || !parsed.ok) return invalid(issues);

  let written: WrittenUpload | null = null;
  try {
    if (input.document) written = await writeUpload(input.uploadsDir, input.document.bytes);
    const iso = now.toISOString();
    const outcome = await db.transaction().execute(async (trx) => {
      const current = await findBid(trx, bidId);
      const refusal = current ? editRefusal(current.status) : CHECKLIST_MESSAGES.itemMissing;
      if (refusal) return invalid([{ field: '', message: refusal }]);
      const fresh = await findChecklistItem(trx, bidId, input.itemId);
      if (!fresh) return invalid([{ field: '', message: CHECKLIST_MESSAGES.itemMissing }]);
      if (written)
        await recordUpload(
          trx,
          written,
          {
            purpose: 'bid-document',
            contentType: BID_DOCUMENT_CONTENT_TYPE,
            originalName: input.document?.name || 'document.pdf',
            organisationId: input.actor.organisationId,
            uploadedByUserId: input.actor.userId,
          },
          iso,
        );
      await updateChecklistItem(trx, fresh.id, {
        assignee_supplier_id: parsed.value.assigneeSupplierId,
        due_date: parsed.value.dueDate,
        status: parsed.value.status,
        ...(written ? { file_id: written.id } : {}),
        updated_by_user_id: input.actor.userId,
        updated_at: iso,
      });
      const replaced = written && fresh.file_id ? fresh.file_id : null;
      if (replaced) await forgetUpload(trx, replaced);
      const entry = { bidId, supplierId: input.actor.supplierId, userId: input.actor.userId };
      if (written)
        await appendBidActivity(
          trx,
          { ...entry, action: WORKSPACE_ACTIVITY.checklistDocumentUploaded, detail: fresh.label },
          now,
        );
      await appendBidActivity(
        trx,
        {
          ...entry,
          action: WORKSPACE_ACTIVITY.checklistItemUpdated,
          detail: `${fresh.label} : ${CHECKLIST_STATUS_LABELS[parsed.value.status].toLowerCase()}`,
        },
        now,
      );
      await touchBid(trx, bidId, now);
      return ok({ label: fresh.label, replaced });
    });
    if (!outcome.ok) {
      if (written) await discard(input.uploadsDir, written.id);
      return outcome;
    }
    if (outcome.value.replaced)
      await removeUploads(input.uploadsDir, [outcome.value.replaced]).catch((error) =>
        logFault('bid-document-cleanup', error),
      );
    return ok({ label: outcome.value.label });
  } catch (error) {
    if (written) await discard(input.uploadsDir, written.id);
    throw error;
  }
}

function discard(dir: string, id: string): Promise<void> {
  return removeUploads(dir, [id]).catch((error) => logFault('bid-document-cleanup', error));
}

/** An item's document of this bid, its bytes and download name; null when there is none. */
export async function readBidDocument(
  db: Executor,
  uploadsDir: string,
  bidId: number,
  itemId: number,
): Promise<{ bytes: Buffer; name: string } | null> {
  const item = await findChecklistItem(db, bidId, itemId);
  if (!item?.file_id) return null;
  const found = await readUpload(db, uploadsDir, item.file_id, { purpose: 'bid-document' });
  if (!found) return null;
  return { bytes: found.bytes, name: found.file.original_name ?? 'document.pdf' };
}
