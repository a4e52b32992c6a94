import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { TENDER_DOCUMENT_MAX_BYTES } from '~/domain/tenders/documents';

// Reading the tender documents form's body (decision 255) without holding more than 10 MB: a declared
// Content-Length far above the limit is refused before anything is read; otherwise the file part `document` is
// kept up to one byte over the limit (the rest read and dropped, its size counted, so the domain says « too
// large »), the text fields as bounded strings, any other file dropped. A urlencoded body (the removal form)
// gives its fields only.

const TEXT_FIELD_MAX_BYTES = 16 * 1024;
/** Room for the multipart boundaries and the small fields next to the file. */
const ENVELOPE_BYTES = 64 * 1024;

export interface UploadedTenderDocument {
  /** The name the browser gave, for display only. */
  name: string;
  bytes: Uint8Array;
  /** The size sent, which exceeds bytes.length when the upload was cut at the limit. */
  size: number;
}

export interface TenderDocumentForm {
  /** The text fields only. */
  formData: FormData;
  /** The file sent, or null when the field was empty. */
  file: UploadedTenderDocument | null;
  /** The body was refused unread: its declared length is far over the limit. */
  refusedUnread: boolean;
}

async function collect(data: AsyncIterable<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array; size: number }> {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (kept < limit) {
      const part = chunk.subarray(0, limit - kept);
      chunks.push(part);
      kept += part.byteLength;
    }
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, size };
}

export async function readTenderDocumentForm(request: Request): Promise<TenderDocumentForm> {
  const formData = new FormData();
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    for (const [name, value] of await request.formData()) if (typeof value === 'string') formData.append(name, value);
    return { formData, file: null, refusedUnread: false };
  }
  const declared = Number(request.headers.get('Content-Length') ?? '');
  if (Number.isFinite(declared) && declared > TENDER_DOCUMENT_MAX_BYTES + ENVELOPE_BYTES) {
    await request.body?.cancel().catch(() => undefined);
    formData.append('intent', 'add');
    return { formData, file: { name: '', bytes: new Uint8Array(0), size: declared }, refusedUnread: true };
  }
  let file: UploadedTenderDocument | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const { bytes } = await collect(data, TEXT_FIELD_MAX_BYTES);
      return new TextDecoder().decode(bytes);
    }
    const { bytes, size } = await collect(data, TENDER_DOCUMENT_MAX_BYTES + 1);
    if (name === 'document' && (size > 0 || filename !== '')) file = { name: filename, bytes, size };
    return undefined;
  };
  const parsed = await unstable_parseMultipartFormData(request, handler);
  for (const [name, value] of parsed) if (typeof value === 'string') formData.append(name, value);
  return { formData, file, refusedUnread: false };
}
