import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CharterStatusBadge } from '~/components/charter-status';
import { CHARTER_VALIDITY_TEXT } from '~/domain/charter';
import { getCharterCriteria } from '~/services/charter.server';
import { getAppContext } from '~/services/context.server';

export const meta: MetaFunction = () => [
  { title: 'La charte d’engagement — Maillage' },
  {
    name: 'description',
    content: 'Les 9 critères de la charte des achats responsables auprès de l’économie sociale et solidaire.',
  },
];

export async function loader() {
  const { database } = await getAppContext();
  return { criteria: await getCharterCriteria(database.db) };
}

const STATUS_EXPLANATIONS = [
  {
    status: 'verified',
    text: `La structure a apporté des preuves pour chacun des 9 critères et un modérateur du réseau les a validées. La vérification vaut ${CHARTER_VALIDITY_TEXT}.`,
  },
  {
    status: 'pending',
    text: 'La structure a rempli son auto-évaluation ; un modérateur examine les preuves fournies.',
  },
  {
    status: 'expired',
    text: `La charte a été vérifiée il y a plus de ${CHARTER_VALIDITY_TEXT} et n’a pas encore été renouvelée.`,
  },
  {
    status: 'none',
    text: 'La structure n’a pas (encore) engagé la démarche. Elle reste une structure de l’ESS référencée dans le catalogue.',
  },
] as const;

export default function CharterPage() {
  const { criteria } = useLoaderData<typeof loader>();
  return (
    <div className="container page">
      <div className="prose">
        <h1>La charte d’engagement</h1>
        <p className="lead">
          Les fournisseurs de Maillage peuvent faire vérifier leurs pratiques au regard des {criteria.length} critères
          de la charte des réseaux d’achat responsable de l’économie sociale et solidaire.
        </p>
        <p>
          Pour chaque critère, la structure décrit ses pratiques et fournit des preuves : des faits et des documents,
          pas des déclarations d’intention. Un modérateur du réseau valide ou refuse chaque critère.
        </p>
      </div>

      <h2>Les {criteria.length} critères</h2>
      <ol className="criteria">
        {criteria.map((c) => (
          <li key={c.code}>
            <h3>{c.title}</h3>
            <p>{c.description}</p>
          </li>
        ))}
      </ol>

      <h2>Les statuts affichés sur les fiches</h2>
      <dl className="status-list">
        {STATUS_EXPLANATIONS.map((s) => (
          <div key={s.status}>
            <dt>
              <CharterStatusBadge status={s.status} />
            </dt>
            <dd>{s.text}</dd>
          </div>
        ))}
      </dl>

      <p className="page-cta">
        <Link to="/fournisseurs?charter=verified" className="button">
          Voir les fournisseurs à la charte vérifiée
        </Link>
      </p>
    </div>
  );
}
