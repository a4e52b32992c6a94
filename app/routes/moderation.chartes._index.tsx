import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/components/format';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { listReviewQueue } from '~/services/charter/review.server';
import { getAppContext } from '~/services/context.server';
import charterStyles from '~/styles/charter.css';

// /moderation/chartes: the submitted self-assessments, oldest first (decision 140). moderation.charter.review.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: charterStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.charter.review' });
  return data({ queue: await listReviewQueue(ctx.database.db) }, { headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Chartes à vérifier — Modération — Maillage' }];

export default function CharterQueue() {
  const { queue } = useLoaderData<typeof loader>();
  return (
    <div className="container page">
      <p>
        <Link to="/moderation">Retour à la modération</Link>
      </p>
      <h1>Chartes à vérifier</h1>
      {queue.length === 0 ? (
        <p>Aucune auto-évaluation n’attend de vérification.</p>
      ) : (
        <table className="moderation-table">
          <caption className="visually-hidden">Auto-évaluations envoyées, les plus anciennes d’abord</caption>
          <thead>
            <tr>
              <th scope="col">Fournisseur</th>
              <th scope="col">SIRET</th>
              <th scope="col">Version</th>
              <th scope="col">Envoyée le</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/moderation/chartes/${item.id}`}>{item.supplierName}</Link>
                </td>
                <td>{item.siret}</td>
                <td>{item.version}</td>
                <td>{item.submittedAt ? formatDate(item.submittedAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
