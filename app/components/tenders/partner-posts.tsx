import { getFormProps, useForm } from '@conform-to/react';
import type { SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { formatDateTime } from '~/components/format';
import { CheckboxGroup } from '~/components/form/checkbox-group';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextAreaField } from '~/components/form/text-area-field';
import { PARTNER_MESSAGE_MAX_LENGTH, PARTNER_MESSAGE_MIN_LENGTH } from '~/domain/tenders/partner-posts';

// The parts of /appels-d-offres/:id/partenaires (decision 261): the searches with their offers, the form that
// publishes a search, the form that offers to join one, and the answers to the offers received.

type Status = 'open' | 'closed';
type OfferStatus = 'pending' | 'accepted' | 'declined';

export interface PartnerOfferView {
  id: number;
  postId: number;
  supplierName: string;
  supplierSlug: string;
  message: string;
  status: OfferStatus;
  createdAt: string;
}

export interface PartnerPostView {
  id: number;
  supplierName: string;
  supplierSlug: string;
  message: string;
  status: Status;
  createdAt: string;
  lotNumbers: number[];
  sectorCodes: string[];
  mine: boolean;
  offers: PartnerOfferView[];
  myOffer: PartnerOfferView | null;
}

export interface Organisation {
  id: number;
  name: string;
}

export type LastAnswer = { intent: string; target: number | null; result: SubmissionResult<string[]> } | undefined;

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: 'en attente de réponse',
  accepted: 'acceptée',
  declined: 'refusée',
};

function OrganisationChoice({
  organisations,
  meta,
}: {
  organisations: Organisation[];
  meta: Parameters<typeof SelectField>[0]['meta'];
}) {
  if (organisations.length === 1)
    return (
      <>
        <input type="hidden" name={meta.name} value={organisations[0].id} />
        <p>Au nom de : {organisations[0].name}</p>
      </>
    );
  return (
    <SelectField
      meta={meta}
      label="Au nom de la structure"
      options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
      emptyLabel="Choisissez une structure"
      required
    />
  );
}

export function PostSummary({
  post,
  lotTitle,
  sectorNames,
  children,
}: {
  post: PartnerPostView;
  lotTitle: (n: number) => string;
  sectorNames: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <article className="card" id={`annonce-${post.id}`} aria-labelledby={`annonce-${post.id}-titre`}>
      <h3 id={`annonce-${post.id}-titre`}>
        <Link to={`/fournisseurs/${post.supplierSlug}`}>{post.supplierName}</Link> cherche des partenaires
        {post.status === 'closed' ? ' (annonce close)' : ''}
      </h3>
      <dl className="facts">
        {post.lotNumbers.length > 0 ? (
          <>
            <dt>Lots</dt>
            <dd>{post.lotNumbers.map(lotTitle).join(' ; ')}</dd>
          </>
        ) : null}
        {post.sectorCodes.length > 0 ? (
          <>
            <dt>Secteurs</dt>
            <dd>{post.sectorCodes.map((c) => sectorNames[c] ?? c).join(', ')}</dd>
          </>
        ) : null}
        <dt>Publiée le</dt>
        <dd>{formatDateTime(new Date(post.createdAt))}</dd>
      </dl>
      <p className="prose">{post.message}</p>
      {children}
    </article>
  );
}

