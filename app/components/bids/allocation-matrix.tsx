import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react';
import type { SubmissionResult, FieldMetadata } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { FieldErrors } from '~/components/form/field-errors';
import { SubmitButton } from '~/components/form/submit-button';
import { formatEuros, lotField, shareField, tasksField, TASKS_MAX_LENGTH } from '~/domain/bids/workspace';

// The allocation matrix of a bid (decision 245): lots answered × accepted members, each cell a share in
// percent and the tasks; the saved amounts in euros from the lot's price excl. VAT. One form for the whole
// matrix, each message next to its cell; read-only for a bid alone, a frozen bid or a member still invited.

export interface MatrixLot {
  number: number;
  title: string;
  priceCents: number | null;
  cells: { supplierId: number; share: string; tasks: string; amountCents: number | null }[];
}

export interface MatrixMember {
  supplierId: number;
  name: string;
  role: 'mandataire' | 'membre';
}

export function AllocationTable({ lots, members }: { lots: MatrixLot[]; members: MatrixMember[] }) {
  return (
    <table className="workspace-table">
      <caption className="visually-hidden">Part de chaque membre dans chaque lot</caption>
      <thead>
        <tr>
          <th scope="col">Lot (prix HT)</th>
          {members.map((m) => (
            <th key={m.supplierId} scope="col">
              {m.name}
              {m.role === 'mandataire' ? ' (mandataire)' : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lots.map((lot) => (
          <tr key={lot.number}>
            <th scope="row">
              Lot {lot.number} — {lot.title}
              <br />
              {lot.priceCents === null ? 'prix non renseigné' : formatEuros(lot.priceCents)}
            </th>
            {members.map((m) => {
              const cell = lot.cells.find((c) => c.supplierId === m.supplierId);
              return (
                <td key={m.supplierId}>
                  {cell ? (
                    <>
                      {cell.share} %{cell.amountCents !== null ? ` — ${formatEuros(cell.amountCents)} HT` : ''}
                      {cell.tasks ? <div>{cell.tasks}</div> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function defaults(lots: MatrixLot[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const lot of lots)
    for (const c of lot.cells) {
      values[shareField(lot.number, c.supplierId)] = c.share;
      values[tasksField(lot.number, c.supplierId)] = c.tasks;
    }
  return values;
}

export function AllocationForm({
  lots,
  members,
  lastResult,
}: {
  lots: MatrixLot[];
  members: MatrixMember[];
  lastResult: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm<Record<string, string>>({
    id: 'form-repartition',
    lastResult: lastResult ?? undefined,
    defaultValue: defaults(lots),
    shouldValidate: 'onSubmit',
  });
  const field = (name: string) => fields[name] as FieldMetadata<string>;
  const summary = [
    { fieldId: null, label: null, messages: form.errors ?? [] },
    ...lots.flatMap((lot) => [
      { fieldId: null, label: null, messages: field(lotField(lot.number)).errors ?? [] },
      ...members.flatMap((m) =>
        [shareField(lot.number, m.supplierId), tasksField(lot.number, m.supplierId)].map((name) => ({
          fieldId: field(name).id,
          label: `Lot ${lot.number}, ${m.name}`,
          messages: field(name).errors ?? [],
        })),
      ),
    ]),
  ];
  return (
    <Form method="post" className="form form--wide" {...getFormProps(form)}>
      <ErrorSummary submissionKey={lastResult} items={summary} />
      <input type="hidden" name="intent" value="save-allocation" />
      <p className="field__hint">
        Pour chaque lot, indiquez la part de chaque membre en pourcentage (deux décimales au plus, ex. 33,33) : les
        parts d’un lot totalisent exactement 100 %. Laissez vide un membre qui n’intervient pas sur le lot.
      </p>
      {lots.map((lot) => {
        const lotErrors = field(lotField(lot.number)).errors;
        return (
          <fieldset key={lot.number}>
            <legend>
              Lot {lot.number} — {lot.title} (
              {lot.priceCents === null ? 'prix non renseigné' : `${formatEuros(lot.priceCents)} HT`})
            </legend>
            <FieldErrors id={`lot-${lot.number}-error`} errors={lotErrors} />
            {members.map((m) => {
              const share = field(shareField(lot.number, m.supplierId));
              const tasks = field(tasksField(lot.number, m.supplierId));
              const cell = lot.cells.find((c) => c.supplierId === m.supplierId);
              const { key: shareKey, ...shareProps } = getInputProps(share, { type: 'text' });
              const { key: tasksKey, ...tasksProps } = getTextareaProps(tasks);
              return (
                <div key={m.supplierId} className="field-group">
                  <div className="field">
                    <label htmlFor={share.id}>
                      Part de {m.name} dans le lot {lot.number} (%)
                    </label>
                    <FieldErrors id={share.errorId} errors={share.errors} />
                    <input
                      key={shareKey}
                      {...shareProps}
                      inputMode="decimal"
                      autoComplete="off"
                      className="field__input"
                      aria-describedby={
                        [
                          share.errors?.length ? share.errorId : null,
                          lotErrors?.length ? `lot-${lot.number}-error` : null,
                        ]
                          .filter(Boolean)
                          .join(' ') || undefined
                      }
                    />
                    {cell?.amountCents != null ? (
                      <p className="field__hint">Montant enregistré : {formatEuros(cell.amountCents)} HT</p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor={tasks.id}>
                      Tâches de {m.name} dans le lot {lot.number}
                    </label>
                    <FieldErrors id={tasks.errorId} errors={tasks.errors} />
                    <textarea
                      key={tasksKey}
                      {...tasksProps}
                      rows={2}
                      maxLength={TASKS_MAX_LENGTH}
                      className="field__input"
                    />
                  </div>
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <SubmitButton>Enregistrer la répartition</SubmitButton>
    </Form>
  );
}
