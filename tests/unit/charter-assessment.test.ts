import { describe, expect, it } from 'vitest';
import { isJobDue } from '../../app/domain/jobs';
import {
  CHARTER_MESSAGES,
  EVIDENCE_MIN_LENGTH,
  canTransition,
  charterExpiryAction,
  charterStatusOnRejection,
  charterStatusOnSubmit,
  checkCharterDocument,
  DOCUMENT_MAX_BYTES,
  evidenceSummary,
  parseAssessmentForm,
  parseReason,
  parseReviewForm,
  reviewOutcome,
} from '../../app/domain/charter-assessment';

// The pure rules of the charter self-assessment and its review (decisions 140, 141).

const CODES = ['a', 'b'];
const LONG = 'x'.repeat(EVIDENCE_MIN_LENGTH);

describe('the self-assessment form', () => {
  it('accepts a complete submission, trimming the evidence', () => {
    const parsed = parseAssessmentForm(CODES, 'submit', {
      'answer-a': 'oui',
      'evidence-a': `  ${LONG}  `,
      'answer-b': 'en-partie',
      'evidence-b': LONG,
      'removeDocument-b': '1',
    });
    expect(parsed).toEqual({
      ok: true,
      value: [
        { code: 'a', answer: 'oui', evidence: LONG, removeDocument: false },
        { code: 'b', answer: 'en-partie', evidence: LONG, removeDocument: true },
      ],
    });
  });

  it('requires every answer and enough evidence to submit, one message per field', () => {
    const parsed = parseAssessmentForm(CODES, 'submit', { 'answer-a': 'peut-être', 'evidence-a': 'x'.repeat(79) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual([
      { field: 'answer-a', message: CHARTER_MESSAGES.answerMissing },
      { field: 'evidence-a', message: CHARTER_MESSAGES.evidenceTooShort },
      { field: 'answer-b', message: CHARTER_MESSAGES.answerMissing },
      { field: 'evidence-b', message: CHARTER_MESSAGES.evidenceTooShort },
    ]);
  });

  it('lets a draft stay incomplete, never too long', () => {
    expect(parseAssessmentForm(CODES, 'save', {}).ok).toBe(true);
    const long = parseAssessmentForm(CODES, 'save', { 'evidence-b': 'x'.repeat(4001) });
    expect(long).toEqual({ ok: false, error: [{ field: 'evidence-b', message: CHARTER_MESSAGES.evidenceTooLong }] });
  });
});

describe('supporting documents', () => {
  it('accepts what the bytes say is a PDF, refuses any other type and anything over 5 MB', () => {
    expect(checkCharterDocument('application/pdf', 100)).toBeNull();
    expect(checkCharterDocument('application/pdf', DOCUMENT_MAX_BYTES)).toBeNull();
    expect(checkCharterDocument('image/png', 100)).toBe(CHARTER_MESSAGES.documentNotPdf);
    expect(checkCharterDocument('application/postscript', 100)).toBe(CHARTER_MESSAGES.documentNotPdf);
    expect(checkCharterDocument(undefined, 0)).toBe(CHARTER_MESSAGES.documentNotPdf);
    expect(checkCharterDocument('application/pdf', DOCUMENT_MAX_BYTES + 1)).toBe(CHARTER_MESSAGES.documentTooLarge);
    expect(checkCharterDocument(undefined, DOCUMENT_MAX_BYTES + 1)).toBe(CHARTER_MESSAGES.documentTooLarge);
  });
});

describe('the review', () => {
  it('is verified only when every criterion is validated', () => {
    expect(reviewOutcome([{ review: 'validated' }, { review: 'validated' }])).toBe('verified');
    expect(reviewOutcome([{ review: 'validated' }, { review: 'rejected' }])).toBe('rejected');
    expect(reviewOutcome([{ review: 'validated' }, { review: null }])).toBeNull();
  });

  it('needs a note for a refused criterion, and every criterion reviewed to decide', () => {
    expect(parseReviewForm(CODES, 'decide', { 'review-a': 'rejected', 'review-b': 'validated' })).toEqual({
      ok: false,
      error: [{ field: 'note-a', message: CHARTER_MESSAGES.reviewNoteMissing }],
    });
    expect(parseReviewForm(CODES, 'decide', { 'review-a': 'validated' })).toEqual({
      ok: false,
      error: [{ field: 'review-b', message: CHARTER_MESSAGES.reviewMissing }],
    });
    expect(parseReviewForm(CODES, 'save', { 'review-a': 'validated' }).ok).toBe(true);
  });

  it('allows only draft → submitted → verified | rejected', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'verified')).toBe(true);
    expect(canTransition('submitted', 'rejected')).toBe(true);
    expect(canTransition('draft', 'verified')).toBe(false);
    expect(canTransition('verified', 'rejected')).toBe(false);
    expect(canTransition('rejected', 'submitted')).toBe(false);
  });

  it('keeps a verified charter verified on a renewal, gives the status back on a rejection', () => {
    expect(charterStatusOnSubmit('verified')).toBe('verified');
    expect(charterStatusOnSubmit('expired')).toBe('pending');
    expect(charterStatusOnSubmit('none')).toBe('pending');
    expect(charterStatusOnRejection('pending', 'expired')).toBe('expired');
    expect(charterStatusOnRejection('pending', null)).toBe('none');
    expect(charterStatusOnRejection('verified', 'verified')).toBe('verified');
  });

  it('requires a reason of 10 to 1000 characters', () => {
    expect(parseReason('  trop court ').ok).toBe(true);
    expect(parseReason('court').ok).toBe(false);
    expect(parseReason(null).ok).toBe(false);
    expect(parseReason('x'.repeat(1001)).ok).toBe(false);
  });
});

