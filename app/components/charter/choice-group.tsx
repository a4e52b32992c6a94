import { type FieldMetadata, getCollectionProps } from '@conform-to/react';
import { FieldErrors } from '~/components/form/field-errors';

// A group of radio buttons in its own fieldset and legend (RGAA 11.5, 11.6), the field's French messages under
// the legend; every input points at them with aria-describedby when there is one.

export function ChoiceGroup({
  meta,
  legend,
  options,
}: {
  meta: FieldMetadata<string>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const inputs = getCollectionProps(meta, { type: 'radio', options: options.map((o) => o.value) });
  return (
    <fieldset className="choices" id={meta.id} aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      {inputs.map(({ key, ...props }, i) => (
        <label key={key} htmlFor={props.id}>
          <input {...props} />
          {options[i].label}
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled textarea with its hint and messages, linked by aria-describedby. */
export function TextAreaBlock({
  meta,
  label,
  hint,
  maxLength,
  rows = 6,
}: {
  meta: FieldMetadata<string>;
  label: string;
  hint?: string;
  maxLength?: number;
  rows?: number;
}) {
  const hintId = `${meta.id}-hint`;
  const describedBy = [meta.errors?.length ? meta.errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
      <textarea
        id={meta.id}
        name={meta.name}
        defaultValue={typeof meta.initialValue === 'string' ? meta.initialValue : ''}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        maxLength={maxLength}
        rows={rows}
      />
    </div>
  );
}
