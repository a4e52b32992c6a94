import { BID_DOCUMENT_MAX_BYTES, DOCUMENT_FIELD } from '~/domain/bids/checklist-form';
import { readMultipartForm } from '../uploads/multipart.server';
import type { SentDocument } from './checklist.server';

// Reading a checklist item's multipart form (decision 246, as the charter's of decision 140): a declared body
// above the limit is refused before it is read; otherwise text fields as strings (bounded) and the one file
// `document` kept in memory up to one byte over 10 MB (the rest is read and dropped, its size counted so the
// domain can say « too large »); files of other names are dropped.

const ENVELOPE_BYTES = 64 * 1024;

export interface ChecklistFormBody {
  formData: FormData;
  document: SentDocument | null;
  /** The declared body was above the limit: nothing was read. */
  oversize: boolean;
}

export async function readChecklistForm(request: Request): Promise<ChecklistFormBody> {
  const { formData, files, refusedUnread } = await readMultipartForm(request, {
    fileMaxBytes: BID_DOCUMENT_MAX_BYTES,
    acceptsFile: (name) => name === DOCUMENT_FIELD,
    refuseDeclaredOver: BID_DOCUMENT_MAX_BYTES + ENVELOPE_BYTES,
  });
  return { formData, document: files.get(DOCUMENT_FIELD) ?? null, oversize: refusedUnread };
}
