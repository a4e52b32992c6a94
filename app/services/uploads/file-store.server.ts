import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isStoredFileId } from '~/domain/sheet/logo';

// The uploaded files on disk (docs/decisions/131-uploads-and-logos.md): UPLOADS_DIR/<32 hex characters>,
// outside public/, so nothing is served but through a route that checks the database first. A file is written
// under a temporary name and renamed, so a reader never sees half a file.

/** A new random name: 128 bits, never reused. */
export function newStoredFileId(): string {
  return crypto.randomBytes(16).toString('hex');
}

function fileOf(dir: string, id: string): string {
  if (!isStoredFileId(id)) throw new Error(`not a stored file id: ${id}`);
  return path.join(dir, id);
}

/** Writes the bytes; throws the file system's error (ENOSPC, EROFS, EACCES…) for the caller to classify. */
export async function writeStoredFile(dir: string, id: string, bytes: Uint8Array): Promise<void> {
  const target = fileOf(dir, id);
  await fs.mkdir(dir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, bytes, { flag: 'wx', mode: 0o640 });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The bytes of a stored file, or null when it is not on disk. */
export async function readStoredFile(dir: string, id: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(fileOf(dir, id));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes a stored file; a file already gone is fine. */
export async function removeStoredFile(dir: string, id: string): Promise<void> {
  await fs.rm(fileOf(dir, id), { force: true });
}
