import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { BID_DOCUMENT_MAX_BYTES, DOCUMENT_FIELD } from '~/domain/bids/checklist-form';
import type { SentDocument } from './checklist.server';

// Reading a checklist item's multipart form (decision 246, as the charter's of decision 140): a declared body
// above the limit is refused before it is read; otherwise text fields as strings (bounded) and the one file
// `document` kept in memory up to one byte over 10 MB (the rest is read and dropped, its size counted so the
// domain can say « too large »); files of other names are dropped.

const TEXT_FIELD_MAX_BYTES = 64 * 1024;
const ENVELOPE_BYTES = 64 * 1024;

export interface ChecklistFormBody {
  formData: FormData;
  document: SentDocument | null;
  /** The declared body was above the limit: nothing was read. */
  oversize: boolean;
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

export async function readChecklistForm(request: Request): Promise<ChecklistFormBody> {
  const formData = new FormData();
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > BID_DOCUMENT_MAX_BYTES + ENVELOPE_BYTES)
    return { formData, document: null, oversize: true };
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    for (const [name, value] of await request.formData()) if (typeof value === 'string') formData.append(name, value);
    return { formData, document: null, oversize: false };
  }
  let document: SentDocument | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const { bytes } = await collect(data, TEXT_FIELD_MAX_BYTES);
      return new TextDecoder().decode(bytes);
    }
    const { bytes, size } = await collect(data, name === DOCUMENT_FIELD ? BID_DOCUMENT_MAX_BYTES + 1 : 0);
    if (name === DOCUMENT_FIELD && (size > 0 || filename !== '')) document = { name: filename, bytes, size };
    return undefined;
  };
  const parsed = await unstable_parseMultipartFormData(request, handler);
  for (const [name, value] of parsed) if (typeof value === 'string') formData.append(name, value);
  return { formData, document, oversize: false };
}
