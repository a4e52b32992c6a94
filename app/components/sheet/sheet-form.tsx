import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { CommuneField } from '~/components/form/commune-field';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { TextAreaField } from '~/components/form/text-area-field';
import { TextField } from '~/components/form/text-field';
import { DESCRIPTION_MAX_LENGTH, OFFER_DESCRIPTION_MAX_LENGTH } from '~/domain/sheet/form';
import type { SheetFormValues } from '~/domain/sheet/form-defaults';
import { formatSiret } from '~/components/format';
import { SheetFormLists, type SheetListsReference } from './sheet-form-lists';

// The offer-sheet form (docs/decisions/130-sheet-editor-and-drafts.md): one Conform form over every field of the
// sheet, validated by the server only (decision 110), sections with headings the completion list links to. The
// repeated rows (offers, references, served communes) are added and removed with Conform's list intents, which
// are plain submit buttons: they work without JavaScript (the server answers the form with one row more or less,
// nothing saved).

export interface SheetFormReference extends SheetListsReference {
  kinds: readonly { code: string; name: string }[];
}

export interface SheetFormProps {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: SheetFormValues;
  reference: SheetFormReference;
  siret: string;
  published: boolean;
}

export const SHEET_FORM_ID = 'fiche';

export function SheetForm({ lastResult, defaultValue, reference, siret, published }: SheetFormProps) {
  const [form, fields] = useForm<SheetFormValues>({
    id: SHEET_FORM_ID,
    lastResult: lastResult ?? undefined,
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  const errors = form.allErrors;
  const summary = Object.entries(errors).map(([name, messages]) => ({
    fieldId: name === '' ? null : `${form.id}-${name}`,
    label: name === '' ? null : '',
    messages,
  }));
  const offers = fields.offers.getFieldList();
  return (
    <>
      <ErrorSummary submissionKey={lastResult} items={summary} />
      <Form method="post" className="form sheet-form" {...getFormProps(form)}>
        {/* Enter in a text field submits with the form's first button: let it be « Enregistrer », not the
            « Retirer l’offre 1 » further down. Hidden from view, from the tab order and from screen readers. */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          Enregistrer
        </button>
        <section id="identite" aria-labelledby="identite-titre" className="sheet-form__section">
          <h2 id="identite-titre">Identité</h2>
          <p>
            SIRET : <strong>{formatSiret(siret)}</strong> (il ne peut pas être modifié ici).
          </p>
          <TextField
            meta={fields.name}
            label="Raison sociale"
            type="text"
            autoComplete="organization"
            required={published}
          />
          <TextField meta={fields.tradeName} label="Nom commercial" type="text" autoComplete="off" required={false} />
          <TextField
            meta={fields.legalForm}
            label="Forme juridique"
            type="text"
            autoComplete="off"
            required={false}
            hint="Par exemple : association loi 1901, SCOP SARL, SAS."
          />
          <TextField
            meta={fields.yearFounded}
            label="Année de création"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            required={false}
            hint="Quatre chiffres, par exemple 2012."
          />
          <SelectField
            meta={fields.structureKind}
            label="Type de structure"
            options={reference.kinds.map((k) => ({ value: k.code, label: k.name }))}
            required={published}
          />
          <TextField meta={fields.address} label="Adresse" type="text" autoComplete="street-address" required={false} />
          <TextField
            meta={fields.postcode}
            label="Code postal"
            type="text"
            inputMode="numeric"
            autoComplete="postal-code"
            required={false}
          />
          <CommuneField
            meta={fields.commune}
            label="Commune"
            required={published}
            hint="Le nom de la commune, ou son code INSEE, par exemple « Lyon (69123) »."
          />
        </section>

        <section id="presentation" aria-labelledby="presentation-titre" className="sheet-form__section">
          <h2 id="presentation-titre">Présentation</h2>
          <TextAreaField
            meta={fields.description}
            label="Présentation de la structure"
            rows={8}
            maxLength={DESCRIPTION_MAX_LENGTH}
            hint={`Votre activité, vos savoir-faire, votre projet social. ${DESCRIPTION_MAX_LENGTH} caractères au plus.`}
          />
        </section>

        <section id="offres" aria-labelledby="offres-titre" className="sheet-form__section">
          <h2 id="offres-titre">Offres</h2>
          <p className="field__hint">Une ligne par prestation ou produit. Une ligne laissée vide est ignorée.</p>
          {fields.offers.errors?.length ? (
            <ul id={fields.offers.errorId} className="field__errors">
              {fields.offers.errors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
          <ol className="sheet-form__rows">
            {offers.map((offer, index) => {
              const f = offer.getFieldset();
              return (
                <li key={offer.key}>
                  <fieldset className="sheet-form__row">
                    <legend>Offre {index + 1}</legend>
                    <TextField meta={f.name} label="Nom de l’offre" type="text" autoComplete="off" required={false} />
                    <TextAreaField
                      meta={f.description}
                      label="Description de l’offre"
                      rows={3}
                      maxLength={OFFER_DESCRIPTION_MAX_LENGTH}
                    />
                    <button
                      className="button button--secondary"
                      {...form.remove.getButtonProps({ name: fields.offers.name, index })}
                      formNoValidate
                    >
                      Retirer l’offre {index + 1}
                    </button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            className="button button--secondary"
            {...form.insert.getButtonProps({ name: fields.offers.name, defaultValue: { name: '', description: '' } })}
            formNoValidate
          >
            Ajouter une offre
          </button>
        </section>

        <SheetFormLists form={form} fields={fields} reference={reference} />

        <section id="contact" aria-labelledby="contact-titre" className="sheet-form__section">
          <h2 id="contact-titre">Contact</h2>
          <TextField meta={fields.email} label="E-mail de contact" type="email" autoComplete="email" required={false} />
          <TextField
            meta={fields.phone}
            label="Téléphone"
            type="tel"
            autoComplete="tel"
            required={false}
            hint="Par exemple 04 72 00 00 00 ou +33 4 72 00 00 00."
          />
          <TextField
            meta={fields.website}
            label="Site web"
            type="url"
            autoComplete="url"
            required={false}
            hint="Adresse complète, commençant par https://"
          />
        </section>

        <div className="sheet-form__actions">
          <button type="submit" className="button" name="intent" value="save">
            {published ? 'Enregistrer la fiche' : 'Enregistrer le brouillon'}
          </button>
          <p className="field__hint">
            {published
              ? 'Votre fiche est publiée : les modifications apparaissent dans la recherche sous quelques secondes.'
              : 'Le brouillon peut rester incomplet ; il n’est pas visible du public tant que la fiche n’est pas publiée.'}
          </p>
        </div>
      </Form>
    </>
  );
}
