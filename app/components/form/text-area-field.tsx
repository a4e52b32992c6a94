import { type FieldMetadata, getTextareaProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { FieldErrors } from './field-errors';

// A labelled multi-line text field, like TextField (docs/decisions/110-forms.md): label, optional hint, the
// field's messages, then the textarea linked to them with aria-describedby.

export interface TextAreaFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField({ meta, label, hint, required = false, rows = 5, maxLength }: TextAreaFieldProps) {
  const hintId = `${meta.id}-hint`;
  const { key, ...props } = getTextareaProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {required ? ' (obligatoire)' : null}
      </label>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <textarea
        key={key}
        {...props}
        aria-describedby={
          [meta.errors?.length ? meta.errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
        }
        rows={rows}
        maxLength={maxLength}
        required={required}
        className="field__input"
      />
    </div>
  );
}
