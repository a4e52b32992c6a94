import type { Executor } from '../connection';

// A tender's documents (decision 255): rows of tender_documents pointing at a stored file (purpose
// 'tender-document'). The bytes are handled by the file store (app/services/uploads/file-store.server.ts) only.

export interface TenderDocumentRecord {
  id: number;
  tenderId: number;
  fileId: string;
  title: string;
  position: number;
  createdAt: string;
  byteSize: number;
  originalName: string | null;
}

function select(db: Executor) {
  return db
    .selectFrom('tender_documents as d')
    .innerJoin('stored_files as f', 'f.id', 'd.file_id')
    .select([
      'd.id',
      'd.tender_id as tenderId',
      'd.file_id as fileId',
      'd.title',
      'd.position',
      'd.created_at as createdAt',
      'f.byte_size as byteSize',
      'f.original_name as originalName',
    ]);
}

/** The tender's documents in their order (the order they were added). */
export function listTenderDocuments(db: Executor, tenderId: number): Promise<TenderDocumentRecord[]> {
  return select(db).where('d.tender_id', '=', tenderId).orderBy('d.position').orderBy('d.id').execute();
}

/** One document of this tender, or undefined (unknown id, or another tender's). */
export function findTenderDocument(
  db: Executor,
  tenderId: number,
  documentId: number,
): Promise<TenderDocumentRecord | undefined> {
  return select(db).where('d.tender_id', '=', tenderId).where('d.id', '=', documentId).executeTakeFirst();
}

export async function insertTenderDocument(
  db: Executor,
  input: { tenderId: number; fileId: string; title: string; now: string },
): Promise<number> {
  const last = await db
    .selectFrom('tender_documents')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('tender_id', '=', input.tenderId)
    .executeTakeFirst();
  const { id } = await db
    .insertInto('tender_documents')
    .values({
      tender_id: input.tenderId,
      file_id: input.fileId,
      title: input.title,
      position: Number(last?.position ?? 0) + 1,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteTenderDocument(db: Executor, tenderId: number, documentId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('tender_documents')
    .where('tender_id', '=', tenderId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
