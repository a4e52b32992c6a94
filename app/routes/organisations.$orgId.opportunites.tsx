import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { countLabel } from '~/components/format';
import { OpportunityCard } from '~/components/tenders/opportunity-card';
import { can } from '~/domain/permissions';
import {
  OPPORTUNITY_FILTER_LABELS,
  type OpportunityFilter,
  parseOpportunityFilter,
} from '~/domain/tenders/alert-forms';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { parseUnchecked, replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { findSupplierOrganisation, listOpportunities, markInterest } from '~/services/tenders/opportunities.server';

// /organisations/:orgId/opportunites: the open tenders that fit this supplier, computed live with the rules of
// the publication's matching (decisions 250, 252), best first, with why, the deadline and the lots. Filter:
// all (without those marked « Pas intéressé », shown on request) / interested / not marked. Members (and
// moderators) see the page (organisation.view); owners and editors with a confirmed address mark a tender
// « Intéressé » or « Pas intéressé » with a reason (supplier.opportunities.manage). 404 for a buyer organisation.

const FIELDS = ['interest', 'reason', 'details'] as const;
const MAIN_FILTERS: OpportunityFilter[] = ['tous', 'interesses', 'non-marques'];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { actor, setCookie } = await authorize({ request, context }, ctx, {
    action: 'organisation.view',
    organisationId,
  });
  const organisation = await findSupplierOrganisation(ctx.database.db, organisationId);
  if (!organisation) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const url = new URL(request.url);
  const view = await listOpportunities(
    ctx.database.db,
    organisation,
    parseOpportunityFilter(url.searchParams.get('filtre')),
  );
  const canManage = can(actor, { action: 'supplier.opportunities.manage', organisationId });
  const done = url.searchParams.get('fait');
  return data(
    { ...view, canManage, done: done === 'enregistre' || done === 'retire' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, {
    action: 'supplier.opportunities.manage',
    organisationId,
  });
  const organisation = await findSupplierOrganisation(ctx.database.db, organisationId);
  if (!organisation) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const formData = await request.formData();
  const tenderId = idParam(String(formData.get('tenderId') ?? ''));
  const filter = parseOpportunityFilter(String(formData.get('filtre') ?? ''));
  const intent = formData.get('intent') === 'clear' ? 'clear' : 'mark';
  const outcome = await markInterest(ctx.database.db, {
    organisation,
    userId: user.id,
    tenderId,
    intent,
    fields: Object.fromEntries(formData),
  });
  if (outcome.ok) {
    const query = new URLSearchParams({ filtre: filter, fait: intent === 'clear' ? 'retire' : 'enregistre' });
    throw redirect(`/organisations/${organisationId}/opportunites?${query}#opportunite-${tenderId}`, {
      headers: privateHeaders(setCookie),
    });
  }
  if (outcome.error.kind === 'not-found') throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return data(
    { tenderId, result: replyWithIssues(parseUnchecked(formData), outcome.error.issues, FIELDS) },
    { status: 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Opportunités — ${loaded.organisation.name} — Maillage` : 'Opportunités — Maillage' },
];

export default function OpportunitiesPage() {
  const { organisation, published, filter, opportunities, counts, canManage, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const base = `/organisations/${organisation.id}/opportunites`;
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${organisation.id}`}>Retour à l’organisation</Link>
      </p>
      <h1>Opportunités — {organisation.name}</h1>
      {done && !answer ? (
        <div className="notice" role="status">
          <p>{done === 'retire' ? 'Votre choix est retiré.' : 'Votre choix est enregistré.'}</p>
        </div>
      ) : null}
      <p>
        Les appels d’offres ouverts qui correspondent à vos secteurs, à votre zone d’intervention et, pour les marchés
        réservés, à votre type de structure, les plus pertinents d’abord.
        {canManage ? (
          <>
            {' '}
            <Link to={`/organisations/${organisation.id}/alertes`}>Régler les alertes par courriel</Link>
          </>
        ) : null}
      </p>
      {!published ? (
        <div className="notice" role="status">
          <p>Votre fiche n’est pas publiée : aucun appel d’offres ne vous est signalé tant qu’elle ne l’est pas.</p>
        </div>
      ) : null}
      <nav aria-label="Filtrer les opportunités" className="opportunity-filters">
        <ul>
          {MAIN_FILTERS.map((f) => (
            <li key={f}>
              <Link to={`${base}?filtre=${f}`} aria-current={f === filter ? 'page' : undefined}>
                {OPPORTUNITY_FILTER_LABELS[f]} ({counts[f]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {filter === 'pas-interesses' ? (
        <p>
          Appels d’offres marqués « Pas intéressé ». <Link to={base}>Revenir à la liste</Link>
        </p>
      ) : counts['pas-interesses'] > 0 ? (
        <p>
          <Link to={`${base}?filtre=pas-interesses`}>
            Afficher {countLabel(counts['pas-interesses'], 'appel d’offres masqué', 'appels d’offres masqués')} (marqués
            « Pas intéressé »)
          </Link>
        </p>
      ) : null}
      {opportunities.length === 0 ? (
        <p>Aucun appel d’offres ouvert ne correspond à ce filtre pour le moment.</p>
      ) : (
        opportunities.map((o) => (
          <OpportunityCard
            key={o.id}
            opportunity={o}
            canManage={canManage}
            filter={filter}
            lastResult={answer && answer.tenderId === o.id ? answer.result : null}
          />
        ))
      )}
    </div>
  );
}
