import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  createAssessment,
  findCharterSupplier,
  findOrganisationForCharter,
  listAnswers,
  listAssessments,
  updateAssessment,
  updateSupplierColumns,
  writeAnswers,
  type CharterSupplier,
} from '../../../db/repositories/charter-assessments';
import { enqueueSearchSync } from '../../../db/repositories/outbox';
import { listCharterCriteria } from '../../../db/repositories/reference';
import type { CharterAnswerRow, CharterAssessment } from '../../../db/schema';
import {
  CHARTER_MESSAGES,
  type AssessmentIntent,
  charterStatusOnSubmit,
  checkCharterDocument,
  DOCUMENT_CONTENT_TYPE,
  documentField,
  isEditable,
  parseAssessmentForm,
} from '~/domain/charter-assessment';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';
import { logFault } from '../log.server';
import { detectContentType } from '../uploads/detect.server';
import { recordUpload, removeUploads, writeUpload, type WrittenUpload } from '../uploads/file-store.server';
import type { UploadedDocument } from './files.server';

// The supplier's side of the charter (issue 6 §4, decision 140): its page (criteria, the current version, the
// history with the moderators' notes), saving a draft and submitting it. A submitted version is frozen; after
// a decision, the next save starts a new version prefilled with the last one's answers and documents.

export interface CriterionView {
  code: string;
  position: number;
  title: string;
  description: string;
}

export interface AssessmentView {
  id: number;
  version: number;
  status: CharterAssessment['status'];
  createdAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  answers: CharterAnswerRow[];
}

export interface CharterPageData {
  organisation: { id: number; name: string };
  supplier: CharterSupplier;
  criteria: CriterionView[];
  /** The newest version, or null when none was started. */
  latest: AssessmentView | null;
  /** Whether the form can be saved now (no version waits for a moderator). */
  editable: boolean;
  history: AssessmentView[];
}

function toView(assessment: CharterAssessment, answers: CharterAnswerRow[]): AssessmentView {
  return {
    id: assessment.id,
    version: assessment.version,
    status: assessment.status,
    createdAt: assessment.created_at,
    submittedAt: assessment.submitted_at,
    reviewedAt: assessment.reviewed_at,
    reviewNote: assessment.review_note,
    answers: answers.filter((a) => a.assessment_id === assessment.id),
  };
}

/** The charter page of a supplier organisation, or null when the organisation is not a supplier's. */
export async function getCharterPage(db: DB, organisationId: number): Promise<CharterPageData | null> {
  const organisation = await findOrganisationForCharter(db, organisationId);
  if (!organisation || organisation.kind !== 'supplier' || organisation.supplierId === null) return null;
  const supplier = await findCharterSupplier(db, organisation.supplierId);
  if (!supplier) return null;
  const criteria = await listCharterCriteria(db);
  const assessments = await listAssessments(db, supplier.id);
  const answers = await listAnswers(
    db,
    assessments.map((a) => a.id),
  );
  const views = assessments.map((a) => toView(a, answers));
  const latest = views[0] ?? null;
  return {
    organisation: { id: organisation.id, name: organisation.name },
    supplier,
    criteria,
    latest,
    editable: latest === null || latest.status !== 'submitted',
    history: views,
  };
}

export interface SaveAssessmentInput {
  organisationId: number;
  actor: { userId: number; email: string };
  intent: AssessmentIntent;
  /** The form's text fields. */
  fields: Record<string, unknown>;
  /** The uploaded PDFs by criterion code (absent: none sent for that criterion). */
  documents: Record<string, UploadedDocument>;
  uploadsDir: string;
}

export type SaveAssessmentRefusal = { kind: 'invalid'; issues: FieldIssue[] } | { kind: 'not-found' };

