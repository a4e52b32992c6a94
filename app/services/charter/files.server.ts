import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../../../db/connection';
import { findStoredFile, insertStoredFile } from '../../../db/repositories/charter-assessments';
import { DOCUMENT_CONTENT_TYPE } from '~/domain/charter-assessment';

// The charter's supporting PDFs on disk (decision 140): under UPLOADS_DIR, outside public/, each named by a
// random 32-hex id that is also its stored_files row; the bytes were checked by the domain (checkCharterDocument).

export interface UploadedDocument {
  /** The name the browser gave, for display only. */
  name: string;
  bytes: Uint8Array;
  /** The size sent, which may exceed bytes.length when the upload was cut at the limit. */
  size: number;
}

export interface WrittenFile {
  id: string;
  path: string;
  sha256: string;
  byteSize: number;
  originalName: string;
}

function safeName(name: string): string {
  const clean = path
    .basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters never reach a header or the page
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (clean || 'document.pdf').slice(0, 200);
}

/** Writes the bytes under a new random name; the caller records the row in its transaction. */
export function writeDocument(uploadsDir: string, document: UploadedDocument): WrittenFile {
  const id = crypto.randomBytes(16).toString('hex');
  fs.mkdirSync(uploadsDir, { recursive: true });
  const file = path.join(uploadsDir, id);
  fs.writeFileSync(file, document.bytes, { flag: 'wx', mode: 0o600 });
  return {
    id,
    path: file,
    sha256: crypto.createHash('sha256').update(document.bytes).digest('hex'),
    byteSize: document.bytes.byteLength,
    originalName: safeName(document.name),
  };
}

export function removeWrittenFiles(files: WrittenFile[]): void {
  for (const f of files) fs.rmSync(f.path, { force: true });
}

export async function recordDocument(
  trx: Executor,
  file: WrittenFile,
  owner: { organisationId: number; userId: number },
  now: string,
): Promise<void> {
  await insertStoredFile(trx, {
    id: file.id,
    purpose: 'charter-evidence',
    content_type: DOCUMENT_CONTENT_TYPE,
    byte_size: file.byteSize,
    sha256: file.sha256,
    original_name: file.originalName,
    organisation_id: owner.organisationId,
    uploaded_by_user_id: owner.userId,
    created_at: now,
  });
}

/** A charter document of this organisation, its bytes and download name; null when it is not one. */
export async function readCharterDocument(
  db: Executor,
  uploadsDir: string,
  organisationId: number,
  fileId: string,
): Promise<{ bytes: Buffer; name: string; contentType: string } | null> {
  if (!/^[0-9a-f]{32}$/.test(fileId)) return null;
  const row = await findStoredFile(db, fileId);
  if (!row || row.purpose !== 'charter-evidence' || row.organisation_id !== organisationId) return null;
  try {
    return {
      bytes: fs.readFileSync(path.join(uploadsDir, row.id)),
      name: row.original_name ?? 'document.pdf',
      contentType: row.content_type,
    };
  } catch {
    return null;
  }
}
