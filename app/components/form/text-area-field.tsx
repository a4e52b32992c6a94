import { type FieldMetadata, getTextareaProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { conformIds, describedBy, FieldShell } from './field-shell';

// A labelled multi-line text field, like TextField (docs/decisions/110-forms.md): the shared FieldShell around a
// textarea linked to the hint and messages with aria-describedby.

export interface TextAreaFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField({ meta, label, hint, required = false, rows = 5, maxLength }: TextAreaFieldProps) {
  const ids = conformIds(meta);
  const { key, ...props } = getTextareaProps(meta);
  return (
    <FieldShell {...ids} label={label} hint={hint} required={required}>
      <textarea
        key={key}
        {...props}
        aria-describedby={describedBy(ids, hint)}
        rows={rows}
        maxLength={maxLength}
        required={required}
        className="field__input"
      />
    </FieldShell>
  );
}
