import { Form } from '@remix-run/react';
import { FieldErrors } from '~/components/form/field-errors';
import { formatDate } from '~/components/format';
import type { BidLotDecision, LotOutcome } from '~/domain/bids/status';
import { GROUPEMENT_FORM_LABELS, formatShare, type GroupementForm } from '~/domain/groupements/rules';
import { BID_LOT_DECISION_LABELS, DECISION_REASON_MAX_LENGTH, LOT_OUTCOME_LABELS } from '~/domain/tenders/award';

// The buyer's bids on one lot (decisions 256–258): each submitted bid answering it, alone or in a groupement
// with its members and roles, the allocation of the lot, the price, the documents, and the decision forms
// (shortlist, reject with a reason, award); the lot declared unsuccessful. Presentational: the route gives the
// data and the last refused form's messages (`answer`): a reason's message goes next to its field; the
// messages about the whole decision (sealed bids, lot already decided…) are shown by the page at its top.

export interface BidView {
  id: number;
  kind: 'seul' | 'groupement';
  name: string;
  form: GroupementForm | null;
  submittedAt: string | null;
  members: { name: string; slug: string; role: 'mandataire' | 'membre' }[];
  priceCents: number | null;
  decision: BidLotDecision;
  decisionReason: string | null;
  allocation: { supplierName: string; shareBp: number; amountCents: number | null; tasks: string }[];
  documents: { label: string; url: string }[];
}

export interface LotView {
  number: number;
  title: string;
  outcome: { outcome: LotOutcome; reason: string | null; decidedAt: string } | null;
  bids: BidView[];
}

export interface DecisionAnswer {
  formKey: string;
  reason: string;
  issues: { field: string; message: string }[];
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function formatCents(cents: number | null): string {
  return cents === null ? '—' : euros.format(cents / 100);
}

function messagesOf(answer: DecisionAnswer | undefined, formKey: string, field: string): string[] {
  if (!answer || answer.formKey !== formKey) return [];
  return answer.issues.filter((i) => i.field === field).map((i) => i.message);
}

/** A form with a required reason (reject, unsuccessful) and its messages next to the field. */
function ReasonForm({
  formKey,
  intent,
  lot,
  bidId,
  label,
  button,
  answer,
}: {
  formKey: string;
  intent: 'reject' | 'unsuccessful';
  lot: number;
  bidId?: number;
  label: string;
  button: string;
  answer: DecisionAnswer | undefined;
}) {
  const errors = messagesOf(answer, formKey, 'reason');
  const errorId = `${formKey}-raison-erreur`;
  return (
    <Form method="post" className="form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="lot" value={lot} />
      {bidId !== undefined ? <input type="hidden" name="bidId" value={bidId} /> : null}
      <div className="field">
        <label htmlFor={`${formKey}-raison`} className="field__label">
          {label} (obligatoire, de 10 à {DECISION_REASON_MAX_LENGTH} caractères)
        </label>
        <FieldErrors id={errorId} errors={errors} />
        <textarea
          id={`${formKey}-raison`}
          name="reason"
          rows={3}
          maxLength={DECISION_REASON_MAX_LENGTH}
          required
          className="field__input"
          defaultValue={answer?.formKey === formKey ? answer.reason : ''}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? errorId : undefined}
        />
      </div>
      <button type="submit" className="button button--secondary">
        {button}
      </button>
    </Form>
  );
}

