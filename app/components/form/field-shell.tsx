import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { FieldErrors } from './field-errors';

// The frame every labelled form field shares (docs/decisions/110-forms.md): the label (with « (obligatoire) »
// when the field is required), an optional hint, the field's French messages, then the control itself. The
// control points at the messages and the hint with `aria-describedby` (describedBy), even before any error.

export interface FieldShellIds {
  /** The control's id: the label's `for`. */
  id: string;
  /** The id of the list of messages. */
  errorId: string;
  errors?: string[];
}

/** The ids and messages of a Conform field, for FieldShell and describedBy. */
export function conformIds(meta: FieldMetadata<unknown>): FieldShellIds {
  return { id: meta.id, errorId: meta.errorId, errors: meta.errors };
}

/** The hint's id of the field whose control has this id. */
export function hintIdOf(id: string): string {
  return `${id}-hint`;
}

/** `aria-describedby` of a field's control: its messages when there are some, then its hint. */
export function describedBy({ id, errorId, errors }: FieldShellIds, hint: ReactNode): string | undefined {
  return [errors?.length ? errorId : null, hint ? hintIdOf(id) : null].filter(Boolean).join(' ') || undefined;
}

export interface FieldShellProps extends FieldShellIds {
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}

export function FieldShell({ id, errorId, errors, label, hint, required, children }: FieldShellProps) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? ' (obligatoire)' : null}
      </label>
      {hint ? (
        <div id={hintIdOf(id)} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
      {children}
    </div>
  );
}
