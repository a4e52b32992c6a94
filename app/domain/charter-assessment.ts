import { z } from 'zod';
import { CHARTER_VALIDITY_MONTHS, charterExpiresAt, type CharterStatus } from './charter';
import type { FieldIssue } from './result';

// The charter self-assessment and its review (issue 6 §4, docs/decisions/140-charter-assessments-and-review.md,
// 141-charter-expiry-job.md). Pure rules: the answers and their labels, the evidence's length, the form
// schemas with their French messages, the review rules and transitions, the PDF check from the bytes, and
// the expiry rules as functions of `now`.

/** The states of one version of a supplier's self-assessment. */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'verified', 'rejected'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: 'Brouillon',
  submitted: 'Envoyée, en attente de vérification',
  verified: 'Validée',
  rejected: 'Refusée',
};

export const CHARTER_ANSWERS = ['oui', 'en-partie', 'non'] as const;
export type CharterAnswer = (typeof CHARTER_ANSWERS)[number];

export const CHARTER_ANSWER_LABELS: Record<CharterAnswer, string> = {
  oui: 'Oui',
  'en-partie': 'En partie',
  non: 'Non',
};

export const CRITERION_REVIEWS = ['validated', 'rejected'] as const;
export type CriterionReview = (typeof CRITERION_REVIEWS)[number];

export const CRITERION_REVIEW_LABELS: Record<CriterionReview, string> = {
  validated: 'Critère validé',
  rejected: 'Critère refusé',
};

/** Evidence describes practices: a sentence or two at least. */
export const EVIDENCE_MIN_LENGTH = 80;
export const EVIDENCE_MAX_LENGTH = 4000;
export const REVIEW_NOTE_MAX_LENGTH = 2000;
/** The reason of a suspension or a restoration. */
export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 1000;
/** The public sheet shows this much of each criterion's evidence. */
export const EVIDENCE_SUMMARY_LENGTH = 300;

/** A supporting document: a PDF of at most 5 MB. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_CONTENT_TYPE = 'application/pdf';

// The field names of the self-assessment form, per criterion code.
export const answerField = (code: string) => `answer-${code}`;
export const evidenceField = (code: string) => `evidence-${code}`;
export const documentField = (code: string) => `document-${code}`;
export const removeDocumentField = (code: string) => `removeDocument-${code}`;
// The review form's.
export const reviewField = (code: string) => `review-${code}`;
export const reviewNoteField = (code: string) => `note-${code}`;

export const ASSESSMENT_INTENTS = ['save', 'submit'] as const;
export type AssessmentIntent = (typeof ASSESSMENT_INTENTS)[number];

export const CHARTER_MESSAGES = {
  answerMissing: 'Choisissez une réponse : oui, en partie ou non.',
  evidenceTooShort: `Décrivez vos pratiques en au moins ${EVIDENCE_MIN_LENGTH} caractères : des pratiques, pas des intentions.`,
  evidenceTooLong: `La description ne doit pas dépasser ${EVIDENCE_MAX_LENGTH} caractères.`,
  documentTooLarge: 'Le document dépasse 5 Mo : envoyez un PDF plus léger.',
  documentNotPdf: 'Le document doit être un fichier PDF (son contenu n’est pas celui d’un PDF).',
  notEditable: 'Cette auto-évaluation a été envoyée : elle ne peut plus être modifiée.',
  reviewMissing: 'Indiquez si ce critère est validé ou refusé.',
  reviewNoteMissing: 'Expliquez au fournisseur pourquoi ce critère est refusé.',
  noteTooLong: `La note ne doit pas dépasser ${REVIEW_NOTE_MAX_LENGTH} caractères.`,
  notSubmitted: 'Cette auto-évaluation n’attend pas de décision.',
  reasonTooShort: `Donnez la raison en au moins ${REASON_MIN_LENGTH} caractères.`,
  reasonTooLong: `La raison ne doit pas dépasser ${REASON_MAX_LENGTH} caractères.`,
} as const;

function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

const optionalText = z.preprocess((v) => text(v) || undefined, z.string().optional());

/**
 * The self-assessment form over these criteria. `submit` requires every answer and evidence of at least
 * EVIDENCE_MIN_LENGTH characters; a draft (`save`) may leave them open but never exceed the maximum.
 */