function BidCard({
  bid,
  lot,
  multiple,
  open,
  answer,
}: {
  bid: BidView;
  lot: number;
  multiple: boolean;
  open: boolean;
  answer: DecisionAnswer | undefined;
}) {
  const key = (intent: string) => `${intent}-${bid.id}-${lot}`;
  const headingId = `offre-${bid.id}-lot-${lot}`;
  const canAct = open && bid.decision !== 'rejected' && bid.decision !== 'awarded';
  return (
    <article aria-labelledby={headingId} className="review">
      <h4 id={headingId}>
        {bid.name}
        {bid.kind === 'seul' ? ' — candidat seul' : null}
      </h4>
      <dl className="facts">
        {bid.kind === 'groupement' ? (
          <>
            <dt>Forme</dt>
            <dd>{bid.form ? GROUPEMENT_FORM_LABELS[bid.form] : '—'}</dd>
          </>
        ) : null}
        <dt>{bid.kind === 'groupement' ? 'Membres' : 'Candidat'}</dt>
        <dd>
          <ul>
            {bid.members.map((m) => (
              <li key={m.slug}>
                <a href={`/fournisseurs/${m.slug}`}>{m.name}</a>
                {bid.kind === 'groupement' ? ` (${m.role === 'mandataire' ? 'mandataire' : 'cotraitant'})` : ''}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Prix du lot</dt>
        <dd>{formatCents(bid.priceCents)} HT</dd>
        <dt>Remise le</dt>
        <dd>{bid.submittedAt ? formatDate(bid.submittedAt) : '—'}</dd>
        <dt>Décision</dt>
        <dd>
          {BID_LOT_DECISION_LABELS[bid.decision]}
          {bid.decisionReason ? ` — ${bid.decisionReason}` : ''}
        </dd>
      </dl>
      {bid.allocation.length > 0 ? (
        <table>
          <caption>Répartition {multiple ? `du lot ${lot}` : 'du marché'}</caption>
          <thead>
            <tr>
              <th scope="col">Membre</th>
              <th scope="col">Part</th>
              <th scope="col">Montant HT</th>
              <th scope="col">Prestations</th>
            </tr>
          </thead>
          <tbody>
            {bid.allocation.map((a) => (
              <tr key={a.supplierName}>
                <th scope="row">{a.supplierName}</th>
                <td>{formatShare(a.shareBp)}</td>
                <td>{formatCents(a.amountCents)}</td>
                <td>{a.tasks || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>Pièces de l’offre :</p>
      {bid.documents.length === 0 ? (
        <p>Aucune pièce jointe.</p>
      ) : (
        <ul>
          {bid.documents.map((d) => (
            <li key={d.url}>
              <a href={d.url}>{d.label}</a>
            </li>
          ))}
        </ul>
      )}
      {canAct ? (
        <div className="actions">
          {bid.decision === 'none' ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="shortlist" />
              <input type="hidden" name="lot" value={lot} />
              <input type="hidden" name="bidId" value={bid.id} />
              <button type="submit" className="button button--secondary">
                Présélectionner<span className="visually-hidden"> l’offre {bid.name}</span>
              </button>
            </Form>
          ) : null}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="award" />
            <input type="hidden" name="lot" value={lot} />
            <input type="hidden" name="bidId" value={bid.id} />
            <button type="submit" className="button">
              Attribuer {multiple ? `le lot ${lot}` : 'le marché'} à cette offre
              <span className="visually-hidden"> ({bid.name})</span>
            </button>
          </Form>
          <ReasonForm
            formKey={key('reject')}
            intent="reject"
            lot={lot}
            bidId={bid.id}
            label={`Raison du rejet de l’offre ${bid.name}`}
            button="Écarter cette offre"
            answer={answer}
          />
        </div>
      ) : null}
    </article>
  );
}

export function LotBids({
  lot,
  multiple,
  open,
  answer,
}: {
  lot: LotView;
  /** Whether the tender has several lots (headings say « Lot n »). */
  multiple: boolean;
  /** Whether decisions may be taken now (tender closed, lot without outcome). */
  open: boolean;
  answer: DecisionAnswer | undefined;
}) {
  const decidable = open && lot.outcome === null;
  return (
    <section aria-labelledby={`lot-${lot.number}`}>
      <h3 id={`lot-${lot.number}`}>{multiple ? `Lot ${lot.number} — ${lot.title}` : lot.title}</h3>
      {lot.outcome ? (
        <p>
          {LOT_OUTCOME_LABELS[lot.outcome.outcome]} le {formatDate(lot.outcome.decidedAt)}
          {lot.outcome.reason ? ` — ${lot.outcome.reason}` : ''}
        </p>
      ) : null}
      {lot.bids.length === 0 ? <p>Aucune offre remise pour ce lot.</p> : null}
      {lot.bids.map((bid) => (
        <BidCard key={bid.id} bid={bid} lot={lot.number} multiple={multiple} open={decidable} answer={answer} />
      ))}
      {decidable ? (
        <ReasonForm
          formKey={`unsuccessful-lot-${lot.number}`}
          intent="unsuccessful"
          lot={lot.number}
          label={`Raison pour déclarer ${multiple ? `le lot ${lot.number}` : 'le marché'} infructueux`}
          button="Déclarer infructueux"
          answer={answer}
        />
      ) : null}
    </section>
  );
}
