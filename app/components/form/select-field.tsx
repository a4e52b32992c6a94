import { type FieldMetadata, getSelectProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { conformIds, describedBy, FieldShell } from './field-shell';

// A labelled select (docs/decisions/110-forms.md) in the shared FieldShell. An optional field starts with an
// empty option (`emptyLabel`).

export interface SelectFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  options: readonly { value: string; label: string }[];
  emptyLabel?: string;
  hint?: ReactNode;
  required?: boolean;
}

export function SelectField({ meta, label, options, emptyLabel, hint, required = false }: SelectFieldProps) {
  const ids = conformIds(meta);
  const { key, ...props } = getSelectProps(meta);
  return (
    <FieldShell {...ids} label={label} hint={hint} required={required}>
      <select
        key={key}
        {...props}
        aria-describedby={describedBy(ids, hint)}
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
    </FieldShell>
  );
}
