import type { FormMetadata } from '@conform-to/react';
import { CheckboxGroup } from '~/components/form/checkbox-group';
import { CommuneField } from '~/components/form/commune-field';
import { FieldErrors } from '~/components/form/field-errors';
import { SelectField } from '~/components/form/select-field';
import { TextAreaField } from '~/components/form/text-area-field';
import { TextField } from '~/components/form/text-field';
import { MAX_RADIUS_KM, TURNOVER_BAND_LABELS, TURNOVER_BANDS } from '~/domain/supplier';
import type { SheetFormValues } from '~/domain/sheet/form-defaults';

// The sheet form's sections made of lists: sectors (grouped), service areas, capacities, client references and
// labels. Presentational; the parent owns the Conform form.

export interface SheetListsReference {
  sectorGroups: readonly { code: string; name: string; sectors: readonly { code: string; name: string }[] }[];
  labels: readonly { code: string; name: string }[];
  regionsByName: readonly { code: string; name: string }[];
  departements: readonly { code: string; name: string }[];
}

type Form = FormMetadata<SheetFormValues, string[]>;

export function SheetFormLists({
  form,
  fields,
  reference,
}: {
  form: Form;
  fields: ReturnType<Form['getFieldset']>;
  reference: SheetListsReference;
}) {
  const references = fields.references.getFieldList();
  const communes = fields.areaCommunes.getFieldList();
  return (
    <>
      <section id="secteurs" aria-labelledby="secteurs-titre" className="sheet-form__section">
        <h2 id="secteurs-titre">Secteurs d’activité</h2>
        <CheckboxGroup
          meta={fields.sectors}
          legend="Vos secteurs d’activité"
          groups={reference.sectorGroups.map((g) => ({
            key: g.code,
            label: g.name,
            options: g.sectors.map((s) => ({ value: s.code, label: s.name })),
          }))}
        />
      </section>

      <section id="zone" aria-labelledby="zone-titre" className="sheet-form__section">
        <h2 id="zone-titre">Zone d’intervention</h2>
        <div className="field field--checkbox">
          <FieldErrors id={fields.areaNational.errorId} errors={fields.areaNational.errors} />
          <input
            key={fields.areaNational.key}
            type="checkbox"
            id={fields.areaNational.id}
            name={fields.areaNational.name}
            value="on"
            defaultChecked={fields.areaNational.initialValue === 'on'}
          />{' '}
          <label htmlFor={fields.areaNational.id}>Toute la France</label>
        </div>
        <details open={(fields.areaRegions.initialValue?.length ?? 0) > 0}>
          <summary>Régions</summary>
          <CheckboxGroup
            meta={fields.areaRegions}
            legend="Régions desservies"
            options={reference.regionsByName.map((r) => ({ value: r.code, label: r.name }))}
          />
        </details>
        <details open={(fields.areaDepartements.initialValue?.length ?? 0) > 0}>
          <summary>Départements</summary>
          <CheckboxGroup
            meta={fields.areaDepartements}
            legend="Départements desservis"
            options={reference.departements.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
          />
        </details>
        <fieldset className="field">
          <legend>Communes desservies</legend>
          <ol className="sheet-form__rows">
            {communes.map((commune, index) => (
              <li key={commune.key}>
                <CommuneField meta={commune} label={`Commune desservie ${index + 1}`} />
                <button
                  className="button button--secondary"
                  {...form.remove.getButtonProps({ name: fields.areaCommunes.name, index })}
                  formNoValidate
                >
                  Retirer la commune {index + 1}
                </button>
              </li>
            ))}
          </ol>
          <button
            className="button button--secondary"
            {...form.insert.getButtonProps({ name: fields.areaCommunes.name, defaultValue: '' })}
            formNoValidate
          >
            Ajouter une commune
          </button>
        </fieldset>
        <TextField
          meta={fields.areaRadiusKm}
          label="Rayon autour de votre commune, en kilomètres"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          required={false}
          hint={`De 1 à ${MAX_RADIUS_KM} km ; laissez vide si vous n’intervenez pas dans un rayon.`}
        />
      </section>

      <section id="capacites" aria-labelledby="capacites-titre" className="sheet-form__section">
        <h2 id="capacites-titre">Capacités</h2>
        <TextField
          meta={fields.headcount}
          label="Effectif total"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          required={false}
        />
        <TextField
          meta={fields.insertionHeadcount}
          label="Dont salariés en insertion ou travailleurs handicapés"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          required={false}
        />
        <SelectField
          meta={fields.turnoverBand}
          label="Chiffre d’affaires annuel"
          emptyLabel="Non précisé"
          options={TURNOVER_BANDS.map((b) => ({ value: b, label: TURNOVER_BAND_LABELS[b] }))}
        />
      </section>

      <section id="references" aria-labelledby="references-titre" className="sheet-form__section">
        <h2 id="references-titre">Références clients</h2>
        <p className="field__hint">Des marchés ou prestations déjà réalisés. Une ligne laissée vide est ignorée.</p>
        <FieldErrors id={fields.references.errorId} errors={fields.references.errors} />
        <ol className="sheet-form__rows">
          {references.map((ref, index) => {
            const f = ref.getFieldset();
            return (
              <li key={ref.key}>
                <fieldset className="sheet-form__row">
                  <legend>Référence {index + 1}</legend>
                  <TextField meta={f.clientName} label="Client" type="text" autoComplete="off" required={false} />
                  <TextField
                    meta={f.year}
                    label="Année"
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    required={false}
                  />
                  <TextAreaField meta={f.description} label="Ce qui a été réalisé" rows={3} />
                  <button
                    className="button button--secondary"
                    {...form.remove.getButtonProps({ name: fields.references.name, index })}
                    formNoValidate
                  >
                    Retirer la référence {index + 1}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button
          className="button button--secondary"
          {...form.insert.getButtonProps({
            name: fields.references.name,
            defaultValue: { clientName: '', year: '', description: '' },
          })}
          formNoValidate
        >
          Ajouter une référence
        </button>
      </section>

      <section id="labels" aria-labelledby="labels-titre" className="sheet-form__section">
        <h2 id="labels-titre">Labels et agréments</h2>
        <CheckboxGroup
          meta={fields.labels}
          legend="Vos labels et agréments"
          options={reference.labels.map((l) => ({ value: l.code, label: l.name }))}
        />
      </section>
    </>
  );
}
