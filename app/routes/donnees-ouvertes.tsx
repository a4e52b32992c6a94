import type { MetaFunction } from '@remix-run/node';
import { OCDS_PAGE_SIZE } from '~/domain/ocds/listing';
import { LICENCE_OUVERTE_2_0 } from '~/domain/ocds/package';
import { OCID_PREFIX } from '~/domain/ocds/release';

// /donnees-ouvertes: the publication policy the OCDS packages point at (decisions 223, 262): what Maillage
// publishes, when, under which identifiers and licence. Public and static.

export const meta: MetaFunction = () => [
  { title: 'Données ouvertes des appels d’offres — Maillage' },
  {
    name: 'description',
    content:
      'Les appels d’offres publiés sur Maillage et leurs attributions au format OCDS 1.1.5, sous Licence Ouverte 2.0.',
  },
];

export default function OpenDataPage() {
  return (
    <div className="container page prose">
      <h1>Données ouvertes des appels d’offres</h1>
      <p>
        Maillage publie les appels d’offres de ses acheteurs et leurs attributions au format de l’Open Contracting Data
        Standard (OCDS 1.1.5), avec l’extension Lots, pour que chacun puisse les réutiliser.
      </p>
      <h2>Ce qui est publié, et quand</h2>
      <ul>
        <li>
          À la publication d’un appel d’offres (après validation par un modérateur) : une publication « tender » qui
          décrit la procédure, les lots, les codes CPV, les dates, la valeur estimée et la réservation éventuelle.
        </li>
        <li>
          À l’attribution : une publication « award » par appel d’offres, une attribution par lot ; quand un groupement
          l’emporte, chacun de ses membres est fournisseur de l’attribution, le mandataire en premier.
        </li>
        <li>À l’annulation : une publication « tenderCancellation ».</li>
        <li>
          Les demandes de devis et de sourcing, les brouillons, les offres non retenues et le contenu des espaces de
          réponse ne sont pas publiés.
        </li>
      </ul>
      <h2>Identifiants</h2>
      <p>
        Chaque appel d’offres a l’identifiant OCDS (ocid) <code>{OCID_PREFIX}</code> suivi de son numéro sur Maillage.
        Les organisations sont identifiées par leur SIRET dans le schéma <code>FR-RCS</code>.
      </p>
      <h2>Où les trouver</h2>
      <ul>
        <li>
          Un appel d’offres : <code>GET /api/v1/tenders/&#123;id&#125;/ocds</code> (paquet de publications).
        </li>
        <li>
          Toutes les publications depuis une date : <code>GET /api/v1/ocds/releases?since=2026-01-01T00:00:00Z</code>,
          {` ${OCDS_PAGE_SIZE} par page`}, la page suivante dans <code>links.next</code>.
        </li>
        <li>
          La description complète de l’API : <a href="/api/v1/openapi.json">document OpenAPI</a>.
        </li>
      </ul>
      <h2>Licence</h2>
      <p>
        Les données sont publiées sous la <a href={LICENCE_OUVERTE_2_0}>Licence Ouverte / Open Licence 2.0</a> d’Etalab
        : vous pouvez les réutiliser librement en citant leur source (Maillage) et la date de leur dernière mise à jour.
      </p>
    </div>
  );
}