/** Saves the draft (`save`) or saves and submits it (`submit`). Nothing is written when an issue is found. */
export async function saveAssessment(
  db: DB,
  input: SaveAssessmentInput,
  now: Date = new Date(),
): Promise<Result<{ assessmentId: number; version: number; submitted: boolean }, SaveAssessmentRefusal>> {
  const organisation = await findOrganisationForCharter(db, input.organisationId);
  if (!organisation || organisation.kind !== 'supplier' || organisation.supplierId === null)
    return fail({ kind: 'not-found' });
  const supplierId = organisation.supplierId;
  const codes = (await listCharterCriteria(db)).map((c) => c.code);

  const parsed = parseAssessmentForm(codes, input.intent, input.fields);
  const issues: FieldIssue[] = parsed.ok ? [] : [...parsed.error];
  for (const code of codes) {
    const document = input.documents[code];
    if (!document) continue;
    const problem = checkCharterDocument(await detectContentType(document.bytes), document.size);
    if (problem) issues.push({ field: documentField(code), message: problem });
  }
  if (!parsed.ok || issues.length > 0) return fail({ kind: 'invalid', issues });

  const iso = now.toISOString();
  // Written before the transaction, recorded in it, removed again if it fails (the file store's way).
  const writtenByCode = new Map<string, WrittenUpload>();
  const discard = () =>
    removeUploads(
      input.uploadsDir,
      [...writtenByCode.values()].map((f) => f.id),
    ).catch((error) => logFault('charter-upload-cleanup', error));
  try {
    for (const code of codes) {
      const document = input.documents[code];
      if (document) writtenByCode.set(code, await writeUpload(input.uploadsDir, document.bytes));
    }

    const outcome = await db.transaction().execute(async (trx) => {
      const supplier = await findCharterSupplier(trx, supplierId);
      if (!supplier) return fail<SaveAssessmentRefusal>({ kind: 'not-found' });
      const [latest] = await listAssessments(trx, supplierId);
      if (latest && latest.status === 'submitted')
        return fail<SaveAssessmentRefusal>({
          kind: 'invalid',
          issues: [{ field: '', message: CHARTER_MESSAGES.notEditable }],
        });
      // A decided version stays as it was; the new one starts from its documents.
      const previousAnswers = latest ? await listAnswers(trx, [latest.id]) : [];
      const previousDocuments = new Map(previousAnswers.map((a) => [a.criterion_code, a.document_file_id]));
      const assessmentId =
        latest && isEditable(latest.status) ? latest.id : await createAssessment(trx, supplierId, iso);
      const version = latest && isEditable(latest.status) ? latest.version : (latest?.version ?? 0) + 1;

      for (const [code, file] of writtenByCode)
        await recordUpload(
          trx,
          file,
          {
            purpose: 'charter-evidence',
            contentType: DOCUMENT_CONTENT_TYPE,
            originalName: input.documents[code].name || 'document.pdf',
            organisationId: organisation.id,
            uploadedByUserId: input.actor.userId,
          },
          iso,
        );
      await writeAnswers(
        trx,
        assessmentId,
        parsed.value.map((answer) => ({
          code: answer.code,
          answer: answer.answer,
          evidence: answer.evidence,
          documentFileId:
            writtenByCode.get(answer.code)?.id ??
            (answer.removeDocument ? null : (previousDocuments.get(answer.code) ?? null)),
        })),
      );
      await updateAssessment(trx, assessmentId, { updated_at: iso });

      if (input.intent === 'submit') {
        await updateAssessment(
          trx,
          assessmentId,
          {
            status: 'submitted',
            submitted_at: iso,
            submitted_by_user_id: input.actor.userId,
            previous_charter_status: supplier.charterStatus,
          },
          'draft',
        );
        const status = charterStatusOnSubmit(supplier.charterStatus);
        if (status !== supplier.charterStatus) {
          await updateSupplierColumns(trx, supplierId, { charter_status: status, updated_at: iso });
          await enqueueSearchSync(trx, [supplierId]);
        }
        await appendAudit(trx, {
          now: iso,
          actor: input.actor,
          action: 'charter.submitted',
          subject: { type: 'charter-assessment', id: assessmentId },
          organisationId: organisation.id,
          supplierId,
          details: { version, charterStatusBefore: supplier.charterStatus, charterStatusAfter: status },
        });
      }
      return ok({ assessmentId, version, submitted: input.intent === 'submit' });
    });
    if (!outcome.ok) await discard();
    return outcome;
  } catch (error) {
    await discard();
    throw error;
  }
}
