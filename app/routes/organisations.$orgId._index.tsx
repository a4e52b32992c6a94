import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate, formatSiret } from '~/components/format';
import { SupplierStatusTerms } from '~/components/organisation-status';
import {
  BUYER_SIZE_LABELS,
  BUYER_TYPE_LABELS,
  MEMBERSHIP_ROLE_LABELS,
  ORGANISATION_KIND_LABELS,
} from '~/domain/organisation';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { organisationOverview } from '~/services/organisations/views.server';

// One organisation's overview (issue 6, decision 120): its name, kind, SIRET, buyer type and size, and for a
// supplier the sheet's statuses with the links to edit the sheet and the charter (other pages) and to the
// public sheet once published. Permission organisation.view (members, moderators).

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { actor, setCookie } = await authorize({ request, context }, ctx, {
    action: 'organisation.view',
    organisationId,
  });
  const organisation = await organisationOverview(ctx.database.db, organisationId);
  if (!organisation) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return data(
    {
      organisation,
      role: actor.memberships.get(organisationId) ?? null,
      created: new URL(request.url).searchParams.get('creee') === '1',
      updated: new URL(request.url).searchParams.get('modifiee') === '1',
    },
    { headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.organisation.name} — Mes organisations — Maillage` : 'Organisation — Maillage' },
];

export default function OrganisationPage() {
  const { organisation: o, role, created, updated } = useLoaderData<typeof loader>();
  return (
    <div className="container page">
      <p>
        <Link to="/organisations">Retour à mes organisations</Link>
      </p>
      <h1>{o.name}</h1>
      {created ? (
        <div className="notice" role="status">
          <p>
            L’organisation a été créée et vous en êtes propriétaire.
            {o.supplier
              ? ' Complétez maintenant la fiche, puis la charte : la fiche sera publiée une fois la charte vérifiée.'
              : null}
          </p>
        </div>
      ) : null}
      {updated ? (
        <div className="notice" role="status">
          <p>Les informations de l’organisation ont été enregistrées.</p>
        </div>
      ) : null}
      <dl className="definition-list">
        <dt>Type</dt>
        <dd>{ORGANISATION_KIND_LABELS[o.kind]}</dd>
        {o.buyerType ? (
          <>
            <dt>Type d’acheteur</dt>
            <dd>{BUYER_TYPE_LABELS[o.buyerType]}</dd>
          </>
        ) : null}
        {o.buyerSize ? (
          <>
            <dt>Taille</dt>
            <dd>{BUYER_SIZE_LABELS[o.buyerSize]}</dd>
          </>
        ) : null}
        <dt>SIRET</dt>
        <dd>{o.siret ? formatSiret(o.siret) : 'Non renseigné'}</dd>
        <dt>Votre rôle</dt>
        <dd>{role ? MEMBERSHIP_ROLE_LABELS[role] : 'Vous n’êtes pas membre (accès de modération)'}</dd>
        <dt>Sur Maillage depuis le</dt>
        <dd>{formatDate(o.createdAt)}</dd>
        {o.supplier ? <SupplierStatusTerms supplier={o.supplier} /> : null}
      </dl>
      <h2>Gérer</h2>
      <ul>
        {o.supplier ? (
          <>
            {role ? (
              // Members only: moderators do not edit a supplier's sheet (decision 120).
              <>
                <li>
                  <Link to={`/organisations/${o.id}/fiche`}>Modifier la fiche</Link>
                </li>
                <li>
                  <Link to={`/organisations/${o.id}/charte`}>Remplir la charte</Link>
                </li>
                <li>
                  <Link to={`/organisations/${o.id}/alertes`}>Alertes appels d’offres</Link>
                </li>
                <li>
                  <Link to={`/organisations/${o.id}/reponses`}>Réponses aux appels d’offres</Link>
                </li>
              </>
            ) : null}
            <li>
              <Link to={`/organisations/${o.id}/opportunites`}>Opportunités : appels d’offres pour vous</Link>
            </li>
            {o.supplier.publicationStatus === 'published' ? (
              <li>
                <Link to={`/fournisseurs/${o.supplier.slug}`}>Voir la fiche publique</Link>
              </li>
            ) : null}
          </>
        ) : null}
        {o.kind === 'buyer' && role ? (
          <li>
            <Link to={`/organisations/${o.id}/appels-d-offres`}>Besoins et appels d’offres</Link>
          </li>
        ) : null}
        {!o.supplier && role === 'owner' ? (
          <li>
            <Link to={`/organisations/${o.id}/modifier`}>Modifier les informations</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/organisations/${o.id}/membres`}>
            Membres{role === 'owner' ? ', invitations et demandes' : null}
          </Link>
        </li>
      </ul>
    </div>
  );
}
