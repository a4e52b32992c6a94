import type { ReactNode } from 'react';
import { describedBy, FieldShell } from './field-shell';

// A labelled file input for a multipart form (the logo, the charter's evidence) in the shared FieldShell: hint
// (accepted types and size), the server's messages linked with aria-describedby. Not a Conform field: an upload
// form has its own action; `errorId` defaults to `${id}-error` (Conform's own naming).

export interface FileFieldProps {
  id: string;
  name: string;
  label: string;
  accept: string;
  hint?: ReactNode;
  errors?: string[];
  errorId?: string;
  required?: boolean;
}

export function FileField({ id, name, label, accept, hint, errors, errorId, required = true }: FileFieldProps) {
  const ids = { id, errorId: errorId ?? `${id}-error`, errors };
  return (
    <FieldShell {...ids} label={label} hint={hint} required={required}>
      <input
        type="file"
        id={id}
        name={name}
        accept={accept}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(ids, hint)}
        className="field__input"
      />
    </FieldShell>
  );
}
