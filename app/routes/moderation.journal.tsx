import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AUDIT_ACTION_OPTIONS, auditActionLabel } from '~/domain/audit-labels';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { getAuditPage, readAuditFilters } from '~/services/moderation/dashboard.server';
import charterStyles from '~/styles/charter.css';

// /moderation/journal: the audit log, newest first, 50 per page (keyset on the id: `avant`), filtered by
// supplier (`fournisseur`) or action (`action`). Read-only: nothing on the site edits the log, and the database
// refuses UPDATE and DELETE on it (decision 120). moderation.audit.view. Decision 143.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: charterStyles }];

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.audit.view' });
  const filters = readAuditFilters(new URL(request.url).searchParams);
  return data({ page: await getAuditPage(ctx.database.db, filters) }, { headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Journal des décisions — Modération — Maillage' }];

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key} : ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

export default function AuditLogPage() {
  const { page } = useLoaderData<typeof loader>();
  const { filters } = page;
  const next = new URLSearchParams();
  if (filters.supplierId) next.set('fournisseur', String(filters.supplierId));
  if (filters.action) next.set('action', filters.action);
  if (page.nextBeforeId) next.set('avant', String(page.nextBeforeId));
  return (
    <div className="container page">
      <p>
        <Link to="/moderation">Retour à la modération</Link>
      </p>
      <h1>Journal des décisions</h1>
      <p>
        Chaque décision de modération et chaque changement de droits, avec son auteur, sa date et sa raison. Le journal
        ne peut être ni modifié ni effacé.
      </p>
      <Form method="get" className="form" aria-label="Filtrer le journal">
        <div className="field">
          <label htmlFor="fournisseur">Numéro du fournisseur</label>
          <input
            id="fournisseur"
            name="fournisseur"
            type="text"
            inputMode="numeric"
            defaultValue={filters.supplierId ? String(filters.supplierId) : ''}
          />
        </div>
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filters.action ?? ''}>
            <option value="">Toutes</option>
            {AUDIT_ACTION_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
      </Form>
      {page.entries.length === 0 ? (
        <p>Aucune entrée.</p>
      ) : (
        <table className="moderation-table">
          <caption className="visually-hidden">Décisions, les plus récentes d’abord</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Auteur</th>
              <th scope="col">Action</th>
              <th scope="col">Objet</th>
              <th scope="col">Raison</th>
              <th scope="col">Détails</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{DATE_TIME.format(new Date(entry.created_at))}</td>
                <td>{entry.actor_email ?? 'Maillage (tâche automatique)'}</td>
                <td>{auditActionLabel(entry.action)}</td>
                <td>
                  {entry.subject_type} n° {entry.subject_id}
                  {entry.supplier_id ? (
                    <>
                      {' '}
                      (
                      <Link to={`/moderation/journal?fournisseur=${entry.supplier_id}`}>
                        fournisseur {entry.supplier_id}
                      </Link>
                      )
                    </>
                  ) : null}
                </td>
                <td>{entry.reason ?? ''}</td>
                <td>{describeDetails(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextBeforeId ? (
        <p>
          <Link to={`/moderation/journal?${next}`}>Entrées plus anciennes</Link>
        </p>
      ) : null}
    </div>
  );
}