describe('expiry', () => {
  const verified = { status: 'verified' as const, verifiedAt: '2026-01-31T12:00:00.000Z', warnedAt: null };
  it('warns from 30 days before the 12 months, once, and expires when due', () => {
    expect(charterExpiryAction(verified, new Date('2026-12-31T11:59:59.000Z'))).toBeNull();
    // 12 months after 31 January 2026 is 31 January 2027 (setUTCMonth); 30 days before: 1 January 2027.
    expect(charterExpiryAction(verified, new Date('2027-01-01T12:00:00.000Z'))).toBe('warn');
    expect(
      charterExpiryAction({ ...verified, warnedAt: '2027-01-01T12:00:00.000Z' }, new Date('2027-01-02T00:00:00.000Z')),
    ).toBeNull();
    expect(charterExpiryAction(verified, new Date('2027-01-31T12:00:00.000Z'))).toBe('expire');
    expect(charterExpiryAction({ ...verified, status: 'expired' }, new Date('2028-01-01T00:00:00.000Z'))).toBeNull();
    // A warning before a later verification does not count.
    expect(
      charterExpiryAction({ ...verified, warnedAt: '2025-12-01T00:00:00.000Z' }, new Date('2027-01-02T00:00:00.000Z')),
    ).toBe('warn');
  });

  it('runs a daily job that never ran, or whose next run is due', () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    expect(isJobDue(null, now)).toBe(true);
    expect(isJobDue('2026-12-01T10:00:00.000Z', now)).toBe(true);
    expect(isJobDue('2026-12-01T10:00:01.000Z', now)).toBe(false);
  });
});

describe('the public summary of the evidence', () => {
  it('keeps short evidence, cuts long evidence on a word with an ellipsis', () => {
    expect(evidenceSummary('  Nous   formons.\n')).toBe('Nous formons.');
    const cut = evidenceSummary(`${'mot '.repeat(100)}fin`, 30);
    expect(cut).toBe('mot mot mot mot mot mot mot…');
    expect(cut.length).toBeLessThanOrEqual(31);
  });
});
