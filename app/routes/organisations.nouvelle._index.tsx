import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';

// « Ajouter une organisation » (issue 6): a supplier (an ESS structure, found or created by its SIRET) or a
// buyer. Permission organisation.create (a signed-in person with a confirmed address).

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { setCookie } = await authorize({ request, context }, await getAppContext(), { action: 'organisation.create' });
  return data(null, { headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Ajouter une organisation — Maillage' }];

export default function NewOrganisationPage() {
  return (
    <div className="container page">
      <p>
        <Link to="/organisations">Retour à mes organisations</Link>
      </p>
      <h1>Ajouter une organisation</h1>
      <p>Pour qui agissez-vous sur Maillage ?</p>
      <ul className="session-list">
        <li>
          <h2>
            <Link to="/organisations/nouvelle/fournisseur">Une structure de l’ESS (fournisseur)</Link>
          </h2>
          <p>
            Entreprise d’insertion, ESAT, entreprise adaptée, SCOP, association… Indiquez son SIRET : si la structure
            est déjà dans le catalogue, vous demandez à gérer sa fiche ; sinon, vous créez sa fiche, qui sera publiée
            une fois la charte vérifiée.
          </p>
        </li>
        <li>
          <h2>
            <Link to="/organisations/nouvelle/acheteur">Un acheteur public ou privé</Link>
          </h2>
          <p>Collectivité, établissement public, bailleur social, entreprise… Vous en serez le propriétaire.</p>
        </li>
      </ul>
    </div>
  );
}
