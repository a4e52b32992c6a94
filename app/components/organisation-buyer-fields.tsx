import type { FieldMetadata } from '@conform-to/react';
import { SelectField } from './form/select-field';
import { TextField } from './form/text-field';
import {
  BUYER_SIZES,
  BUYER_SIZE_LABELS,
  BUYER_TYPES,
  BUYER_TYPE_LABELS,
  BUYER_TYPE_SECTOR,
} from '~/domain/organisation';

// The fields of a buyer organisation (decision 120), for its creation and its correction by the owners: name,
// type (public or private buyer), size, and the SIRET, optional but checked when given.

export type BuyerFormValues = { name: string; buyerType: string; buyerSize: string; siret: string };

export const BUYER_FIELD_LABELS = {
  name: 'Nom de l’organisation',
  buyerType: 'Type d’acheteur',
  buyerSize: 'Taille',
  siret: 'SIRET',
} as const;

const TYPE_OPTIONS = [
  ...BUYER_TYPES.filter((t) => BUYER_TYPE_SECTOR[t] === 'public').map((t) => ({
    value: t,
    label: `Public — ${BUYER_TYPE_LABELS[t]}`,
  })),
  ...BUYER_TYPES.filter((t) => BUYER_TYPE_SECTOR[t] === 'private').map((t) => ({
    value: t,
    label: `Privé — ${BUYER_TYPE_LABELS[t]}`,
  })),
];
const SIZE_OPTIONS = BUYER_SIZES.map((s) => ({ value: s, label: BUYER_SIZE_LABELS[s] }));

export function BuyerOrganisationFields({
  fields,
}: {
  fields: { [K in keyof BuyerFormValues]: FieldMetadata<string> };
}) {
  return (
    <>
      <TextField meta={fields.name} label={BUYER_FIELD_LABELS.name} type="text" autoComplete="organization" />
      <SelectField
        meta={fields.buyerType}
        label={BUYER_FIELD_LABELS.buyerType}
        options={TYPE_OPTIONS}
        emptyLabel="Choisissez un type"
        required
      />
      <SelectField
        meta={fields.buyerSize}
        label="Taille (agents ou salariés)"
        options={SIZE_OPTIONS}
        emptyLabel="Choisissez une taille"
        required
      />
      <TextField
        meta={fields.siret}
        label={BUYER_FIELD_LABELS.siret}
        type="text"
        autoComplete="off"
        required={false}
        hint="Facultatif : 14 chiffres, espaces acceptés"
      />
    </>
  );
}

/** The error summary's items for these fields. */
export function buyerSummaryItems(
  formErrors: string[] | undefined,
  fields: { [K in keyof BuyerFormValues]: FieldMetadata<string> },
) {
  return [
    { fieldId: null, label: null, messages: formErrors ?? [] },
    ...(Object.keys(BUYER_FIELD_LABELS) as (keyof BuyerFormValues)[]).map((k) => ({
      fieldId: fields[k].id,
      label: BUYER_FIELD_LABELS[k],
      messages: fields[k].errors ?? [],
    })),
  ];
}
