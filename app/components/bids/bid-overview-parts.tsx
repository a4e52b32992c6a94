import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { FieldErrors } from '~/components/form/field-errors';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { formatDate, formatInteger, formatSiret } from '~/components/format';
import { MEMBER_ACCEPTANCE_LABELS, MEMBER_ROLE_LABELS } from '~/domain/bids/labels';
import { GROUPEMENT_FORMS, GROUPEMENT_FORM_LABELS } from '~/domain/groupements/rules';

// The parts of a bid's overview page (/reponses/:bidId, decision 240): presentational, fed by the loader's view
// and the action's last answer. Every button is a small form posting its `intent`; it works without JavaScript.

export interface BidAnswer {
  intent: string;
  ok: boolean;
  message: string;
  issues: string[];
  result: unknown;
}

type LastResult = SubmissionResult<string[]> | undefined;

function lastResultOf(answer: BidAnswer | undefined, intent: string): LastResult {
  return answer?.intent === intent ? ((answer.result ?? undefined) as LastResult) : undefined;
}

function IntentButton({
  intent,
  label,
  fields = {},
  secondary = false,
}: {
  intent: string;
  label: string;
  fields?: Record<string, string>;
  secondary?: boolean;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? 'button button--secondary' : 'button'}>
        {label}
      </button>
    </Form>
  );
}

export interface MemberView {
  supplierId: number;
  name: string;
  slug: string;
  role: 'mandataire' | 'membre';
  acceptance: 'pending' | 'accepted' | 'declined';
  hasOrganisation: boolean;
}

