import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDate } from '~/components/format';
import { SupplierStatusTerms } from '~/components/organisation-status';
import { MEMBERSHIP_ROLE_LABELS, ORGANISATION_KIND_LABELS } from '~/domain/organisation';
import { privateHeaders } from '~/services/auth/authorize.server';
import { requireUser } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { withdrawJoinRequest } from '~/services/organisations/join-by-siret.server';
import { myOrganisations } from '~/services/organisations/views.server';

// « Mes organisations » (issue 6, decision 120): the organisations of the signed-in person with their role
// (and, for suppliers, the sheet's publication and charter statuses), their pending requests (which they may
// withdraw), and the links to join or create one. Any signed-in person; private, never cached.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request, context }, ctx);
  const view = await myOrganisations(ctx.database.db, user.id);
  const left = new URL(request.url).searchParams.get('quitte') === '1';
  return data({ ...view, emailVerified: user.emailVerified, left }, { headers: privateHeaders(setCookie) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const formData = await request.formData();
  const withdrawn =
    formData.get('intent') === 'withdraw' &&
    (await withdrawJoinRequest(ctx.database.db, {
      actor: { userId: user.id, email: user.email },
      requestId: formData.get('requestId'),
    }));
  return data(
    {
      withdrawn,
      message: withdrawn ? 'Votre demande a été retirée.' : 'Cette demande n’est plus en attente.',
    },
    { status: withdrawn ? 200 : 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Mes organisations — Maillage' }];

export default function MyOrganisationsPage() {
  const { organisations, pendingRequests, emailVerified, left } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <h1>Mes organisations</h1>
      {left && !answer ? (
        <div className="notice" role="status">
          <p>Vous avez quitté l’organisation.</p>
        </div>
      ) : null}
      {answer ? (
        <div className={answer.withdrawn ? 'notice' : 'alert'} role={answer.withdrawn ? 'status' : 'alert'}>
          <p>{answer.message}</p>
        </div>
      ) : null}
      {emailVerified ? null : (
        <div className="notice">
          <p>
            Confirmez votre adresse e-mail pour créer ou rejoindre une organisation : suivez le lien reçu après
            l’inscription, ou demandez-en un nouveau depuis <Link to="/compte">votre compte</Link>.
          </p>
        </div>
      )}
      {organisations.length === 0 ? (
        <p>Vous ne faites partie d’aucune organisation pour l’instant.</p>
      ) : (
        <ul className="session-list">
          {organisations.map((o) => (
            <li key={o.id}>
              <h2>
                <Link to={`/organisations/${o.id}`}>{o.name}</Link>
              </h2>
              <dl className="definition-list">
                <dt>Type</dt>
                <dd>{ORGANISATION_KIND_LABELS[o.kind]}</dd>
                <dt>Votre rôle</dt>
                <dd>{MEMBERSHIP_ROLE_LABELS[o.role]}</dd>
                {o.supplier ? <SupplierStatusTerms supplier={o.supplier} /> : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <h2>Demandes en attente</h2>
      {pendingRequests.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <ul className="session-list">
          {pendingRequests.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{r.organisationName}</strong> —{' '}
                {r.kind === 'claim'
                  ? 'rattachement en cours de vérification par la modération'
                  : 'demande envoyée aux propriétaires'}
                , depuis le {formatDate(r.createdAt)}.
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="requestId" value={r.id} />
                <button type="submit" className="button button--secondary">
                  Retirer la demande<span className="visually-hidden"> pour {r.organisationName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>Ajouter une organisation</h2>
      <ul>
        <li>
          <Link to="/organisations/nouvelle/fournisseur">Gérer la fiche d’une structure de l’ESS (par son SIRET)</Link>
        </li>
        <li>
          <Link to="/organisations/nouvelle/acheteur">Créer une organisation acheteuse</Link>
        </li>
      </ul>
    </div>
  );
}
