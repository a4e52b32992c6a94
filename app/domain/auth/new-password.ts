import { type FieldIssue, type Result, fail, fieldIssuesOf, ok } from '../result';
import { signUpSchema, type SignUpForm } from './forms';
import { checkNewPassword } from './password-policy';

// The forms that take a new password, parsed with the password policy (and its list of common passwords). Kept
// apart from ./forms.ts, whose schemas the pages import: only the services import this module, so the list
// never reaches the browser bundle.

function newPasswordIssue(password: string, email: string | undefined, field: string): FieldIssue[] {
  const checked = checkNewPassword(password, email);
  return checked.ok ? [] : [{ field, message: checked.error }];
}

/** The sign-up form: a valid address and a password the policy accepts. */
export function parseSignUpForm(input: unknown): Result<SignUpForm, FieldIssue[]> {
  const parsed = signUpSchema.safeParse(input ?? {});
  const issues = parsed.success ? [] : fieldIssuesOf(parsed.error);
  const raw = (input ?? {}) as Record<string, unknown>;
  const password = typeof raw.password === 'string' ? raw.password : '';
  const email = parsed.success ? parsed.data.email : undefined;
  if (!issues.some((issue) => issue.field === 'password'))
    issues.push(...newPasswordIssue(password, email, 'password'));
  if (!parsed.success || issues.length > 0) return fail(issues);
  return ok({ email: parsed.data.email, password: parsed.data.password });
}

/** A new password typed in a form (reset, change): the policy, with the field's name for the issue. */
export function parseNewPassword(input: unknown, field = 'password', email?: string): Result<string, FieldIssue[]> {
  const password = typeof input === 'string' ? input : '';
  const issues = newPasswordIssue(password, email, field);
  return issues.length > 0 ? fail(issues) : ok(password);
}
