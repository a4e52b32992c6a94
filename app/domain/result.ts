import type { ZodError } from 'zod';

// One shape for every operation that can fail on its input (docs/decisions/057-result-shapes.md):
// a parsed form, query string, CSV row or command line gives `{ ok: true, value }` or `{ ok: false, error }`.
// Field-level problems are `FieldIssue`s: the name of the field (form field, query parameter, CSV column,
// command-line option) and a French message for the person who typed it.

export interface FieldIssue {
  /** The form field, query parameter, column or option the message is about ('' for the whole input). */
  field: string;
  /** French, addressed to the person who gave the input. */
  message: string;
}

export type Result<T, E = FieldIssue[]> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Zod's issues as field issues: the first path segment names the field. */
export function fieldIssuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? String(issue.path[0]) : '',
    message: issue.message,
  }));
}
