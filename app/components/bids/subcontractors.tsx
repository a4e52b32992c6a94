import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextAreaField } from '~/components/form/text-area-field';
import { TextField } from '~/components/form/text-field';
import { formatSiret } from '~/components/format';
import { formatEuros, SERVICES_MAX_LENGTH } from '~/domain/bids/workspace';

// The subcontractors of a bid (decision 245): declared apart from the members (DC4), amount incl. VAT, direct
// payment from 600 € TTC (R2193-10); a list with « Retirer » and the form to add one.

export interface SubcontractorView {
  id: number;
  name: string;
  siret: string;
  services: string;
  amountCentsTtc: number;
  lotNumber: number | null;
  directPayment: boolean;
}

export function SubcontractorList({ items, canEdit }: { items: SubcontractorView[]; canEdit: boolean }) {
  if (items.length === 0) return <p>Aucun sous-traitant déclaré.</p>;
  return (
    <ul className="workspace-list">
      {items.map((s) => (
        <li key={s.id}>
          <p>
            <strong>{s.name}</strong> — SIRET {formatSiret(s.siret)}
            {s.lotNumber !== null ? ` — lot ${s.lotNumber}` : ''}
          </p>
          <p>{s.services}</p>
          <p>
            {formatEuros(s.amountCentsTtc)} TTC
            {s.directPayment ? (
              <>
                {' '}
                — <span className="workspace-badge">paiement direct</span> (600 € TTC ou plus)
              </>
            ) : null}
          </p>
          {canEdit ? (
            <Form method="post" className="workspace-inline-form">
              <input type="hidden" name="intent" value="remove-subcontractor" />
              <input type="hidden" name="subcontractorId" value={s.id} />
              <button type="submit" className="button button--secondary">
                Retirer<span className="visually-hidden"> {s.name}</span>
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const FIELDS = ['name', 'siret', 'services', 'amount', 'lot'] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = {
  name: 'Nom du sous-traitant',
  siret: 'SIRET',
  services: 'Prestations sous-traitées',
  amount: 'Montant TTC (euros)',
  lot: 'Lot concerné',
};

export function SubcontractorForm({
  lots,
  lastResult,
}: {
  lots: { number: number; title: string }[];
  lastResult: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm<Record<string, string>>({
    id: 'form-sous-traitant',
    lastResult: lastResult ?? undefined,
    shouldValidate: 'onSubmit',
  });
  const field = (name: string) => fields[name] as FieldMetadata<string>;
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <ErrorSummary
        submissionKey={lastResult}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          ...FIELDS.map((name) => ({
            fieldId: field(name).id,
            label: LABELS[name],
            messages: field(name).errors ?? [],
          })),
        ]}
      />
      <input type="hidden" name="intent" value="add-subcontractor" />
      <TextField meta={field('name')} label={LABELS.name} type="text" autoComplete="organization" />
      <TextField
        meta={field('siret')}
        label={LABELS.siret}
        type="text"
        autoComplete="off"
        inputMode="numeric"
        hint="14 chiffres, espaces permis."
      />
      <TextAreaField
        meta={field('services')}
        label={LABELS.services}
        required
        rows={3}
        maxLength={SERVICES_MAX_LENGTH}
      />
      <TextField
        meta={field('amount')}
        label={LABELS.amount}
        type="text"
        autoComplete="off"
        hint="Montant toutes taxes comprises, ex. 1 250,50. Le paiement direct s’applique dès 600 € TTC."
      />
      <SelectField
        meta={field('lot')}
        label={LABELS.lot}
        emptyLabel="Aucun lot en particulier"
        options={lots.map((l) => ({ value: String(l.number), label: `Lot ${l.number} — ${l.title}` }))}
      />
      <SubmitButton>Déclarer le sous-traitant</SubmitButton>
    </Form>
  );
}
