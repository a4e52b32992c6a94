import { type FieldMetadata, getInputProps } from '@conform-to/react';
import { type ChangeEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { conformIds, describedBy, FieldShell } from './field-shell';

// A commune typed as text in a Conform form (docs/decisions/061-commune-field.md): the server resolves an INSEE
// code, « Lyon (69123) » or a name; with JavaScript a native datalist offers suggestions from
// /resources/communes (accessible without extra ARIA). Same FieldShell as TextField.

interface Suggestion {
  code: string;
  departement: string;
  postcodes: string[];
  value: string;
}

export interface CommuneFieldProps {
  meta: FieldMetadata<string>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
}

export function CommuneField({ meta, label, hint, required = false }: CommuneFieldProps) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      controller.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const text = event.currentTarget.value.trim();
    if (timer.current) clearTimeout(timer.current);
    if (text.length < 2 || suggestions.some((s) => s.value === event.currentTarget.value)) return;
    timer.current = setTimeout(async () => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      try {
        const response = await fetch(`/resources/communes?q=${encodeURIComponent(text)}`, { signal: current.signal });
        if (response.ok) setSuggestions(((await response.json()) as { communes: Suggestion[] }).communes);
      } catch {
        // Aborted or offline: the field keeps working as plain text.
      }
    }, 150);
  }

  const ids = conformIds(meta);
  const listId = `${meta.id}-suggestions`;
  const { key, ...inputProps } = getInputProps(meta, { type: 'text' });
  return (
    <FieldShell {...ids} label={label} hint={hint} required={required}>
      <input
        key={key}
        {...inputProps}
        aria-describedby={describedBy(ids, hint)}
        list={listId}
        autoComplete="off"
        maxLength={100}
        required={required}
        onChange={onChange}
        className="field__input"
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.code} value={s.value}>
            {`${s.postcodes[0] ?? ''} — département ${s.departement}`}
          </option>
        ))}
      </datalist>
    </FieldShell>
  );
}