export function assessmentFormSchema(codes: readonly string[], intent: AssessmentIntent) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const code of codes) {
    shape[answerField(code)] =
      intent === 'submit'
        ? z.preprocess(
            (v) => text(v) || undefined,
            z.enum(CHARTER_ANSWERS, { errorMap: () => ({ message: CHARTER_MESSAGES.answerMissing }) }),
          )
        : z.preprocess(
            (v) => text(v) || undefined,
            z.enum(CHARTER_ANSWERS, { errorMap: () => ({ message: CHARTER_MESSAGES.answerMissing }) }).optional(),
          );
    const evidence = z.string().max(EVIDENCE_MAX_LENGTH, CHARTER_MESSAGES.evidenceTooLong);
    shape[evidenceField(code)] = z.preprocess(
      text,
      intent === 'submit' ? evidence.min(EVIDENCE_MIN_LENGTH, CHARTER_MESSAGES.evidenceTooShort) : evidence,
    );
    shape[removeDocumentField(code)] = optionalText;
  }
  return z.object(shape);
}

export interface AnswerInput {
  code: string;
  answer: CharterAnswer | null;
  evidence: string;
  removeDocument: boolean;
}

/** Parses the raw fields of the self-assessment form: one answer per criterion, or the issues per field. */
export function parseAssessmentForm(
  codes: readonly string[],
  intent: AssessmentIntent,
  raw: Record<string, unknown>,
): { ok: true; value: AnswerInput[] } | { ok: false; error: FieldIssue[] } {
  const parsed = assessmentFormSchema(codes, intent).safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message })),
    };
  const data = parsed.data as Record<string, string | undefined>;
  return {
    ok: true,
    value: codes.map((code) => ({
      code,
      answer: (data[answerField(code)] as CharterAnswer | undefined) ?? null,
      evidence: data[evidenceField(code)] ?? '',
      removeDocument: Boolean(data[removeDocumentField(code)]),
    })),
  };
}

/**
 * What is wrong with a supporting document, from its size and the type the service found from its bytes
 * (`file-type`: a PDF starts with `%PDF-`, ISO 32000-1 7.5.2), never its name or the type the browser declares.
 */
export function checkCharterDocument(detected: string | undefined, size: number): string | null {
  if (size > DOCUMENT_MAX_BYTES) return CHARTER_MESSAGES.documentTooLarge;
  if (detected !== DOCUMENT_CONTENT_TYPE) return CHARTER_MESSAGES.documentNotPdf;
  return null;
}

// The review by a moderator.

export interface CriterionReviewInput {
  code: string;
  review: CriterionReview | null;
  note: string;
}

/** Parses the review form; `decide` requires a review of every criterion. A refused criterion needs a note. */
export function parseReviewForm(
  codes: readonly string[],
  intent: 'save' | 'decide',
  raw: Record<string, unknown>,
): { ok: true; value: { reviews: CriterionReviewInput[]; note: string } } | { ok: false; error: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const reviews: CriterionReviewInput[] = [];
  for (const code of codes) {
    const value = text(raw[reviewField(code)]);
    const note = text(raw[reviewNoteField(code)]);
    let review: CriterionReview | null = null;
    if ((CRITERION_REVIEWS as readonly string[]).includes(value)) review = value as CriterionReview;
    else if (value !== '' || intent === 'decide')
      issues.push({ field: reviewField(code), message: CHARTER_MESSAGES.reviewMissing });
    if (note.length > REVIEW_NOTE_MAX_LENGTH)
      issues.push({ field: reviewNoteField(code), message: CHARTER_MESSAGES.noteTooLong });
    else if (review === 'rejected' && note === '')
      issues.push({ field: reviewNoteField(code), message: CHARTER_MESSAGES.reviewNoteMissing });
    reviews.push({ code, review, note });
  }
  const note = text(raw.decisionNote);
  if (note.length > REVIEW_NOTE_MAX_LENGTH)
    issues.push({ field: 'decisionNote', message: CHARTER_MESSAGES.noteTooLong });
  return issues.length > 0 ? { ok: false, error: issues } : { ok: true, value: { reviews, note } };
}