export function BidMembers({
  members,
  manage,
  groupement,
}: {
  members: MemberView[];
  manage: boolean;
  groupement: boolean;
}) {
  return (
    <table className="table">
      <caption className="visually-hidden">Membres de la réponse</caption>
      <thead>
        <tr>
          <th scope="col">Structure</th>
          <th scope="col">Rôle</th>
          <th scope="col">Réponse</th>
          {manage ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.supplierId}>
            <td>
              <a href={`/fournisseurs/${m.slug}`}>{m.name}</a>
              {m.hasOrganisation ? null : ' (pas encore de compte sur Maillage)'}
            </td>
            <td>{MEMBER_ROLE_LABELS[m.role]}</td>
            <td>{MEMBER_ACCEPTANCE_LABELS[m.acceptance]}</td>
            {manage ? (
              <td>
                {m.role === 'membre' ? (
                  <>
                    {groupement && m.acceptance === 'accepted' ? (
                      <IntentButton
                        intent="change-mandataire"
                        label={`Confier le rôle de mandataire à ${m.name}`}
                        fields={{ supplierId: String(m.supplierId) }}
                        secondary
                      />
                    ) : null}{' '}
                    <IntentButton
                      intent="remove-member"
                      label={m.acceptance === 'pending' ? `Annuler l’invitation de ${m.name}` : `Retirer ${m.name}`}
                      fields={{ supplierId: String(m.supplierId) }}
                      secondary
                    />
                  </>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EmailInvitations({
  invitations,
  manage,
}: {
  invitations: { id: number; email: string; expiresAt: string; expired: boolean }[];
  manage: boolean;
}) {
  if (invitations.length === 0) return <p>Aucune invitation par e-mail en attente.</p>;
  return (
    <ul>
      {invitations.map((i) => (
        <li key={i.id}>
          {i.email} — {i.expired ? 'expirée' : `valable jusqu’au ${formatDate(i.expiresAt)}`}{' '}
          {manage ? (
            <IntentButton
              intent="revoke-invitation"
              label={`Annuler l’invitation de ${i.email}`}
              fields={{ invitationId: String(i.id) }}
              secondary
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export interface LotView {
  number: number;
  title: string;
  estimatedValueEuros: number | null;
}

function euros(cents: number | null): string {
  if (cents === null) return 'Prix à indiquer';
  const rest = cents % 100;
  return `${formatInteger(Math.trunc(cents / 100))}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`} € HT`;
}

export function BidLots({
  lots,
  answered,
  editable,
  answer,
}: {
  lots: LotView[];
  answered: { lotNumber: number; priceCents: number | null; priceInput: string }[];
  editable: boolean;
  answer: BidAnswer | undefined;
}) {
  const byLot = new Map(answered.map((a) => [a.lotNumber, a]));
  const defaultValue: Record<string, string | string[]> = { lots: answered.map((a) => String(a.lotNumber)) };
  for (const a of answered) defaultValue[`price-${a.lotNumber}`] = a.priceInput;
  const [form, fields] = useForm<Record<string, string | string[]>>({
    id: 'lots',
    lastResult: lastResultOf(answer, 'save-lots'),
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  if (!editable)
    return (
      <ul>
        {lots
          .filter((l) => byLot.has(l.number))
          .map((l) => (
            <li key={l.number}>
              Lot {l.number} — {l.title} : {euros(byLot.get(l.number)?.priceCents ?? null)}
            </li>
          ))}
      </ul>
    );
  const lotsMeta = fields.lots;
  const initialLots = new Set(
    Array.isArray(lotsMeta.initialValue) ? lotsMeta.initialValue.map(String) : [String(lotsMeta.initialValue ?? '')],
  );
  return (
    <>
      <ErrorSummary
        submissionKey={answer?.intent === 'save-lots' ? answer : undefined}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: lotsMeta.id, label: 'Lots', messages: lotsMeta.errors ?? [] },
          ...lots.map((l) => ({
            fieldId: fields[`price-${l.number}`].id,
            label: `Prix du lot ${l.number}`,
            messages: fields[`price-${l.number}`].errors ?? [],
          })),
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save-lots" />
        <fieldset className="field checkbox-group" id={lotsMeta.id}>
          <legend>Lots auxquels vous répondez, et votre prix pour chacun (euros HT)</legend>
          <FieldErrors id={lotsMeta.errorId} errors={lotsMeta.errors} />
          {lots.map((l) => {
            const price = fields[`price-${l.number}`];
            return (
              <div key={l.number} className="field">
                <input
                  type="checkbox"
                  id={`${lotsMeta.id}-${l.number}`}
                  name="lots"
                  value={String(l.number)}
                  defaultChecked={initialLots.has(String(l.number))}
                />
                <label htmlFor={`${lotsMeta.id}-${l.number}`}>
                  Lot {l.number} — {l.title}
                  {l.estimatedValueEuros !== null ? ` (estimé à ${formatInteger(l.estimatedValueEuros)} € HT)` : ''}
                </label>
                <TextField
                  meta={price as never}
                  label={`Prix du lot ${l.number} en euros HT`}
                  type="text"
                  inputMode="text"
                  autoComplete="off"
                  required={false}
                  hint="Par exemple 12 500,50 ; laissez vide tant qu’il n’est pas connu."
                />
              </div>
            );
          })}
        </fieldset>
        <SubmitButton>Enregistrer les lots et les prix</SubmitButton>
      </Form>
    </>
  );
}

export function GroupementFormChoice({ current, answer }: { current: string | null; answer: BidAnswer | undefined }) {
  const [form, fields] = useForm<{ form: string }>({
    id: 'forme',
    lastResult: lastResultOf(answer, 'change-form'),
    defaultValue: { form: current ?? '' },
    shouldValidate: 'onSubmit',
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="change-form" />
      <SelectField
        meta={fields.form}
        label="Forme du groupement"
        options={GROUPEMENT_FORMS.map((f) => ({ value: f, label: GROUPEMENT_FORM_LABELS[f] }))}
        emptyLabel="Choisissez une forme"
        required
      />
      <SubmitButton>Enregistrer la forme</SubmitButton>
    </Form>
  );
}

export interface PartnerResult {
  supplierId: number;
  name: string;
  slug: string;
  siret: string;
  communeName: string | null;
  hasOrganisation: boolean;
}

export function PartnerSearch({
  search,
  answer,
}: {
  search: { q: string; error: string | null; results: PartnerResult[] } | null;
  answer: BidAnswer | undefined;
}) {
  const [emailForm, emailFields] = useForm<{ email: string }>({
    id: 'invitation-email',
    lastResult: lastResultOf(answer, 'invite-email'),
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <h3>Chercher dans le catalogue</h3>
      <Form method="get" className="form" role="search">
        <div className="field">
          <label htmlFor="recherche-partenaire" className="field__label">
            Nom ou numéro SIRET de la structure
          </label>
          {search?.error ? (
            <ul id="recherche-partenaire-erreurs" className="field__errors">
              <li>{search.error}</li>
            </ul>
          ) : null}
          <input
            id="recherche-partenaire"
            name="q"
            type="search"
            defaultValue={search?.q ?? ''}
            className="field__input"
            aria-describedby={search?.error ? 'recherche-partenaire-erreurs' : undefined}
            aria-invalid={search?.error ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--secondary">
          Chercher
        </button>
      </Form>
      {search && !search.error ? (
        search.results.length === 0 ? (
          <p role="status">
            Aucune structure publiée à inviter ne correspond à « {search.q} » (les membres du groupement ne sont pas
            proposés).
          </p>
        ) : (
          <ul aria-label="Structures trouvées">
            {search.results.map((r) => (
              <li key={r.supplierId}>
                <a href={`/fournisseurs/${r.slug}`}>{r.name}</a> — SIRET {formatSiret(r.siret)}
                {r.communeName ? ` — ${r.communeName}` : ''}
                {r.hasOrganisation ? '' : ' (pas encore de compte sur Maillage)'}{' '}
                <IntentButton
                  intent="invite-supplier"
                  label={`Inviter ${r.name}`}
                  fields={{ supplierId: String(r.supplierId) }}
                />
              </li>
            ))}
          </ul>
        )
      ) : null}
      <h3>Inviter par e-mail</h3>
      <ErrorSummary
        submissionKey={answer?.intent === 'invite-email' ? answer : undefined}
        items={[
          { fieldId: null, label: null, messages: emailForm.errors ?? [] },
          { fieldId: emailFields.email.id, label: 'Adresse e-mail', messages: emailFields.email.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(emailForm)}>
        <input type="hidden" name="intent" value="invite-email" />
        <TextField
          meta={emailFields.email}
          label="Adresse e-mail de la structure"
          type="email"
          autoComplete="off"
          hint="Un lien valable 14 jours y sera envoyé ; la structure l’accepte une fois connectée."
        />
        <SubmitButton>Envoyer l’invitation</SubmitButton>
      </Form>
    </>
  );
}

export { IntentButton };
