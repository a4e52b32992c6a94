import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { conformIds, describedBy, FieldShell } from '~/components/form/field-shell';
import { FieldErrors } from '~/components/form/field-errors';
import { FileField } from '~/components/form/file-field';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { formatDate } from '~/components/format';
import { DOCUMENT_FIELD } from '~/domain/bids/checklist-form';
import { CHECKLIST_STATUS_LABELS, CHECKLIST_STATUSES, type ChecklistStatus } from '~/domain/bids/status';

// One item of a bid's checklist (decision 246): what it is, who provides it, by when, where it stands, its PDF;
// members who work on the bid edit it in its own multipart form (works without JavaScript).

export interface ChecklistItemProps {
  id: number;
  label: string;
  assigneeSupplierId: number | null;
  assigneeName: string | null;
  dueDate: string | null;
  status: ChecklistStatus;
  statusLabel: string;
  file: { name: string; size: number } | null;
}

const STATUS_OPTIONS = CHECKLIST_STATUSES.map((s) => ({ value: s, label: CHECKLIST_STATUS_LABELS[s] }));

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`
    : `${Math.ceil(bytes / 1024)} ko`;
}

export function ChecklistItemSummary({ bidId, item }: { bidId: number; item: ChecklistItemProps }) {
  return (
    <>
      <h3>{item.label}</h3>
      <p>
        État : <span className="workspace-badge">{item.statusLabel}</span> · Fournie par :{' '}
        {item.assigneeName ?? 'personne'} · Échéance : {item.dueDate ? formatDate(item.dueDate) : 'non fixée'}
      </p>
      <p>
        {item.file ? (
          <a href={`/reponses/${bidId}/pieces/${item.id}/fichier`}>
            Télécharger {item.file.name}
            <span className="visually-hidden"> ({item.label})</span> (PDF, {sizeText(item.file.size)})
          </a>
        ) : (
          'Aucun document déposé.'
        )}
      </p>
    </>
  );
}

export function ChecklistItemForm({
  item,
  assignees,
  lastResult,
}: {
  item: ChecklistItemProps;
  assignees: { supplierId: number; name: string }[];
  lastResult: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm<Record<string, string>>({
    id: `form-piece-${item.id}`,
    lastResult: lastResult ?? undefined,
    defaultValue: {
      assignee: item.assigneeSupplierId === null ? '' : String(item.assigneeSupplierId),
      dueDate: item.dueDate ?? '',
      status: item.status,
    },
    shouldValidate: 'onSubmit',
  });
  const field = (name: string) => fields[name] as FieldMetadata<string>;
  const due = field('dueDate');
  const dueIds = conformIds(due);
  const { key: dueKey, ...dueProps } = getInputProps(due, { type: 'date' });
  const document = field(DOCUMENT_FIELD);
  return (
    <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
      {form.errors?.length ? (
        <div className="alert" role="alert">
          <FieldErrors id={`${form.id}-form-error`} errors={form.errors} />
        </div>
      ) : null}
      <input type="hidden" name="intent" value="update-item" />
      <input type="hidden" name="itemId" value={item.id} />
      <SelectField
        meta={field('assignee')}
        label={`Fournie par (${item.label})`}
        required
        options={assignees.map((a) => ({ value: String(a.supplierId), label: a.name }))}
      />
      <FieldShell
        {...dueIds}
        label={`Échéance (${item.label})`}
        hint="Au plus tard la date limite de remise des offres."
      >
        <input key={dueKey} {...dueProps} aria-describedby={describedBy(dueIds, true)} className="field__input" />
      </FieldShell>
      <SelectField meta={field('status')} label={`État (${item.label})`} required options={STATUS_OPTIONS} />
      <FileField
        id={document.id}
        errorId={document.errorId}
        name={DOCUMENT_FIELD}
        label={`${item.file ? 'Remplacer le document' : 'Document'} (${item.label})`}
        accept="application/pdf,.pdf"
        hint="Un fichier PDF de 10 Mo au plus. Une pièce n’est « faite » qu’avec son document."
        errors={document.errors}
        required={false}
      />
      <SubmitButton>
        Enregistrer<span className="visually-hidden"> {item.label}</span>
      </SubmitButton>
    </Form>
  );
}
