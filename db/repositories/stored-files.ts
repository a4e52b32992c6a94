import type { Executor } from '../connection';
import type { StoredFile, StoredFilesTable } from '../schema';

// Uploaded files (decision 120, docs/decisions/131-uploads-and-logos.md): the row describes bytes kept on disk
// under UPLOADS_DIR/<id>. Functions take the database or a transaction first. Only the file store
// (app/services/uploads/file-store.server.ts) calls them, so a row and its bytes are always handled together.

export async function insertStoredFile(db: Executor, file: StoredFilesTable): Promise<void> {
  await db.insertInto('stored_files').values(file).execute();
}

export async function deleteStoredFileRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('stored_files').where('id', '=', id).execute();
}

export function findStoredFile(db: Executor, id: string): Promise<StoredFile | undefined> {
  return db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The logo file with this id when it is some supplier's current logo, else undefined. */
export function findCurrentLogoFile(db: Executor, id: string): Promise<StoredFile | undefined> {
  return db
    .selectFrom('stored_files as f')
    .innerJoin('suppliers as s', 's.logo_file_id', 'f.id')
    .selectAll('f')
    .where('f.id', '=', id)
    .where('f.purpose', '=', 'logo')
    .executeTakeFirst();
}
