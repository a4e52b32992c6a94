import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  findAssessment,
  findCharterSupplier,
  findOrganisationOfSupplier,
  listAnswers,
  listSubmittedAssessments,
  updateAssessment,
  updateSupplierColumns,
  writeReview,
  type CharterSupplier,
  type QueuedAssessment,
} from '../../../db/repositories/charter-assessments';
import { enqueueSearchSync } from '../../../db/repositories/outbox';
import { listCharterCriteria } from '../../../db/repositories/reference';
import type { CharterAnswerRow, CharterAssessment } from '../../../db/schema';
import { charterExpiresAt } from '~/domain/charter';
import {
  CHARTER_ANSWER_LABELS,
  CHARTER_MESSAGES,
  CRITERION_REVIEW_LABELS,
  canTransition,
  charterStatusOnRejection,
  parseReviewForm,
  reviewOutcome,
} from '~/domain/charter-assessment';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';
import type { CriterionView } from './assessment.server';
import { DATE_FORMAT, charterPageUrl, mailOwners } from './mail.server';

// The moderators' side of the charter (decision 140): the queue of submitted versions, the review of each
// criterion (validated, or refused with a note), and the decision: verified when every criterion is
// validated (the supplier's charter is verified and its sheet published unless suspended), else rejected
// (the supplier's charter status goes back to what it was). The owners get the decision by mail; every step
// is in the audit log; the search index hears of the change through the outbox.

export function listReviewQueue(db: DB): Promise<QueuedAssessment[]> {
  return listSubmittedAssessments(db);
}

export interface ReviewPageData {
  assessment: CharterAssessment;
  supplier: CharterSupplier;
  organisation: { id: number; name: string } | null;
  criteria: CriterionView[];
  answers: CharterAnswerRow[];
}

export async function getReviewPage(db: DB, assessmentId: number): Promise<ReviewPageData | null> {
  const assessment = await findAssessment(db, assessmentId);
  if (!assessment) return null;
  const supplier = await findCharterSupplier(db, assessment.supplier_id);
  if (!supplier) return null;
  return {
    assessment,
    supplier,
    organisation: (await findOrganisationOfSupplier(db, supplier.id)) ?? null,
    criteria: await listCharterCriteria(db),
    answers: await listAnswers(db, [assessment.id]),
  };
}

export interface ReviewInput {
  assessmentId: number;
  intent: 'save' | 'decide';
  fields: Record<string, unknown>;
  actor: { userId: number; email: string };
  /** The site's origin, for the link in the mail. */
  origin: string;
}

export type ReviewRefusal = { kind: 'invalid'; issues: FieldIssue[] } | { kind: 'not-found' };

