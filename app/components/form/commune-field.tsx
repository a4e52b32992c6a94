import { type FieldMetadata, getInputProps } from '@conform-to/react';
import { type ChangeEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FieldErrors } from './field-errors';

// A commune typed as text, like the search page's (docs/decisions/061-commune-field.md), inside a Conform form:
// the server accepts an INSEE code, a suggestion as shown (« Lyon (69123) ») or an exact name. With JavaScript
// a native <datalist> is filled from GET /resources/communes?q=… as the person types.

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

export function CommuneField({ meta, label, hint, required = true }: CommuneFieldProps) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hintId = `${meta.id}-hint`;
  const listId = `${meta.id}-suggestions`;
  const { key, ...inputProps } = getInputProps(meta, { type: 'text' });

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
        if (!response.ok) return;
        setSuggestions(((await response.json()) as { communes: Suggestion[] }).communes);
      } catch {
        // Aborted or offline: the field keeps working as plain text.
      }
    }, 150);
  }

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
        aria-describedby={
          [meta.errors?.length ? meta.errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
        }
        list={listId}
        autoComplete="off"
        maxLength={100}
        required={required}
        className="field__input"
        onChange={onChange}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.code} value={s.value}>
            {`${s.postcodes[0] ?? ''} — département ${s.departement}`}
          </option>
        ))}
      </datalist>
    </div>
  );
}
