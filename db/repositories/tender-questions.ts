import type { Executor } from '../connection';

// Suppliers' questions on a tender and the buyer's answers (decision 260). Functions take the database or a
// transaction; the services own the transactions and the rules (app/domain/tenders/questions.ts).

export interface TenderQuestionRecord {
  id: number;
  tenderId: number;
  supplierId: number;
  /** The asker's name: shown to the buyer only, never on the public page. */
  supplierName: string;
  question: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

function questions(db: Executor) {
  return db
    .selectFrom('tender_questions as q')
    .innerJoin('suppliers as s', 's.id', 'q.supplier_id')
    .select([
      'q.id',
      'q.tender_id',
      'q.supplier_id',
      's.name as supplier_name',
      'q.question',
      'q.answer',
      'q.answered_at',
      'q.created_at',
    ]);
}

type Row = {
  id: number;
  tender_id: number;
  supplier_id: number;
  supplier_name: string;
  question: string;
  answer: string | null;
  answered_at: string | null;
  created_at: string;
};

function record(row: Row): TenderQuestionRecord {
  return {
    id: row.id,
    tenderId: row.tender_id,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    question: row.question,
    answer: row.answer,
    answeredAt: row.answered_at,
    createdAt: row.created_at,
  };
}

export async function insertTenderQuestion(
  db: Executor,
  input: { tenderId: number; supplierId: number; userId: number; question: string; now: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('tender_questions')
    .values({
      tender_id: input.tenderId,
      supplier_id: input.supplierId,
      asked_by_user_id: input.userId,
      question: input.question,
      created_at: input.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Every question of a tender, the oldest first (the buyer's page). */
export async function listTenderQuestions(db: Executor, tenderId: number): Promise<TenderQuestionRecord[]> {
  const rows = await questions(db)
    .where('q.tender_id', '=', tenderId)
    .orderBy('q.created_at')
    .orderBy('q.id')
    .execute();
  return rows.map(record);
}

/** The answered questions of a tender, the oldest question first (the public page). */
export async function listAnsweredQuestions(db: Executor, tenderId: number): Promise<TenderQuestionRecord[]> {
  const rows = await questions(db)
    .where('q.tender_id', '=', tenderId)
    .where('q.answer', 'is not', null)
    .orderBy('q.created_at')
    .orderBy('q.id')
    .execute();
  return rows.map(record);
}

/** The questions some suppliers asked on a tender, answered or not (what an asker sees of its own). */
export async function listQuestionsOfSuppliers(
  db: Executor,
  tenderId: number,
  supplierIds: readonly number[],
): Promise<TenderQuestionRecord[]> {
  if (supplierIds.length === 0) return [];
  const rows = await questions(db)
    .where('q.tender_id', '=', tenderId)
    .where('q.supplier_id', 'in', [...supplierIds])
    .orderBy('q.created_at')
    .orderBy('q.id')
    .execute();
  return rows.map(record);
}

export async function findTenderQuestion(
  db: Executor,
  tenderId: number,
  questionId: number,
): Promise<TenderQuestionRecord | undefined> {
  const row = await questions(db).where('q.tender_id', '=', tenderId).where('q.id', '=', questionId).executeTakeFirst();
  return row ? record(row) : undefined;
}

export async function writeTenderAnswer(
  db: Executor,
  input: { questionId: number; answer: string; userId: number; now: Date },
): Promise<void> {
  await db
    .updateTable('tender_questions')
    .set({ answer: input.answer, answered_by_user_id: input.userId, answered_at: input.now.toISOString() })
    .where('id', '=', input.questionId)
    .execute();
}
