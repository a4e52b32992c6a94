import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/components/format';
import { NEED_KIND_LABELS, TENDER_STATUS_LABELS, effectiveStatus } from '~/domain/tenders/tender';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { findBuyerOrganisation, listBuyerTenders } from '~/services/tenders/buyer.server';

// /organisations/:orgId/appels-d-offres: a buyer organisation's needs and tenders, the most recently changed
// first, with their status as it stands now (a published tender past its deadline is closed). tender.edit.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const organisation = await findBuyerOrganisation(ctx.database.db, organisationId);
  if (!organisation) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const now = new Date();
  const tenders = (await listBuyerTenders(ctx.database.db, organisationId)).map((t) => ({
    ...t,
    status: effectiveStatus(t, now),
  }));
  const done = new URL(request.url).searchParams.get('fait');
  return data({ organisation, tenders, done: done === 'envoye' ? done : null }, { headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Appels d’offres — ${loaded.organisation.name} — Maillage` : 'Appels d’offres — Maillage' },
];

export default function BuyerTenders() {
  const { organisation, tenders, done } = useLoaderData<typeof loader>();
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${organisation.id}`}>Retour à l’organisation</Link>
      </p>
      <h1>Besoins et appels d’offres — {organisation.name}</h1>
      {done === 'envoye' ? (
        <div className="notice" role="status">
          <p>Votre besoin est envoyé : un modérateur va le vérifier avant sa publication.</p>
        </div>
      ) : null}
      <p>
        <Link className="button" to={`/organisations/${organisation.id}/appels-d-offres/nouveau`}>
          Publier un besoin
        </Link>
      </p>
      {tenders.length === 0 ? (
        <p>Vous n’avez encore publié aucun besoin.</p>
      ) : (
        <table className="moderation-table">
          <caption className="visually-hidden">Vos besoins, les plus récemment modifiés d’abord</caption>
          <thead>
            <tr>
              <th scope="col">Titre</th>
              <th scope="col">Type</th>
              <th scope="col">État</th>
              <th scope="col">Date limite</th>
              <th scope="col">Modifié le</th>
            </tr>
          </thead>
          <tbody>
            {tenders.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/organisations/${organisation.id}/appels-d-offres/${t.id}`}>{t.title}</Link>
                </td>
                <td>{NEED_KIND_LABELS[t.kind]}</td>
                <td>{TENDER_STATUS_LABELS[t.status]}</td>
                <td>{t.submissionDeadline ? formatDate(t.submissionDeadline) : '—'}</td>
                <td>{formatDate(t.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
