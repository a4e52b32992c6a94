import type { Submission, SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data } from '@remix-run/node';
import { z } from 'zod';
import type { FieldIssue } from '~/domain/result';

// From the services' FieldIssue[] (decision 057) to Conform's reply (docs/decisions/110-forms.md): a message
// about a field goes next to it, one about the whole form (field '') or about a hidden field (the honeypot)
// goes to the form's errors. Passwords are never sent back.

export const HIDDEN_FIELDS = ['password', 'newPassword', 'currentPassword'];

export function replyWithIssues(
  submission: Submission<unknown>,
  issues: FieldIssue[],
  visibleFields: readonly string[],
): SubmissionResult<string[]> {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    if (visibleFields.includes(issue.field)) (fieldErrors[issue.field] ??= []).push(issue.message);
    else formErrors.push(issue.message);
  }
  return submission.reply({ fieldErrors, formErrors, hideFields: HIDDEN_FIELDS });
}

/** A form-level message only (wrong credentials, rate limit): the fields keep their values, not the password. */
export function replyWithFormError(submission: Submission<unknown>, message: string): SubmissionResult<string[]> {
  return submission.reply({ formErrors: [message], hideFields: HIDDEN_FIELDS });
}

/** A service's refusal of a form: its field issues, a message about the whole form, or a rate limit. */
export type FormRefusal =
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'rate-limited'; message: string; retryAfterSeconds: number }
  | { kind: string; message: string };

/**
 * The reply and HTTP answer of a refused form (docs/decisions/110-forms.md): a rate limit is a 429 with
 * `Retry-After` (docs/decisions/102-rate-limits.md); field issues and form-level messages are a 400.
 */
export function replyToRefusal(
  submission: Submission<unknown>,
  refusal: FormRefusal,
  visibleFields: readonly string[],
): { result: SubmissionResult<string[]>; init: ResponseInit } {
  if ('issues' in refusal)
    return { result: replyWithIssues(submission, refusal.issues, visibleFields), init: { status: 400 } };
  const result = replyWithFormError(submission, refusal.message);
  if ('retryAfterSeconds' in refusal)
    return { result, init: { status: 429, headers: { 'Retry-After': String(refusal.retryAfterSeconds) } } };
  return { result, init: { status: 400 } };
}

/**
 * The submission of a form its service judges alone (decision 110: the charter, its review, a suspension): no
 * schema in the route, the submission only carries the values back with the service's issues.
 */
export function parseUnchecked(formData: FormData) {
  return parseWithZod(formData, { schema: z.object({}).passthrough(), disableAutoCoercion: true });
}

/** A service's refusal of a form about one stored thing: it is gone, or the fields are wrong. */
export type RecordFormRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

/**
 * The reply to a refused form whose named fields are all on the page (the answer is then a 400): a thrown 404
 * (with the page's `headers`) when the thing is gone, else every issue next to its field, those about the whole
 * form (field '') above it.
 */
export function replyOrNotFound(
  submission: Submission<unknown>,
  refusal: RecordFormRefusal,
  headers: HeadersInit,
): SubmissionResult<string[]> {
  if (refusal.kind === 'not-found') throw data(null, { status: 404, headers });
  const visible = refusal.issues.map((i) => i.field).filter((f) => f !== '');
  return replyWithIssues(submission, refusal.issues, visible);
}
