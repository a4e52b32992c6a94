import { DOCUMENT_MAX_BYTES } from '~/domain/charter-assessment';
import { readMultipartForm } from '../uploads/multipart.server';
import type { UploadedDocument } from './files.server';

// Reading the charter form's multipart body (decision 140) through the one multipart reader
// (app/services/uploads/multipart.server.ts): each criterion's PDF comes as `document-<code>`, kept up to one
// byte over 5 MB. The route passes the text fields to Conform and the service; the files only to the service.

const FILE_PREFIX = 'document-';

export interface CharterFormBody {
  /** The text fields only (no File): what Conform's submission and the service's parser read. */
  formData: FormData;
  /** The files sent, by criterion code; an empty file input is absent. */
  documents: Record<string, UploadedDocument>;
}

export async function readCharterForm(request: Request): Promise<CharterFormBody> {
  const { formData, files } = await readMultipartForm(request, {
    fileMaxBytes: DOCUMENT_MAX_BYTES,
    acceptsFile: (name) => name.startsWith(FILE_PREFIX),
  });
  const documents: Record<string, UploadedDocument> = {};
  for (const [name, file] of files) documents[name.slice(FILE_PREFIX.length)] = file;
  return { formData, documents };
}
