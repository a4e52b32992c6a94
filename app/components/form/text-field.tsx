import { type FieldMetadata, getInputProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { conformIds, describedBy, FieldShell, hintIdOf } from './field-shell';

// One labelled input of a form (docs/decisions/110-forms.md) in the shared FieldShell: the input, which Conform
// links to the messages (aria-invalid, aria-describedby) and fills with the value sent last time (the server
// never sends a password back).

export interface TextFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  type: 'text' | 'email' | 'password' | 'tel' | 'url' | 'datetime-local';
  autoComplete: string;
  /** The on-screen keyboard to offer (`numeric` for a year or a count typed as text). */
  inputMode?: 'numeric' | 'text';
  hint?: ReactNode;
  required?: boolean;
}

export function TextField({ meta, label, type, autoComplete, hint, required = true, inputMode }: TextFieldProps) {
  const ids = conformIds(meta);
  const { key, ...inputProps } = getInputProps(meta, { type, ariaDescribedBy: hint ? hintIdOf(meta.id) : undefined });
  return (
    <FieldShell {...ids} label={label} hint={hint} required={required}>
      <input
        key={key}
        {...inputProps}
        // aria-describedby lists the hint even before any error (Conform adds it only with an error).
        aria-describedby={describedBy(ids, hint)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        className="field__input"
      />
    </FieldShell>
  );
}
