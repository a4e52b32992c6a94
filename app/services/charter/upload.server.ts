import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { DOCUMENT_MAX_BYTES } from '~/domain/charter-assessment';
import type { UploadedDocument } from './files.server';

// Reading the charter form's multipart body (decision 140): text fields as strings (bounded), each file kept
// in memory up to one byte over the 5 MB limit (the rest is read and dropped, and its size counted so the
// domain can say « too large »), files of other names dropped. The route passes the text fields to Conform
// and the service; the files only to the service.

const TEXT_FIELD_MAX_BYTES = 64 * 1024;
const FILE_PREFIX = 'document-';

export interface CharterFormBody {
  /** The text fields only (no File): what Conform's submission and the service's parser read. */
  formData: FormData;
  /** The files sent, by criterion code; an empty file input is absent. */
  documents: Record<string, UploadedDocument>;
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

export async function readCharterForm(request: Request): Promise<CharterFormBody> {
  const documents: Record<string, UploadedDocument> = {};
  const formData = new FormData();
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    for (const [name, value] of await request.formData()) if (typeof value === 'string') formData.append(name, value);
    return { formData, documents };
  }
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const { bytes } = await collect(data, TEXT_FIELD_MAX_BYTES);
      return new TextDecoder().decode(bytes);
    }
    const { bytes, size } = await collect(data, DOCUMENT_MAX_BYTES + 1);
    if (name.startsWith(FILE_PREFIX) && (size > 0 || filename !== ''))
      documents[name.slice(FILE_PREFIX.length)] = { name: filename, bytes, size };
    return undefined;
  };
  const parsed = await unstable_parseMultipartFormData(request, handler);
  for (const [name, value] of parsed) if (typeof value === 'string') formData.append(name, value);
  return { formData, documents };
}
