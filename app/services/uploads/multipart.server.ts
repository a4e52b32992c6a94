import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';

// Reading a form's multipart body without holding more than the file limit (decisions 131, 140, 246, 255): the
// text fields as bounded strings; each accepted file part kept in memory up to one byte over its limit (the rest
// read and dropped, its size counted, so the domain can say « too large »); other file parts dropped; a body
// whose declared length is far over the limit refused unread when the caller asks. A urlencoded body (a form
// without a file) gives its fields only. The charter, checklist and tender-document forms all read through here.

const TEXT_FIELD_MAX_BYTES = 64 * 1024;

export interface UploadedFile {
  /** The name the browser gave, for display only. */
  name: string;
  bytes: Uint8Array;
  /** The size sent, which exceeds bytes.length when the upload was cut at the limit. */
  size: number;
}

export interface MultipartForm {
  /** The text fields only (no File): what Conform's submission and the services' parsers read. */
  formData: FormData;
  /** The files sent, by field name; an empty file input is absent. */
  files: Map<string, UploadedFile>;
  /** The body was refused unread: its declared length is over `refuseDeclaredOver`. */
  refusedUnread: boolean;
  /** The Content-Length the client declared, or NaN. */
  declaredBytes: number;
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

export async function readMultipartForm(
  request: Request,
  options: {
    /** The largest file accepted, in bytes: one byte more is kept so the domain can refuse it. */
    fileMaxBytes: number;
    /** Which file fields are kept. */
    acceptsFile: (fieldName: string) => boolean;
    /** A declared body larger than this is not read at all. */
    refuseDeclaredOver?: number;
  },
): Promise<MultipartForm> {
  const formData = new FormData();
  const files = new Map<string, UploadedFile>();
  const declaredBytes = Number(request.headers.get('content-length') ?? '');
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    for (const [name, value] of await request.formData()) if (typeof value === 'string') formData.append(name, value);
    return { formData, files, refusedUnread: false, declaredBytes };
  }
  if (options.refuseDeclaredOver !== undefined && declaredBytes > options.refuseDeclaredOver) {
    await request.body?.cancel().catch(() => undefined);
    return { formData, files, refusedUnread: true, declaredBytes };
  }
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const { bytes } = await collect(data, TEXT_FIELD_MAX_BYTES);
      return new TextDecoder().decode(bytes);
    }
    const accepted = options.acceptsFile(name);
    const { bytes, size } = await collect(data, accepted ? options.fileMaxBytes + 1 : 0);
    if (accepted && (size > 0 || filename !== '')) files.set(name, { name: filename, bytes, size });
    return undefined;
  };
  const parsed = await unstable_parseMultipartFormData(request, handler);
  for (const [name, value] of parsed) if (typeof value === 'string') formData.append(name, value);
  return { formData, files, refusedUnread: false, declaredBytes };
}