/** Records the criteria's reviews (`save`) and, with `decide`, the decision. Nothing is written on an issue. */
export async function reviewAssessment(
  db: DB,
  input: ReviewInput,
  now: Date = new Date(),
): Promise<Result<{ outcome: 'verified' | 'rejected' | null }, ReviewRefusal>> {
  const codes = (await listCharterCriteria(db)).map((c) => c.code);
  const parsed = parseReviewForm(codes, input.intent, input.fields);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const iso = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const assessment = await findAssessment(trx, input.assessmentId);
    if (!assessment) return fail<ReviewRefusal>({ kind: 'not-found' });
    if (assessment.status !== 'submitted')
      return fail<ReviewRefusal>({ kind: 'invalid', issues: [{ field: '', message: CHARTER_MESSAGES.notSubmitted }] });
    const supplier = await findCharterSupplier(trx, assessment.supplier_id);
    if (!supplier) return fail<ReviewRefusal>({ kind: 'not-found' });
    const organisation = await findOrganisationOfSupplier(trx, supplier.id);
    const answers = new Map((await listAnswers(trx, [assessment.id])).map((a) => [a.criterion_code, a]));
    const context = { organisationId: organisation?.id ?? null, supplierId: supplier.id };

    for (const review of parsed.value.reviews) {
      const stored = answers.get(review.code);
      const note = review.note === '' ? null : review.note;
      if (!stored || (stored.review === review.review && stored.review_note === note)) continue;
      await writeReview(trx, assessment.id, review.code, review.review, note);
      if (review.review)
        await appendAudit(trx, {
          now: iso,
          actor: input.actor,
          action: review.review === 'validated' ? 'charter.criterion-validated' : 'charter.criterion-rejected',
          subject: { type: 'charter-assessment', id: assessment.id },
          ...context,
          reason: note,
          details: { criterion: review.code, version: assessment.version },
        });
    }
    if (input.intent === 'save') return ok({ outcome: null });

    const outcome = reviewOutcome(parsed.value.reviews);
    if (!outcome || !canTransition(assessment.status, outcome)) throw new Error('review: incomplete decision');
    const decisionNote = parsed.value.note === '' ? null : parsed.value.note;
    await updateAssessment(
      trx,
      assessment.id,
      {
        status: outcome,
        reviewed_at: iso,
        reviewed_by_user_id: input.actor.userId,
        review_note: decisionNote,
        updated_at: iso,
      },
      'submitted',
    );

    if (outcome === 'verified') {
      const publish = supplier.publicationStatus === 'draft';
      await updateSupplierColumns(trx, supplier.id, {
        charter_status: 'verified',
        charter_verified_at: iso,
        charter_expiry_warned_at: null,
        updated_at: iso,
        // A sheet is published once its charter is verified; a suspended one is published on restoration.
        ...(supplier.publicationStatus === 'suspended'
          ? { publication_before_suspension: 'published' as const }
          : { publication_status: 'published' as const }),
      });
      await appendAudit(trx, {
        now: iso,
        actor: input.actor,
        action: 'charter.verified',
        subject: { type: 'charter-assessment', id: assessment.id },
        ...context,
        reason: decisionNote,
        details: { version: assessment.version, charterStatusBefore: supplier.charterStatus },
      });
      if (publish)
        await appendAudit(trx, {
          now: iso,
          actor: input.actor,
          action: 'supplier.published',
          subject: { type: 'supplier', id: supplier.id },
          ...context,
          reason: 'Charte vérifiée',
          details: { publicationStatusBefore: supplier.publicationStatus },
        });
    } else {
      const status = charterStatusOnRejection(supplier.charterStatus, assessment.previous_charter_status);
      if (status !== supplier.charterStatus)
        await updateSupplierColumns(trx, supplier.id, { charter_status: status, updated_at: iso });
      await appendAudit(trx, {
        now: iso,
        actor: input.actor,
        action: 'charter.rejected',
        subject: { type: 'charter-assessment', id: assessment.id },
        ...context,
        reason: decisionNote,
        details: {
          version: assessment.version,
          charterStatusBefore: supplier.charterStatus,
          charterStatusAfter: status,
        },
      });
    }
    await enqueueSearchSync(trx, [supplier.id]);

    if (organisation) {
      const criteria = await listCharterCriteria(trx);
      const lines = criteria.map((c) => {
        const review = parsed.value.reviews.find((r) => r.code === c.code);
        const answer = answers.get(c.code)?.answer;
        const label = review?.review ? CRITERION_REVIEW_LABELS[review.review] : '';
        const note = review?.note ? ` — ${review.note}` : '';
        return `${c.position}. ${c.title} (réponse : ${answer ? CHARTER_ANSWER_LABELS[answer] : 'aucune'}) : ${label}${note}`;
      });
      await mailOwners(
        trx,
        organisation.id,
        outcome === 'verified'
          ? {
              subject: `Votre charte est vérifiée — ${supplier.name} — Maillage`,
              paragraphs: [
                `Un modérateur a vérifié l’auto-évaluation (version ${assessment.version}) de ${supplier.name} : la charte est vérifiée jusqu’au ${DATE_FORMAT.format(new Date(charterExpiresAt(iso)))}.`,
                supplier.publicationStatus === 'suspended'
                  ? 'Votre fiche reste suspendue par la modération ; elle sera publiée avec le badge « Charte vérifiée » une fois rétablie.'
                  : 'Votre fiche est publiée dans le catalogue, avec le badge « Charte vérifiée ».',
                ...(decisionNote ? [`Note du modérateur : ${decisionNote}`] : []),
                'Détail par critère :',
                ...lines,
              ],
              action: { label: 'Voir la charte', url: charterPageUrl(input.origin, organisation.id) },
            }
          : {
              subject: `Votre auto-évaluation de la charte est à reprendre — ${supplier.name} — Maillage`,
              paragraphs: [
                `Un modérateur n’a pas validé l’auto-évaluation (version ${assessment.version}) de ${supplier.name}.`,
                'Les critères refusés sont expliqués ci-dessous ; corrigez-les puis envoyez une nouvelle version.',
                ...(decisionNote ? [`Note du modérateur : ${decisionNote}`] : []),
                'Détail par critère :',
                ...lines,
              ],
              action: { label: 'Reprendre l’auto-évaluation', url: charterPageUrl(input.origin, organisation.id) },
            },
        now,
      );
    }
    return ok({ outcome });
  });
}
