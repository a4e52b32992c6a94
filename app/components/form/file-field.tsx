import type { ReactNode } from 'react';
import { FieldErrors } from './field-errors';

// A labelled file input for a multipart form (the logo, later the charter's evidence): label, hint (accepted
// types and size), the server's messages linked with aria-describedby. Not a Conform field: an upload form has
// one file and its own action.

export interface FileFieldProps {
  id: string;
  name: string;
  label: string;
  accept: string;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
}

export function FileField({ id, name, label, accept, hint, errors, required = true }: FileFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? ' (obligatoire)' : null}
      </label>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
      <input
        type="file"
        id={id}
        name={name}
        accept={accept}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={
          [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
        }
        className="field__input"
      />
    </div>
  );
}
