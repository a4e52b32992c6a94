import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DB, Executor } from '../../../db/connection';
import {
  deleteStoredFileRow,
  existingStoredFileIds,
  findCurrentLogoFile,
  findStoredFile,
  insertStoredFile,
  listUnreferencedStoredFiles,
} from '../../../db/repositories/stored-files';
import type { StoredFile, StoredFilePurpose } from '../../../db/schema';
import { cleanOriginalName, isStoredFileId } from '~/domain/uploads';

// The one store of uploaded files (docs/decisions/131-uploads-and-logos.md; used by the logos, the charter's
// PDFs, decision 140, and the tenders' documents, decision 255): UPLOADS_DIR/<32 hex characters>, outside public/, so nothing is served but through a
// route that checks the database first. Every upload goes the same way:
//   1. `writeUpload` before the transaction: a new random name (128 bits, never reused), the bytes written under
//      a temporary name (mode 0600) and renamed, so a reader never sees half a file;
//   2. `recordUpload` / `forgetUpload` inside the caller's transaction: the stored_files row;
//   3. after it, `removeUploads`: the files of a transaction that failed, or of the rows it dropped.
// The checks of what the bytes are belong to each use (processLogo, the charter's checkCharterDocument, the
// tenders' checkTenderDocument with its 10 MB cap).

/** Bytes on disk that a transaction has yet to record. */
export interface WrittenUpload {
  id: string;
  sha256: string;
  byteSize: number;
}

export interface UploadDetails {
  purpose: StoredFilePurpose;
  /** The type of the stored bytes, found from them. */
  contentType: string;
  /** The name the browser gave (cleaned here), for display only. */
  originalName: string | null;
  organisationId: number | null;
  uploadedByUserId: number | null;
}

function fileOf(dir: string, id: string): string {
  if (!isStoredFileId(id)) throw new Error(`not a stored file id: ${id}`);
  return path.join(dir, id);
}

/** Writes the bytes under a new random name; throws the file system's error (ENOSPC, EROFS, EACCES…). */
export async function writeUpload(dir: string, bytes: Uint8Array): Promise<WrittenUpload> {
  const id = crypto.randomBytes(16).toString('hex');
  const target = fileOf(dir, id);
  await fs.mkdir(dir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  return { id, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), byteSize: bytes.byteLength };
}

/** The stored_files row of written bytes, in the caller's transaction. */
export async function recordUpload(
  trx: Executor,
  file: WrittenUpload,
  details: UploadDetails,
  now: string,
): Promise<void> {
  await insertStoredFile(trx, {
    id: file.id,
    purpose: details.purpose,
    content_type: details.contentType,
    byte_size: file.byteSize,
    sha256: file.sha256,
    original_name: cleanOriginalName(details.originalName),
    organisation_id: details.organisationId,
    uploaded_by_user_id: details.uploadedByUserId,
    created_at: now,
  });
}

/** Drops a file's row in the caller's transaction; its bytes leave the disk after the commit (removeUploads). */
export async function forgetUpload(trx: Executor, id: string): Promise<void> {
  await deleteStoredFileRow(trx, id);
}

/** Removes files from disk; a file already gone is fine. Throws the first other error, after trying them all. */
export async function removeUploads(dir: string, ids: readonly string[]): Promise<void> {
  const outcomes = await Promise.allSettled(ids.map((id) => fs.rm(fileOf(dir, id), { force: true })));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Which stored file a route may serve: some supplier's current logo, a charter PDF of this organisation, or a
 * tender's document (the service has found it through its tender_documents row and checked who may read it), or a
 * bid's document (the caller found its id on a checklist item of the bid it authorised, decision 246).
 */
export type UploadWanted =
  | { purpose: 'logo' }
  | { purpose: 'charter-evidence'; organisationId: number }
  | { purpose: 'tender-document' }
  | { purpose: 'bid-document' };

/**
 * A stored file and its bytes when the id is well formed, its row is what the caller wants, and the bytes are on
 * disk; null otherwise (the route answers 404).
 */
export async function readUpload(
  db: Executor,
  dir: string,
  id: string | undefined,
  wanted: UploadWanted,
): Promise<{ file: StoredFile; bytes: Buffer } | null> {
  if (!isStoredFileId(id)) return null;
  const file = wanted.purpose === 'logo' ? await findCurrentLogoFile(db, id) : await findStoredFile(db, id);
  if (!file || file.purpose !== wanted.purpose) return null;
  if (wanted.purpose === 'charter-evidence' && file.organisation_id !== wanted.organisationId) return null;
  try {
    return { file, bytes: await fs.readFile(fileOf(dir, id)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** An upload older than this that nothing records or points at is left over (decision 144). */
export const ORPHAN_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;

export interface UploadsCleanup {
  /** Rows (and their files) that nothing pointed at any more. */
  rows: number;
  /** Files on disk without a row: a crash between the write and the commit, or an aborted upload. */
  files: number;
}

/**
 * The daily clean-up of the uploads: rows nothing points at (a replaced draft document…) and files no row
 * records, both older than a day so an upload in flight is never touched. Temporary files of a crashed write
 * (`<id>.<pid>.tmp`) go too.
 */
export async function cleanUpUploads(db: DB, dir: string, now: Date): Promise<UploadsCleanup> {
  const before = new Date(now.getTime() - ORPHAN_UPLOAD_AGE_MS);
  const unreferenced = await listUnreferencedStoredFiles(db, before.toISOString());
  for (const id of unreferenced) await deleteStoredFileRow(db, id);
  await removeUploads(dir, unreferenced);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rows: unreferenced.length, files: 0 };
    throw error;
  }
  const candidates: string[] = [];
  for (const name of names) {
    const id = name.split('.')[0];
    if (!isStoredFileId(id)) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile() && stat.mtimeMs < before.getTime()) candidates.push(name);
  }
  const recorded = await existingStoredFileIds(
    db,
    candidates.filter((n) => !n.includes('.')),
  );
  const orphans = candidates.filter((n) => n.includes('.') || !recorded.has(n));
  await Promise.all(orphans.map((n) => fs.rm(path.join(dir, n), { force: true })));
  return { rows: unreferenced.length, files: orphans.length };
}
