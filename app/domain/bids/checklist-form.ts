import { fail, ok, type FieldIssue, type Result } from '../result';
import { CHECKLIST_STATUSES, type ChecklistStatus } from './status';

// A checklist item of a bid's workspace (issue 7 §2, docs/decisions/246-bid-checklist-and-documents.md): who
// provides it, by when, where it stands, and its PDF. Pure; the bytes are checked by their detected type.

export const BID_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const BID_DOCUMENT_CONTENT_TYPE = 'application/pdf';
/** The item form's file field. */
export const DOCUMENT_FIELD = 'document';

export const CHECKLIST_MESSAGES = {
  itemMissing: 'Cette pièce ne fait plus partie de la liste : rechargez la page.',
  assigneeInvalid: 'Choisissez le membre qui fournit cette pièce.',
  dueDateInvalid: 'Saisissez une date d’échéance valide (jj/mm/aaaa).',
  dueDateAfterDeadline: (deadline: string) =>
    `L’échéance ne peut pas dépasser la date limite de remise des offres (${deadline}).`,
  statusInvalid: 'Choisissez un état : à faire, en cours ou fait.',
  doneWithoutDocument: 'Déposez le document (PDF) avant de marquer cette pièce comme faite.',
  documentTooLarge: 'Le document dépasse 10 Mo : envoyez un PDF plus léger.',
  documentNotPdf: 'Le document doit être un fichier PDF (son contenu n’est pas celui d’un PDF).',
  documentEmpty: 'Le fichier envoyé est vide.',
} as const;

/** Why an uploaded document is refused, or null: at most 10 MB, a PDF by its bytes. */
export function checkBidDocument(detected: string | undefined, size: number): string | null {
  if (size === 0) return CHECKLIST_MESSAGES.documentEmpty;
  if (size > BID_DOCUMENT_MAX_BYTES) return CHECKLIST_MESSAGES.documentTooLarge;
  if (detected !== BID_DOCUMENT_CONTENT_TYPE) return CHECKLIST_MESSAGES.documentNotPdf;
  return null;
}

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Paris calendar day (YYYY-MM-DD) of an instant. */
export function parisDay(iso: string): string {
  return parisDate.format(new Date(iso));
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export interface ChecklistItemUpdate {
  assigneeSupplierId: number;
  dueDate: string | null;
  status: ChecklistStatus;
}

/**
 * The item form: an assignee among `memberIds`, an optional due date no later than the deadline's day (Paris),
 * a status; `done` needs a document, already stored or sent with this form.
 */
export function parseChecklistItemForm(
  raw: Record<string, unknown>,
  context: { memberIds: number[]; submissionDeadline: string | null; hasDocument: boolean },
): Result<ChecklistItemUpdate> {
  const issues: FieldIssue[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const assignee = Number(str(raw.assignee));
  if (!context.memberIds.includes(assignee))
    issues.push({ field: 'assignee', message: CHECKLIST_MESSAGES.assigneeInvalid });
  const dueText = str(raw.dueDate);
  let dueDate: string | null = null;
  if (dueText !== '') {
    if (!isRealDate(dueText)) issues.push({ field: 'dueDate', message: CHECKLIST_MESSAGES.dueDateInvalid });
    else if (context.submissionDeadline !== null && dueText > parisDay(context.submissionDeadline)) {
      const [y, m, d] = parisDay(context.submissionDeadline).split('-');
      issues.push({ field: 'dueDate', message: CHECKLIST_MESSAGES.dueDateAfterDeadline(`${d}/${m}/${y}`) });
    } else dueDate = dueText;
  }
  const statusText = str(raw.status);
  const status = (CHECKLIST_STATUSES as readonly string[]).includes(statusText)
    ? (statusText as ChecklistStatus)
    : null;
  if (status === null) issues.push({ field: 'status', message: CHECKLIST_MESSAGES.statusInvalid });
  else if (status === 'done' && !context.hasDocument)
    issues.push({ field: 'status', message: CHECKLIST_MESSAGES.doneWithoutDocument });
  if (issues.length > 0 || status === null) return fail(issues);
  return ok({ assigneeSupplierId: assignee, dueDate, status });
}

/** « 3 pièces faites sur 7 ». */
export function completionText(done: number, total: number): string {
  return `${done} ${done > 1 ? 'pièces faites' : 'pièce faite'} sur ${total}`;
}
