import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/components/format';
import { BID_KIND_LABELS, BID_STATUS_LABELS, MEMBER_ROLE_LABELS } from '~/domain/bids/labels';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getOrganisationBids } from '~/services/bids/overview.server';
import { getAppContext } from '~/services/context.server';

// /organisations/:orgId/reponses (decision 240): a supplier organisation's bids (alone and in groupements) and
// the groupement invitations waiting for its answer, with links to each workspace. GET only: bid.list (members of
// the organisation; never moderators). A buyer organisation: 404.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'bid.list', organisationId });
  const page = await getOrganisationBids(ctx.database.db, organisationId);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const done = new URL(request.url).searchParams.get('fait');
  return data(
    { page, done: done === 'refuse' || done === 'quitte' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Réponses — ${loaded.page.organisation.name} — Maillage` : 'Réponses — Maillage' },
];

type Listing = ReturnType<typeof useLoaderData<typeof loader>>['page']['bids'][number];

function BidList({ bids }: { bids: Listing[] }) {
  return (
    <ul>
      {bids.map((b) => (
        <li key={b.bidId}>
          <Link to={`/reponses/${b.bidId}`}>{b.name}</Link> — {BID_KIND_LABELS[b.kind]}
          {b.kind === 'groupement' ? ` (${MEMBER_ROLE_LABELS[b.role].toLowerCase()})` : ''} —{' '}
          {BID_STATUS_LABELS[b.status]} — appel d’offres « {b.tenderTitle} »
          {b.submissionDeadline ? `, date limite le ${formatDate(b.submissionDeadline)}` : ''}
        </li>
      ))}
    </ul>
  );
}

export default function OrganisationBids() {
  const { page, done } = useLoaderData<typeof loader>();
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${page.organisation.id}`}>Retour à {page.organisation.name}</Link>
      </p>
      <h1>Réponses aux appels d’offres — {page.organisation.name}</h1>
      {done ? (
        <div className="notice" role="status">
          <p>{done === 'refuse' ? 'Vous avez refusé l’invitation.' : 'Vous avez quitté le groupement.'}</p>
        </div>
      ) : null}
      <h2>Invitations en attente</h2>
      {page.invitations.length === 0 ? <p>Aucune invitation en attente.</p> : <BidList bids={page.invitations} />}
      <h2>Réponses</h2>
      {page.bids.length === 0 ? (
        <p>
          Aucune réponse pour l’instant. Trouvez un appel d’offres dans{' '}
          <Link to="/appels-d-offres">les besoins publiés</Link> et choisissez « Répondre ».
        </p>
      ) : (
        <BidList bids={page.bids} />
      )}
    </div>
  );
}
