import { Link } from '@remix-run/react';
import { CharterStatusBadge } from './charter-status';
import { formatDecimal } from './format';
import type { HitView } from '~/domain/search/view';
import { Snippet } from './snippet';

export function ResultItem({ hit, sectorNames }: { hit: HitView; sectorNames: Record<string, string> }) {
  const titleId = `resultat-${hit.id}`;
  return (
    <li className="result">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>
          <Link to={`/fournisseurs/${hit.slug}`}>{hit.name}</Link>
        </h3>
        <dl className="result__meta">
          <dt>Type de structure</dt>
          <dd>
            <span className="kind-badge" title={hit.kind.name}>
              {hit.kind.code}
            </span>{' '}
            {hit.kind.name}
          </dd>
          <dt>Localisation</dt>
          <dd>{`${hit.commune.name}, ${hit.departement.name}`}</dd>
          {hit.distanceKm !== undefined ? (
            <>
              <dt>Distance</dt>
              <dd>{`à ${formatDecimal(hit.distanceKm)} km`}</dd>
            </>
          ) : null}
          <dt>Charte</dt>
          <dd>
            <CharterStatusBadge status={hit.charterStatus} />
          </dd>
        </dl>
        {hit.snippet ? (
          <p className="result__snippet">
            <Snippet value={hit.snippet} />
          </p>
        ) : null}
        {hit.sectors.length > 0 ? (
          <ul className="tags" aria-label="Secteurs d’activité">
            {hit.sectors.map((code) => (
              <li key={code} className="tag">
                {sectorNames[code] ?? code}
              </li>
            ))}
          </ul>
        ) : null}
      </article>
    </li>
  );
}
