import { type FieldMetadata, getCollectionProps } from '@conform-to/react';
import { FieldErrors } from './field-errors';

// The one group of radio buttons of the forms: its own fieldset and legend (RGAA 11.5, 11.6), the field's French
// messages under the legend; the fieldset points at them with aria-describedby when there is one.

export interface RadioGroupProps {
  meta: FieldMetadata<string>;
  legend: string;
  options: readonly { value: string; label: string }[];
}

export function RadioGroup({ meta, legend, options }: RadioGroupProps) {
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
