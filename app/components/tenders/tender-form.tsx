import { type FieldMetadata, type FormMetadata, getFormProps } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { CheckboxGroup } from '~/components/form/checkbox-group';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { TextAreaField } from '~/components/form/text-area-field';
import { TextField } from '~/components/form/text-field';
import { TENDER_DESCRIPTION_MAX_LENGTH, TENDER_TITLE_MAX_LENGTH } from '~/domain/tenders/form';
import type { TenderFormValues } from '~/domain/tenders/form-values';
import {
  MAIN_CATEGORIES,
  MAIN_CATEGORY_LABELS,
  NEED_KINDS,
  NEED_KIND_LABELS,
  PLACE_KINDS,
  PLACE_KIND_LABELS,
  PROCUREMENT_METHODS,
  PROCUREMENT_METHOD_LABELS,
  RESERVATIONS,
  RESERVATION_LABELS,
} from '~/domain/tenders/tender';

// The buyer's form of a need or tender (decision 202): the same form creates and edits a draft, with two
// buttons, « Enregistrer le brouillon » and « Envoyer à la modération ». Lots are rows; two empty rows let the
// buyer add lots without JavaScript (empty rows are dropped). Every field has its label, its messages next to it
// and in the summary above the form (RGAA 11).

export interface SectorGroupOption {
  key: string;
  label: string;
  options: { value: string; label: string }[];
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

type Fields = ReturnType<FormMetadata<TenderFormValues, string[]>['getFieldset']>;

const FIELD_LABELS: [keyof TenderFormValues, string][] = [
  ['title', 'Titre'],
  ['kind', 'Type de besoin'],
  ['description', 'Description'],
  ['method', 'Procédure'],
  ['category', 'Catégorie principale'],
  ['cpvCodes', 'Codes CPV'],
  ['sectors', 'Secteurs d’activité'],
  ['placeKind', 'Lieu d’exécution'],
  ['placeCode', 'Code du lieu'],
  ['estimatedValue', 'Valeur estimée'],
  ['lots', 'Lots'],
  ['reservation', 'Réservation'],
  ['socialClauseHours', 'Clause sociale'],
  ['questionsDeadline', 'Date limite des questions'],
  ['submissionDeadline', 'Date limite de remise des offres'],
  ['contractDurationMonths', 'Durée du marché'],
  ['allowDualBidding', 'Double candidature'],
  ['contactName', 'Contact'],
  ['contactEmail', 'Adresse e-mail de contact'],
  ['contactPhone', 'Téléphone de contact'],
];

export function TenderForm({
  form,
  fields,
  sectorGroups,
  submissionKey,
}: {
  form: FormMetadata<TenderFormValues, string[]>;
  fields: Fields;
  sectorGroups: SectorGroupOption[];
  submissionKey?: unknown;
}) {
  const lots = fields.lots.getFieldList();
  const lotFields = lots.map((lot) => lot.getFieldset());
  const text = (meta: unknown) => meta as FieldMetadata<string>;
  return (
    <>
      <ErrorSummary
        submissionKey={submissionKey}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          ...FIELD_LABELS.map(([name, label]) => ({
            fieldId: fields[name].id,
            label,
            messages: fields[name].errors ?? [],
          })),
          ...lotFields.flatMap((lot, i) =>
            (['title', 'description', 'sectors', 'estimatedValue'] as const).map((name) => ({
              fieldId: lot[name].id,
              label: `Lot ${i + 1}`,
              messages: lot[name].errors ?? [],
            })),
          ),
        ]}
      />
      <Form method="post" className="form form--wide" {...getFormProps(form)}>
        <fieldset>
          <legend>Le besoin</legend>
          <TextField
            meta={fields.title}
            label="Titre"
            type="text"
            autoComplete="off"
            hint={`${TENDER_TITLE_MAX_LENGTH} caractères au plus.`}
          />
          <SelectField
            meta={fields.kind}
            label="Type de besoin"
            options={options(NEED_KINDS, NEED_KIND_LABELS)}
            required
          />
          <TextAreaField
            meta={fields.description}
            label="Description (obligatoire pour envoyer)"
            hint="Ce qui est attendu, où, quand, en quelle quantité."
            maxLength={TENDER_DESCRIPTION_MAX_LENGTH}
            rows={8}
            required={false}
          />
          <SelectField
            meta={fields.method}
            label="Procédure (appel d’offres)"
            options={options(PROCUREMENT_METHODS, PROCUREMENT_METHOD_LABELS)}
            emptyLabel="Choisir…"
          />
          <SelectField
            meta={fields.category}
            label="Catégorie principale"
            options={options(MAIN_CATEGORIES, MAIN_CATEGORY_LABELS)}
            emptyLabel="Choisir…"
          />
          <TextField
            meta={fields.cpvCodes}
            label="Codes CPV"
            type="text"
            autoComplete="off"
            required={false}
            hint="Séparés par des virgules, par exemple 77310000-6, 77313000-7. Obligatoires pour un appel d’offres."
          />
          <CheckboxGroup meta={fields.sectors} legend="Secteurs d’activité" groups={sectorGroups} />
        </fieldset>

