import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { FieldErrors } from './field-errors';

// A group of checkboxes that posts one field several times (sectors, labels…): a fieldset with its legend
// (RGAA 11.5, 11.6), the group's messages under the legend, one labelled box per option. `groups` splits the
// options under sub-headings (a fieldset each).

export interface CheckboxOption {
  value: string;
  label: string;
}

export interface CheckboxGroupProps {
  meta: FieldMetadata<string[]>;
  legend: ReactNode;
  options?: readonly CheckboxOption[];
  groups?: readonly { key: string; label: string; options: readonly CheckboxOption[] }[];
  hint?: ReactNode;
}

function Boxes({
  meta,
  options,
  checked,
}: {
  meta: FieldMetadata<string[]>;
  options: readonly CheckboxOption[];
  checked: Set<string>;
}) {
  return (
    <ul className="checkbox-list">
      {options.map((o) => {
        const id = `${meta.id}-${o.value}`;
        return (
          <li key={`${meta.key ?? ''}${o.value}`}>
            <input
              type="checkbox"
              id={id}
              name={meta.name}
              value={o.value}
              defaultChecked={checked.has(o.value)}
              aria-describedby={meta.errors?.length ? meta.errorId : undefined}
            />
            <label htmlFor={id}>{o.label}</label>
          </li>
        );
      })}
    </ul>
  );
}

export function CheckboxGroup({ meta, legend, options, groups, hint }: CheckboxGroupProps) {
  const initial = meta.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === 'string' ? [initial] : []);
  return (
    <fieldset className="field checkbox-group" id={meta.id} aria-invalid={meta.errors?.length ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? <div className="field__hint">{hint}</div> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      {options ? <Boxes meta={meta} options={options} checked={checked} /> : null}
      {groups?.map((g) => (
        <fieldset key={g.key} className="checkbox-group__group">
          <legend>{g.label}</legend>
          <Boxes meta={meta} options={g.options} checked={checked} />
        </fieldset>
      ))}
    </fieldset>
  );
}
