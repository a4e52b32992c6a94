import { type FieldMetadata, getSelectProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { FieldErrors } from './field-errors';

// A labelled select (docs/decisions/110-forms.md): label, optional hint, the field's messages, the options. An
// optional field starts with an empty option (`emptyLabel`).

export interface SelectFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  options: readonly { value: string; label: string }[];
  emptyLabel?: string;
  hint?: ReactNode;
  required?: boolean;
}

export function SelectField({ meta, label, options, emptyLabel, hint, required = false }: SelectFieldProps) {
  const hintId = `${meta.id}-hint`;
  const { key, ...props } = getSelectProps(meta);
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
      <select
        key={key}
        {...props}
        aria-describedby={
          [meta.errors?.length ? meta.errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
        }
        required={required}
        className="field__input"
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