/** An assessment is verified only if every criterion is validated; any refused one rejects it. */
export function reviewOutcome(reviews: readonly { review: CriterionReview | null }[]): 'verified' | 'rejected' | null {
  if (reviews.some((r) => r.review === null)) return null;
  return reviews.every((r) => r.review === 'validated') ? 'verified' : 'rejected';
}

/** The allowed transitions: the supplier submits its draft; a moderator decides a submitted one. */
const TRANSITIONS: Record<AssessmentStatus, readonly AssessmentStatus[]> = {
  draft: ['submitted'],
  submitted: ['verified', 'rejected'],
  verified: [],
  rejected: [],
};

export function canTransition(from: AssessmentStatus, to: AssessmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Only a draft is edited; after a decision, the next save starts a new version. */
export function isEditable(status: AssessmentStatus): boolean {
  return status === 'draft';
}

/**
 * The supplier's charter status once it submits: a verified charter stays verified until the new version is
 * decided or the old one expires; any other becomes pending.
 */
export function charterStatusOnSubmit(current: CharterStatus): CharterStatus {
  return current === 'verified' ? 'verified' : 'pending';
}

/** The supplier's charter status after a refused version: pending goes back to what it was before. */
export function charterStatusOnRejection(current: CharterStatus, previous: CharterStatus | null): CharterStatus {
  if (current !== 'pending') return current;
  return previous && previous !== 'pending' ? previous : 'none';
}

/** The text of a suspension's or restoration's reason, or its issue. */
export function parseReason(raw: unknown): { ok: true; value: string } | { ok: false; error: FieldIssue[] } {
  const reason = text(raw);
  if (reason.length < REASON_MIN_LENGTH)
    return { ok: false, error: [{ field: 'reason', message: CHARTER_MESSAGES.reasonTooShort }] };
  if (reason.length > REASON_MAX_LENGTH)
    return { ok: false, error: [{ field: 'reason', message: CHARTER_MESSAGES.reasonTooLong }] };
  return { ok: true, value: reason };
}

/** The start of the evidence for the public sheet: whole words, an ellipsis when cut. */
export function evidenceSummary(evidence: string, length: number = EVIDENCE_SUMMARY_LENGTH): string {
  const clean = evidence.replace(/\s+/g, ' ').trim();
  if (clean.length <= length) return clean;
  const cut = clean.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

// Expiry (docs/decisions/141-charter-expiry-job.md).

/** The owners are warned this many days before a verified charter expires. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When the owners of a charter verified at this date are warned (ISO). */
export function charterWarningAt(verifiedAt: string): string {
  return new Date(Date.parse(charterExpiresAt(verifiedAt)) - EXPIRY_WARNING_DAYS * DAY_MS).toISOString();
}

/**
 * What the daily job does to a verified charter now: `expire` once its 12 months are over, `warn` from 30 days
 * before (once: not when the owners were warned since this verification), else nothing.
 */
export function charterExpiryAction(
  charter: { status: CharterStatus; verifiedAt: string | null; warnedAt: string | null },
  now: Date,
): 'expire' | 'warn' | null {
  if (charter.status !== 'verified' || !charter.verifiedAt) return null;
  if (now.getTime() >= Date.parse(charterExpiresAt(charter.verifiedAt))) return 'expire';
  const warned = charter.warnedAt !== null && charter.warnedAt >= charter.verifiedAt;
  if (!warned && now.getTime() >= Date.parse(charterWarningAt(charter.verifiedAt))) return 'warn';
  return null;
}

/** Verified before this date (ISO), a charter may need the job now: a cheap filter before the exact rule. */
export function expiryCandidatesBefore(now: Date): string {
  const date = new Date(now.getTime() + (EXPIRY_WARNING_DAYS + 1) * DAY_MS);
  date.setUTCMonth(date.getUTCMonth() - CHARTER_VALIDITY_MONTHS);
  return new Date(date.getTime() + 3 * DAY_MS).toISOString();
}
