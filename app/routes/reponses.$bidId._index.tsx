import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { WorkspaceHeader } from '~/components/bids/workspace-header';
import {
  BidLots,
  BidMembers,
  EmailInvitations,
  GroupementFormChoice,
  IntentButton,
  PartnerSearch,
  type BidAnswer,
} from '~/components/bids/bid-overview-parts';
import { useFormKey } from '~/components/form/use-form-key';
import { formatDate } from '~/components/format';
import { BID_KIND_LABELS, BID_STATUS_LABELS } from '~/domain/bids/labels';
import { GROUPEMENT_FORM_LABELS } from '~/domain/groupements/rules';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getBidOverview } from '~/services/bids/overview.server';
import { bidWorkspaceAction } from '~/services/bids/workspace-actions.server';
import { openBidWorkspace } from '~/services/bids/workspace.server';

// /reponses/:bidId, the overview of a bid's workspace (decisions 231, 240, 241): the tender, the status, the
// members, the lots answered with their prices, and the lead's forms (lots and prices, the groupement's form,
// partners from the catalogue (GET ?q=) or by e-mail, removal, mandataire, submission, withdrawal, dissolution);
// an invited member accepts or declines; a member leaves. GET: bid.view. POST: one `intent` per form, with its
// permission (workspace-actions.server.ts).

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, access, headers } = await openBidWorkspace({ request, context, params }, 'bid.view');
  const url = new URL(request.url);
  const view = await getBidOverview(ctx.database.db, access, url.searchParams.get('q'));
  const done = url.searchParams.get('fait') === 'cree' ? 'cree' : null;
  return data({ view, done }, { headers });
}

export const action = (args: ActionFunctionArgs) => bidWorkspaceAction(args);

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Vue d’ensemble — ${loaded.view.bid.name} — Maillage` : 'Réponse — Maillage' },
];

export default function BidOverviewRoute() {
  const answer = useActionData<typeof action>();
  return <BidOverviewPage key={useFormKey(answer?.ok === false)} />;
}

function BidOverviewPage() {
  const { view, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as BidAnswer | undefined;
  const { bid, tender, you } = view;
  const editable = view.frozen === null;
  const lead = you.lead;
  const groupement = bid.kind === 'groupement';
  return (
    <div className="container page">
      <WorkspaceHeader bid={view.heading} title="Vue d’ensemble" readOnly={null} />
      {done === 'cree' && !answer ? (
        <div className="notice" role="status">
          <p>
            {groupement
              ? 'Le groupement est créé : invitez vos partenaires, puis indiquez vos prix.'
              : 'Votre réponse est créée : indiquez vos prix, complétez les pièces, puis déposez l’offre.'}
          </p>
        </div>
      ) : null}
      {/* A refused form shows its messages next to its fields, under its own summary. */}
      {answer?.message && (answer.ok || !answer.result) ? (
        <div className={answer.ok ? 'notice' : 'alert'} role={answer.ok ? 'status' : 'alert'}>
          <p>{answer.message}</p>
          {answer.issues.length > 0 ? (
            <ul>
              {answer.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <h2>L’appel d’offres</h2>
      <dl className="facts">
        <dt>Appel d’offres</dt>
        <dd>
          <Link to={`/appels-d-offres/${tender.id}`}>{tender.title}</Link>
        </dd>
        <dt>Acheteur</dt>
        <dd>{tender.buyerName}</dd>
        <dt>Date limite de remise des offres</dt>
        <dd>{tender.submissionDeadline ? formatDate(tender.submissionDeadline) : 'Non précisée'}</dd>
        <dt>Lots</dt>
        <dd>{tender.lots.map((l) => `Lot ${l.number} — ${l.title}`).join(' ; ')}</dd>
      </dl>

      <h2>Statut</h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{BID_KIND_LABELS[bid.kind]}</dd>
        {groupement ? (
          <>
            <dt>Forme</dt>
            <dd>{bid.form ? GROUPEMENT_FORM_LABELS[bid.form] : 'À choisir'}</dd>
          </>
        ) : null}
        <dt>Statut</dt>
        <dd>{BID_STATUS_LABELS[bid.status]}</dd>
        {bid.submittedAt ? (
          <>
            <dt>Dernier dépôt</dt>
            <dd>
              {formatDate(bid.submittedAt)}
              {bid.submissionCount > 1 ? ` (${bid.submissionCount} dépôts)` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {view.frozen && (lead || you.leavingSupplierId !== null) ? <p>{view.frozen}</p> : null}

      {you.pendingSupplierId !== null ? (
        <>
          <h2>Votre réponse à l’invitation</h2>
          <p>
            Votre structure est invitée dans ce groupement. Vous voyez l’espace en lecture seule jusqu’à votre réponse.
          </p>
          <IntentButton intent="accept" label="Accepter de rejoindre le groupement" />{' '}
          <IntentButton intent="decline" label="Refuser l’invitation" secondary />
        </>
      ) : null}

      <h2>Membres</h2>
      <BidMembers members={view.members} manage={lead && editable} groupement={groupement} />
      {lead && groupement && editable ? (
        <>
          <h2>Inviter des partenaires</h2>
          <PartnerSearch search={view.search} answer={answer} />
          <h3>Invitations par e-mail en attente</h3>
          <EmailInvitations invitations={view.invitations} manage />
        </>
      ) : null}

      <h2>Lots et prix</h2>
      <BidLots lots={tender.lots} answered={view.answeredLots} editable={lead && editable} answer={answer} />

      {lead && groupement && editable ? (
        <>
          <h2>Forme du groupement</h2>
          <GroupementFormChoice current={bid.form} answer={answer} />
        </>
      ) : null}

      {lead ? (
        <>
          <h2>Dépôt de l’offre</h2>
          {bid.status === 'submitted' ? (
            <>
              <p>
                L’offre est déposée. Vous pouvez la retirer pour la modifier, puis la déposer de nouveau avant la date
                limite.
              </p>
              {editable || view.frozen !== null ? (
                <IntentButton intent="withdraw" label="Retirer l’offre" secondary />
              ) : null}
            </>
          ) : bid.status === 'dissolved' ? null : view.submissionIssues.length > 0 ? (
            <>
              <p>Avant de déposer l’offre :</p>
              <ul>
                {view.submissionIssues.map((issue) => (
                  <li key={issue}>{issue}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p>Tout est prêt : le dépôt fige la composition du groupement et horodate l’offre.</p>
              <IntentButton intent="submit" label="Déposer l’offre" />
            </>
          )}
          {editable ? (
            <>
              <h2>Abandonner</h2>
              <IntentButton
                intent="dissolve"
                label={groupement ? 'Dissoudre le groupement' : 'Abandonner la réponse'}
                secondary
              />
            </>
          ) : null}
        </>
      ) : null}

      {you.leavingSupplierId !== null && editable ? (
        <>
          <h2>Quitter le groupement</h2>
          <IntentButton intent="leave" label="Quitter le groupement" secondary />
        </>
      ) : null}
    </div>
  );
}
