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

/**
 * Rows that nothing points at any more, created before `before`: a logo that is no supplier's current logo, a
 * charter document that no answer of any version names (a draft's replaced document), a bid document no checklist
 * item holds. Kept answers of old versions keep their documents.
 */
export async function listUnreferencedStoredFiles(db: Executor, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom('stored_files as f')
    .select('f.id')
    .where('f.created_at', '<', before)
    .where((eb) =>
      eb.and([
        eb.not(eb.exists(eb.selectFrom('suppliers as s').select('s.id').whereRef('s.logo_file_id', '=', 'f.id'))),
        eb.not(
          eb.exists(
            eb.selectFrom('charter_answers as a').select('a.assessment_id').whereRef('a.document_file_id', '=', 'f.id'),
          ),
        ),
        eb.not(eb.exists(eb.selectFrom('bid_checklist_items as b').select('b.id').whereRef('b.file_id', '=', 'f.id'))),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Which of these ids have a row (the others are files on disk that no transaction recorded). */
export async function existingStoredFileIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('stored_files').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
