import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { FieldErrors } from '~/components/form/field-errors';
import { SelectField } from '~/components/form/select-field';
import { TextAreaField } from '~/components/form/text-area-field';
import { formatDateTime, formatInteger } from '~/components/format';
import { NOT_INTERESTED_REASONS, REASON_MAX_LENGTH } from '~/domain/tenders/alert-forms';
import type { TenderInterest } from '~/domain/tenders/alerts';

// One open tender of the « Opportunités » page (decision 252): why it fits, its deadline and lots, the interest
// mark, and (for owners and editors) the « Intéressé » button and the « Pas intéressé » form with its reason,
// inside a <details> that opens itself when the form comes back with errors. Works without JavaScript.

export interface OpportunityCardData {
  id: number;
  title: string;
  buyerName: string;
  placeName: string;
  estimatedValueEuros: number | null;
  submissionDeadline: string;
  lots: { number: number; title: string; covered: boolean }[];
  reasons: string[];
  interest: TenderInterest | null;
  reason: string | null;
}

const REASON_OPTIONS = Object.entries(NOT_INTERESTED_REASONS).map(([value, label]) => ({ value, label }));

export function OpportunityCard({
  opportunity: o,
  canManage,
  filter,
  lastResult,
}: {
  opportunity: OpportunityCardData;
  canManage: boolean;
  filter: string;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm<{ interest: string; reason: string; details: string }>({
    id: `pas-interesse-${o.id}`,
    lastResult: lastResult ?? undefined,
    shouldValidate: 'onSubmit',
  });
  const headingId = `appel-${o.id}`;
  const refused =
    (form.errors?.length ?? 0) > 0 || Boolean(fields.reason.errors?.length || fields.details.errors?.length);
  return (
    <section aria-labelledby={headingId} className="opportunity" id={`opportunite-${o.id}`}>
      <h2 id={headingId}>
        <Link to={`/appels-d-offres/${o.id}`}>{o.title}</Link>
      </h2>
      <ul>
        <li>Acheteur : {o.buyerName}</li>
        <li>Lieu d’exécution : {o.placeName}</li>
        <li>Date limite de remise des offres : {formatDateTime(new Date(o.submissionDeadline))}</li>
        {o.estimatedValueEuros !== null ? <li>Valeur estimée : {formatInteger(o.estimatedValueEuros)} € HT</li> : null}
        {o.lots.length > 0 ? (
          <li>
            Lots :
            <ul>
              {o.lots.map((l) => (
                <li key={l.number}>
                  Lot {l.number} : {l.title}
                  {l.covered ? ' — dans vos secteurs' : ''}
                </li>
              ))}
            </ul>
          </li>
        ) : null}
      </ul>
      <h3>Pourquoi cet appel d’offres vous correspond</h3>
      <ul>
        {o.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p>
        <strong>Votre choix : </strong>
        {o.interest === 'interested'
          ? 'Intéressé'
          : o.interest === 'not-interested'
            ? `Pas intéressé (${o.reason ?? ''})`
            : 'non marqué'}
      </p>
      {canManage ? (
        <div className="opportunity__actions">
          <FieldErrors id={`${form.id}-erreurs`} errors={form.errors} />
          {o.interest !== 'interested' ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="tenderId" value={o.id} />
              <input type="hidden" name="filtre" value={filter} />
              <input type="hidden" name="intent" value="mark" />
              <input type="hidden" name="interest" value="interested" />
              <button type="submit" className="button">
                Intéressé<span className="visually-hidden"> par « {o.title} »</span>
              </button>
            </Form>
          ) : null}
          {o.interest !== null ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="tenderId" value={o.id} />
              <input type="hidden" name="filtre" value={filter} />
              <input type="hidden" name="intent" value="clear" />
              <button type="submit" className="link-button">
                Retirer mon choix<span className="visually-hidden"> sur « {o.title} »</span>
              </button>
            </Form>
          ) : null}
          {o.interest !== 'not-interested' ? (
            <details open={refused}>
              <summary>
                Pas intéressé<span className="visually-hidden"> par « {o.title} »</span>
              </summary>
              <Form method="post" className="form" {...getFormProps(form)}>
                <input type="hidden" name="tenderId" value={o.id} />
                <input type="hidden" name="filtre" value={filter} />
                <input type="hidden" name="intent" value="mark" />
                <input type="hidden" name="interest" value="not-interested" />
                <SelectField
                  meta={fields.reason}
                  label="Raison"
                  options={REASON_OPTIONS}
                  emptyLabel="Choisissez une raison"
                  required
                />
                <TextAreaField
                  meta={fields.details}
                  label="Précisions"
                  hint={`Obligatoire pour « Autre raison » ; ${REASON_MAX_LENGTH} caractères au plus.`}
                  rows={3}
                  maxLength={REASON_MAX_LENGTH}
                />
                <button type="submit" className="button">
                  Enregistrer « Pas intéressé »<span className="visually-hidden"> pour « {o.title} »</span>
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
