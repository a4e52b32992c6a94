import type { Executor } from '../../../db/connection';
import { readUpload } from '../uploads/file-store.server';

// The charter's supporting PDFs (decision 140). They live in the one file store of uploads
// (app/services/uploads/file-store.server.ts, decision 131): the service writes and records them there after
// checking them (checkCharterDocument), and this reads one back for the download route.

export interface UploadedDocument {
  /** The name the browser gave, for display only. */
  name: string;
  bytes: Uint8Array;
  /** The size sent, which may exceed bytes.length when the upload was cut at the limit. */
  size: number;
}

/** A charter document of this organisation, its bytes and download name; null when it is not one. */
export async function readCharterDocument(
  db: Executor,
  uploadsDir: string,
  organisationId: number,
  fileId: string,
): Promise<{ bytes: Buffer; name: string; contentType: string } | null> {
  const found = await readUpload(db, uploadsDir, fileId, { purpose: 'charter-evidence', organisationId });
  if (!found) return null;
  return { bytes: found.bytes, name: found.file.original_name ?? 'document.pdf', contentType: found.file.content_type };
}
