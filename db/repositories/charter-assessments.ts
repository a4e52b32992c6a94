import type { Updateable } from 'kysely';
import type { CharterStatus } from '../../app/domain/charter';
import type { AssessmentStatus, CharterAnswer, CriterionReview } from '../../app/domain/charter-assessment';
import type { PublicationStatus } from '../../app/domain/supplier';
import type { Executor } from '../connection';
import type { CharterAnswerRow, CharterAssessment, CharterAssessmentsTable, SuppliersTable } from '../schema';

// The charter self-assessments and their answers (decision 140), the supplier columns the charter and the
// moderation change, and the organisation's owners to write to. Functions take the database or a transaction.

export interface SupplierOrganisation {
  id: number;
  name: string;
  kind: 'supplier' | 'buyer';
  supplierId: number | null;
}

export async function findOrganisationForCharter(
  db: Executor,
  organisationId: number,
): Promise<SupplierOrganisation | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'supplier_id'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, kind: row.kind, supplierId: row.supplier_id } : undefined;
}

/** The organisation of a supplier (at most one), or undefined when nobody has claimed it. */
export async function findOrganisationOfSupplier(
  db: Executor,
  supplierId: number,
): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'name']).where('supplier_id', '=', supplierId).executeTakeFirst();
}

export interface CharterSupplier {
  id: number;
  name: string;
  slug: string;
  siret: string;
  charterStatus: CharterStatus;
  charterVerifiedAt: string | null;
  charterExpiryWarnedAt: string | null;
  publicationStatus: PublicationStatus;
  publicationBeforeSuspension: 'draft' | 'published' | null;
}

const SUPPLIER_COLUMNS = [
  'id',
  'name',
  'slug',
  'siret',
  'charter_status',
  'charter_verified_at',
  'charter_expiry_warned_at',
  'publication_status',
  'publication_before_suspension',
] as const;

function toCharterSupplier(row: {
  id: number;
  name: string;
  slug: string;
  siret: string;
  charter_status: CharterStatus;
  charter_verified_at: string | null;
  charter_expiry_warned_at: string | null;
  publication_status: PublicationStatus;
  publication_before_suspension: 'draft' | 'published' | null;
}): CharterSupplier {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    siret: row.siret,
    charterStatus: row.charter_status,
    charterVerifiedAt: row.charter_verified_at,
    charterExpiryWarnedAt: row.charter_expiry_warned_at,
    publicationStatus: row.publication_status,
    publicationBeforeSuspension: row.publication_before_suspension,
  };
}

export async function findCharterSupplier(db: Executor, supplierId: number): Promise<CharterSupplier | undefined> {
  const row = await db.selectFrom('suppliers').select(SUPPLIER_COLUMNS).where('id', '=', supplierId).executeTakeFirst();
  return row ? toCharterSupplier(row) : undefined;
}

/** Verified charters verified before `before` (ISO): the daily job's candidates, checked by the exact rule. */
export async function listVerifiedCharterSuppliers(db: Executor, before: string): Promise<CharterSupplier[]> {
  const rows = await db
    .selectFrom('suppliers')
    .select(SUPPLIER_COLUMNS)
    .where('charter_status', '=', 'verified')
    .where('charter_verified_at', 'is not', null)
    .where('charter_verified_at', '<=', before)
    .orderBy('id')
    .execute();
  return rows.map(toCharterSupplier);
}

export async function updateSupplierColumns(
  db: Executor,
  supplierId: number,
  patch: Updateable<SuppliersTable>,
): Promise<void> {
  await db.updateTable('suppliers').set(patch).where('id', '=', supplierId).execute();
}

// Assessments.

export async function listAssessments(db: Executor, supplierId: number): Promise<CharterAssessment[]> {
  return db
    .selectFrom('charter_assessments')
    .selectAll()
    .where('supplier_id', '=', supplierId)
    .orderBy('version', 'desc')
    .execute();
}

export async function findAssessment(db: Executor, id: number): Promise<CharterAssessment | undefined> {
  return db.selectFrom('charter_assessments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The supplier's last verified version, or undefined. */
export async function findLatestVerifiedAssessment(
  db: Executor,
  supplierId: number,
): Promise<CharterAssessment | undefined> {
  return db
    .selectFrom('charter_assessments')
    .selectAll()
    .where('supplier_id', '=', supplierId)
    .where('status', '=', 'verified')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function createAssessment(db: Executor, supplierId: number, now: string): Promise<number> {
  const last = await db
    .selectFrom('charter_assessments')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
  const row = await db
    .insertInto('charter_assessments')
    .values({
      supplier_id: supplierId,
      version: Number(last?.version ?? 0) + 1,
      status: 'draft',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAssessment(
  db: Executor,
  id: number,
  patch: Updateable<CharterAssessmentsTable>,
  expectedStatus?: AssessmentStatus,
): Promise<boolean> {
  let update = db.updateTable('charter_assessments').set(patch).where('id', '=', id);
  if (expectedStatus) update = update.where('status', '=', expectedStatus);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listAnswers(db: Executor, assessmentIds: number[]): Promise<CharterAnswerRow[]> {
  if (assessmentIds.length === 0) return [];
  return db
    .selectFrom('charter_answers')
    .innerJoin('charter_criteria', 'charter_criteria.code', 'charter_answers.criterion_code')
    .selectAll('charter_answers')
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('assessment_id')
    .orderBy('charter_criteria.position')
    .execute();
}

export interface AnswerWrite {
  code: string;
  answer: CharterAnswer | null;
  evidence: string;
  documentFileId: string | null;
}

/** Replaces the answers of a draft. */
export async function writeAnswers(db: Executor, assessmentId: number, answers: AnswerWrite[]): Promise<void> {
  await db.deleteFrom('charter_answers').where('assessment_id', '=', assessmentId).execute();
  if (answers.length === 0) return;
  await db
    .insertInto('charter_answers')
    .values(
      answers.map((a) => ({
        assessment_id: assessmentId,
        criterion_code: a.code,
        answer: a.answer,
        evidence: a.evidence,
        document_file_id: a.documentFileId,
      })),
    )
    .execute();
}

export async function writeReview(
  db: Executor,
  assessmentId: number,
  code: string,
  review: CriterionReview | null,
  note: string | null,
): Promise<void> {
  await db
    .updateTable('charter_answers')
    .set({ review, review_note: note })
    .where('assessment_id', '=', assessmentId)
    .where('criterion_code', '=', code)
    .execute();
}

// The moderators' queue.

export interface QueuedAssessment {
  id: number;
  version: number;
  submittedAt: string | null;
  supplierId: number;
  supplierName: string;
  siret: string;
}

export async function listSubmittedAssessments(db: Executor): Promise<QueuedAssessment[]> {
  const rows = await db
    .selectFrom('charter_assessments as a')
    .innerJoin('suppliers as s', 's.id', 'a.supplier_id')
    .select(['a.id', 'a.version', 'a.submitted_at', 's.id as supplier_id', 's.name', 's.siret'])
    .where('a.status', '=', 'submitted')
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    submittedAt: r.submitted_at,
    supplierId: r.supplier_id,
    supplierName: r.name,
    siret: r.siret,
  }));
}
