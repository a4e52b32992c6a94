import { TENDER_DOCUMENT_MAX_BYTES } from '~/domain/tenders/documents';
import { readMultipartForm, type UploadedFile } from '../uploads/multipart.server';

// Reading the tender documents form's body (decision 255) without holding more than 10 MB: a declared
// Content-Length far above the limit is refused before anything is read; otherwise the file part `document` is
// kept up to one byte over the limit (the rest read and dropped, its size counted, so the domain says « too
// large »), the text fields as bounded strings, any other file dropped. A urlencoded body (the removal form)
// gives its fields only.

/** Room for the multipart boundaries and the small fields next to the file. */
const ENVELOPE_BYTES = 64 * 1024;

export type UploadedTenderDocument = UploadedFile;

export interface TenderDocumentForm {
  /** The text fields only. */
  formData: FormData;
  /** The file sent, or null when the field was empty. */
  file: UploadedTenderDocument | null;
  /** The body was refused unread: its declared length is far over the limit. */
  refusedUnread: boolean;
}

export async function readTenderDocumentForm(request: Request): Promise<TenderDocumentForm> {
  const form = await readMultipartForm(request, {
    fileMaxBytes: TENDER_DOCUMENT_MAX_BYTES,
    acceptsFile: (name) => name === 'document',
    refuseDeclaredOver: TENDER_DOCUMENT_MAX_BYTES + ENVELOPE_BYTES,
  });
  if (form.refusedUnread) {
    // Only the upload form is multipart: answer it as an upload too large (the domain's message).
    form.formData.append('intent', 'add');
    return {
      formData: form.formData,
      file: { name: '', bytes: new Uint8Array(0), size: form.declaredBytes },
      refusedUnread: true,
    };
  }
  return { formData: form.formData, file: form.files.get('document') ?? null, refusedUnread: false };
}
