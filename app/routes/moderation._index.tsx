import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatInteger } from '~/components/format';
import { can } from '~/domain/permissions';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { getModerationCounts } from '~/services/moderation/dashboard.server';
import charterStyles from '~/styles/charter.css';

// /moderation: the moderators' dashboard (docs/decisions/143-moderation-dashboard-and-audit-log.md): what waits
// in each queue, with links to them, and the audit log. Moderators and admins (moderation.view).

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: charterStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { actor, setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.view' });
  return data(
    {
      counts: await getModerationCounts(ctx.database.db),
      canManageRoles: can(actor, { action: 'admin.users.manage' }),
    },
    { headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Modération — Maillage' }];

export default function ModerationDashboard() {
  const { counts, canManageRoles } = useLoaderData<typeof loader>();
  const queues = [
    {
      count: counts.pendingClaims,
      label: 'demande(s) de rattachement à une fiche existante',
      link: '/moderation/rattachements',
      action: 'Examiner les demandes de rattachement',
    },
    {
      count: counts.submittedAssessments,
      label: 'auto-évaluation(s) de la charte à vérifier',
      link: '/moderation/chartes',
      action: 'Vérifier les chartes',
    },
    {
      count: counts.submittedTenders,
      label: 'besoin(s) ou appel(s) d’offres à valider avant publication',
      link: '/moderation/appels-d-offres',
      action: 'Valider les appels d’offres',
    },
    {
      count: counts.draftSheets,
      label: 'fiche(s) rattachée(s) en brouillon, en attente d’une charte vérifiée',
      link: '/moderation/fournisseurs?etat=draft',
      action: 'Voir les fiches en brouillon',
    },
    {
      count: counts.suspendedSuppliers,
      label: 'fournisseur(s) suspendu(s)',
      link: '/moderation/fournisseurs?etat=suspended',
      action: 'Voir les fournisseurs suspendus',
    },
  ];
  return (
    <div className="container page">
      <h1>Modération</h1>
      <section aria-labelledby="files-attente">
        <h2 id="files-attente">À traiter</h2>
        <ul className="moderation-counts">
          {queues.map((q) => (
            <li key={q.link}>
              <strong>{formatInteger(q.count)}</strong> {q.label}
              <br />
              <Link to={q.link}>{q.action}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="outils">
        <h2 id="outils">Outils</h2>
        <ul>
          <li>
            <Link to="/moderation/fournisseurs">Rechercher un fournisseur, le suspendre ou le rétablir</Link>
          </li>
          <li>
            <Link to="/moderation/journal">Journal des décisions</Link> : qui a décidé quoi, quand et pourquoi.
          </li>
          {canManageRoles ? (
            <li>
              <Link to="/admin/utilisateurs">Rôles des utilisateurs</Link> : donner ou retirer les rôles de modérateur
              et d’administrateur.
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
