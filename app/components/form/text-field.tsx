import { type FieldMetadata, getInputProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { FieldErrors } from './field-errors';

// One labelled input of a form (docs/decisions/110-forms.md): the label, an optional hint, the field's French
// messages, then the input, which Conform links to the messages (aria-invalid, aria-describedby) and fills
// with the value sent last time (the server never sends a password back).

export interface TextFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  type: 'text' | 'email' | 'password' | 'tel' | 'url';
  autoComplete: string;
  /** The on-screen keyboard to offer (`numeric` for a year or a count typed as text). */
  inputMode?: 'numeric' | 'text';
  hint?: ReactNode;
  required?: boolean;
}

export function TextField({ meta, label, type, autoComplete, hint, required = true, inputMode }: TextFieldProps) {
  const hintId = `${meta.id}-hint`;
  const { key, ...inputProps } = getInputProps(meta, { type, ariaDescribedBy: hint ? hintId : undefined });
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
      <input
        key={key}
        {...inputProps}
        // aria-describedby lists the hint even before any error (Conform adds it only with an error).
        aria-describedby={
          [meta.errors?.length ? meta.errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
        }
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        className="field__input"
      />
    </div>
  );
}
