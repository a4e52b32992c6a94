import { fail, ok, type FieldIssue, type Result } from '../result';
import { effectiveStatus, type TenderStatus } from './tender';

// Suppliers' questions on a published need and the buyer's answers (issue 7 §1, decision 260). Pure: the lengths,
// the French messages and when a question may be asked or answered.

/** The `intent` of the « poser une question » form on the public tender page. */
export const ASK_QUESTION_INTENT = 'poser-question';

export const QUESTION_MIN_LENGTH = 10;
export const QUESTION_MAX_LENGTH = 2000;
export const ANSWER_MIN_LENGTH = 5;
export const ANSWER_MAX_LENGTH = 4000;

export const QUESTION_MESSAGES = {
  questionRequired: 'Écrivez votre question.',
  questionTooShort: `Votre question est trop courte (${QUESTION_MIN_LENGTH} caractères au moins).`,
  questionTooLong: `Votre question est trop longue (${QUESTION_MAX_LENGTH} caractères au plus).`,
  organisationRequired: 'Choisissez la structure au nom de laquelle vous posez la question.',
  answerRequired: 'Écrivez la réponse.',
  answerTooShort: `La réponse est trop courte (${ANSWER_MIN_LENGTH} caractères au moins).`,
  answerTooLong: `La réponse est trop longue (${ANSWER_MAX_LENGTH} caractères au plus).`,
  questionUnknown: 'Cette question n’existe pas ou ne concerne pas ce besoin.',
  deadlinePassed: 'La date limite des questions est passée : vous ne pouvez plus poser de question.',
  notOpen: 'Ce besoin n’accepte pas de questions : il n’est pas ouvert aux réponses.',
  answersFrozen:
    'Ce besoin n’est plus ouvert aux réponses (date limite de remise passée, attribué ou annulé) : les réponses ne peuvent plus être modifiées.',
} as const;

/** A text field trimmed, CRLF made LF; anything that is not a string is empty. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

function lengthIssue(
  field: string,
  text: string,
  min: number,
  max: number,
  messages: { required: string; short: string; long: string },
): FieldIssue | null {
  if (text === '') return { field, message: messages.required };
  const length = [...text].length;
  if (length < min) return { field, message: messages.short };
  if (length > max) return { field, message: messages.long };
  return null;
}

export function parseQuestionText(value: unknown): Result<string, FieldIssue[]> {
  const text = textOf(value);
  const issue = lengthIssue('question', text, QUESTION_MIN_LENGTH, QUESTION_MAX_LENGTH, {
    required: QUESTION_MESSAGES.questionRequired,
    short: QUESTION_MESSAGES.questionTooShort,
    long: QUESTION_MESSAGES.questionTooLong,
  });
  return issue ? fail([issue]) : ok(text);
}

export function parseAnswerText(value: unknown): Result<string, FieldIssue[]> {
  const text = textOf(value);
  const issue = lengthIssue('answer', text, ANSWER_MIN_LENGTH, ANSWER_MAX_LENGTH, {
    required: QUESTION_MESSAGES.answerRequired,
    short: QUESTION_MESSAGES.answerTooShort,
    long: QUESTION_MESSAGES.answerTooLong,
  });
  return issue ? fail([issue]) : ok(text);
}

export interface QuestionTimes {
  status: TenderStatus;
  questionsDeadline: string | null;
  submissionDeadline: string | null;
}

/**
 * The instant questions close: the questions deadline, or the submission deadline when the need has none
 * (a quote request without a separate questions date).
 */
export function questionsCloseAt(tender: QuestionTimes): string | null {
  return tender.questionsDeadline ?? tender.submissionDeadline;
}

/**
 * Whether a supplier may ask a question now: the need is effectively published (not closed, awarded or
 * cancelled) and its questions deadline has not passed. The refusal is the French message to show.
 */
export function questionWindow(tender: QuestionTimes, now: Date): Result<true, string> {
  if (effectiveStatus(tender, now) !== 'published') return fail(QUESTION_MESSAGES.notOpen);
  const closeAt = questionsCloseAt(tender);
  if (closeAt !== null && Date.parse(closeAt) <= now.getTime()) return fail(QUESTION_MESSAGES.deadlinePassed);
  return ok(true);
}

/**
 * Whether the buyer may answer (or change an answer) now: only while the need is effectively published, i.e.
 * before the submission deadline. Later, every bidder has already answered on what they knew: the questions and
 * answers are frozen as they stand (decision 260).
 */
export function answerWindow(tender: QuestionTimes, now: Date): Result<true, string> {
  return effectiveStatus(tender, now) === 'published' ? ok(true) : fail(QUESTION_MESSAGES.answersFrozen);
}