export function ReceivedOffers({ post, open }: { post: PartnerPostView; open: boolean }) {
  return (
    <>
      <h4>Propositions reçues</h4>
      {post.offers.length === 0 ? <p>Aucune proposition pour l’instant.</p> : null}
      <ul>
        {post.offers.map((offer) => (
          <li key={offer.id}>
            <Link to={`/fournisseurs/${offer.supplierSlug}`}>{offer.supplierName}</Link>, le{' '}
            {formatDateTime(new Date(offer.createdAt))} : {offer.message} — {OFFER_STATUS_LABELS[offer.status]}
            {offer.status === 'pending' && open ? (
              <span className="actions">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="offerId" value={offer.id} />
                  <button type="submit" name="intent" value="accepter" className="button">
                    Accepter la proposition de {offer.supplierName}
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="offerId" value={offer.id} />
                  <button type="submit" name="intent" value="refuser" className="button button--secondary">
                    Refuser la proposition de {offer.supplierName}
                  </button>
                </Form>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {post.status === 'open' ? (
        <Form method="post">
          <input type="hidden" name="postId" value={post.id} />
          <button type="submit" name="intent" value="clore" className="button button--secondary">
            Clore cette annonce
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function OfferForm({
  post,
  organisations,
  lastAnswer,
}: {
  post: PartnerPostView;
  organisations: Organisation[];
  lastAnswer: LastAnswer;
}) {
  const mine = lastAnswer?.intent === 'proposer' && lastAnswer.target === post.id;
  const [form, fields] = useForm<{ organisation: string; message: string }>({
    id: `offre-${post.id}`,
    lastResult: mine ? lastAnswer.result : undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <ErrorSummary
        submissionKey={mine ? lastAnswer : undefined}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.organisation.id, label: 'Structure', messages: fields.organisation.errors ?? [] },
          { fieldId: fields.message.id, label: 'Message', messages: fields.message.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="proposer" />
        <input type="hidden" name="postId" value={post.id} />
        <OrganisationChoice organisations={organisations} meta={fields.organisation} />
        <TextAreaField
          meta={fields.message}
          label={`Votre message à ${post.supplierName}`}
          hint={`De ${PARTNER_MESSAGE_MIN_LENGTH} à ${PARTNER_MESSAGE_MAX_LENGTH} caractères : ce que votre structure apporte.`}
          maxLength={PARTNER_MESSAGE_MAX_LENGTH}
          rows={3}
          required
        />
        <SubmitButton>Proposer de rejoindre {post.supplierName}</SubmitButton>
      </Form>
    </>
  );
}

export function PostForm({
  organisations,
  lots,
  sectorGroups,
  lastAnswer,
}: {
  organisations: Organisation[];
  lots: { number: number; title: string }[];
  sectorGroups: { key: string; label: string; options: { value: string; label: string }[] }[];
  lastAnswer: LastAnswer;
}) {
  const mine = lastAnswer?.intent === 'publier';
  const [form, fields] = useForm<{ organisation: string; message: string; lots: string[]; sectors: string[] }>({
    id: 'annonce',
    lastResult: mine ? lastAnswer.result : undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <ErrorSummary
        submissionKey={mine ? lastAnswer : undefined}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.organisation.id, label: 'Structure', messages: fields.organisation.errors ?? [] },
          { fieldId: fields.message.id, label: 'Message', messages: fields.message.errors ?? [] },
          { fieldId: fields.lots.id, label: 'Lots', messages: fields.lots.errors ?? [] },
          { fieldId: fields.sectors.id, label: 'Secteurs', messages: fields.sectors.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="publier" />
        <OrganisationChoice organisations={organisations} meta={fields.organisation} />
        <TextAreaField
          meta={fields.message}
          label="Votre message"
          hint={`De ${PARTNER_MESSAGE_MIN_LENGTH} à ${PARTNER_MESSAGE_MAX_LENGTH} caractères : ce que vous cherchez, ce que vous apportez.`}
          maxLength={PARTNER_MESSAGE_MAX_LENGTH}
          required
        />
        <CheckboxGroup
          meta={fields.lots}
          legend="Lots pour lesquels vous cherchez des partenaires"
          hint="Au moins un lot ou un secteur."
          options={lots.map((l) => ({ value: String(l.number), label: `Lot ${l.number} : ${l.title}` }))}
        />
        <CheckboxGroup meta={fields.sectors} legend="Secteurs recherchés" groups={sectorGroups} />
        <SubmitButton>Publier la recherche de partenaires</SubmitButton>
      </Form>
    </>
  );
}