        <fieldset>
          <legend>Lieu et valeur</legend>
          <SelectField
            meta={fields.placeKind}
            label="Lieu d’exécution"
            options={options(PLACE_KINDS, PLACE_KIND_LABELS)}
            emptyLabel="Choisir…"
          />
          <TextField
            meta={fields.placeCode}
            label="Code INSEE du lieu"
            type="text"
            autoComplete="off"
            required={false}
            hint="Commune : 5 caractères (69123) ; département : 69, 2A ou 974 ; région : 84. Vide pour la France entière."
          />
          <TextField
            meta={fields.estimatedValue}
            label="Valeur estimée, en euros hors taxes"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            required={false}
            hint="Sans centimes, par exemple 125 000."
          />
        </fieldset>

        <fieldset>
          <legend>Lots (appel d’offres uniquement)</legend>
          <p className="field__hint">
            Sans lot, l’appel d’offres forme un lot unique. Laissez vides les lignes inutiles ; enregistrez pour en
            obtenir d’autres.
          </p>
          {lotFields.map((lot, i) => (
            <fieldset key={lots[i].key} className="lot">
              <legend>Lot {i + 1}</legend>
              <TextField meta={text(lot.title)} label="Titre du lot" type="text" autoComplete="off" required={false} />
              <TextAreaField meta={text(lot.description)} label="Description du lot" rows={3} required={false} />
              <TextField
                meta={text(lot.estimatedValue)}
                label="Valeur estimée du lot, en euros"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                required={false}
              />
              <details>
                <summary>Secteurs du lot (par défaut, ceux du besoin)</summary>
                <CheckboxGroup
                  meta={lot.sectors as FieldMetadata<string[]>}
                  legend={`Secteurs du lot ${i + 1}`}
                  groups={sectorGroups}
                />
              </details>
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>Réservation et clause sociale</legend>
          <SelectField
            meta={fields.reservation}
            label="Marché réservé"
            options={options(RESERVATIONS, RESERVATION_LABELS)}
            required
          />
          <TextField
            meta={fields.socialClauseHours}
            label="Clause sociale : heures d’insertion"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            required={false}
            hint="Nombre d’heures réservées à des personnes en insertion ; vide s’il n’y en a pas."
          />
        </fieldset>

        <fieldset>
          <legend>Calendrier</legend>
          <TextField
            meta={fields.questionsDeadline}
            label="Date limite des questions"
            type="datetime-local"
            autoComplete="off"
            required={false}
            hint="Heure de Paris ; avant la date limite de remise des offres."
          />
          <TextField
            meta={fields.submissionDeadline}
            label="Date limite de remise des offres"
            type="datetime-local"
            autoComplete="off"
            required={false}
            hint="Heure de Paris ; dans le futur. Le besoin est clos à cette date."
          />
          <TextField
            meta={fields.contractDurationMonths}
            label="Durée du marché, en mois"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            required={false}
          />
          <div className="field">
            <input
              type="checkbox"
              id={fields.allowDualBidding.id}
              name={fields.allowDualBidding.name}
              defaultChecked={fields.allowDualBidding.initialValue === 'on'}
            />{' '}
            <label htmlFor={fields.allowDualBidding.id}>
              Une entreprise peut répondre seule et au sein d’un groupement
            </label>
          </div>
        </fieldset>

        <fieldset>
          <legend>Contact</legend>
          <TextField
            meta={fields.contactName}
            label="Nom du contact"
            type="text"
            autoComplete="name"
            required={false}
          />
          <TextField
            meta={fields.contactEmail}
            label="Adresse e-mail de contact"
            type="email"
            autoComplete="email"
            required={false}
          />
          <TextField
            meta={fields.contactPhone}
            label="Téléphone de contact (facultatif)"
            type="tel"
            autoComplete="tel"
            required={false}
          />
        </fieldset>

        <p className="field__hint">
          Un brouillon peut rester incomplet. Pour l’envoyer à la modération, il faut une description, une catégorie,
          des secteurs, un lieu, une date limite et un contact ; pour un appel d’offres, aussi la procédure, les codes
          CPV, la valeur estimée et la durée.
        </p>
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button--secondary">
            Enregistrer le brouillon
          </button>
          <button type="submit" name="intent" value="submit" className="button">
            Envoyer à la modération
          </button>
        </div>
      </Form>
    </>
  );
}
