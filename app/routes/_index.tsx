import type { CacheRenderedPageHandle } from '~/services/cache/rendered-pages.server';
import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { countLabel, formatInteger } from '~/components/format';
import { SearchBox } from '~/components/search-box';
import { getAppContext } from '~/services/context.server';
import { getHomeCounts } from '~/services/home.server';

// Rendered once per distinct URL and data for visitors who are not signed in (docs/decisions/305).
export const handle: CacheRenderedPageHandle = { cacheRenderedPage: true };

export const meta: MetaFunction = () => [
  { title: 'Maillage — trouver un fournisseur de l’économie sociale et solidaire' },
  {
    name: 'description',
    content:
      'Recherchez parmi les structures d’insertion, entreprises adaptées, ESAT, coopératives et associations, et achetez responsable.',
  },
];

export async function loader() {
  const ctx = await getAppContext();
  return getHomeCounts(ctx);
}

export default function Home() {
  const home = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      {searchParams.get('compte') === 'supprime' ? (
        <div className="container">
          <div className="notice" role="status">
            <p>Votre compte a été supprimé. Merci d’avoir utilisé Maillage.</p>
          </div>
        </div>
      ) : null}
      <section className="hero" aria-labelledby="accueil-titre">
        <div className="container">
          <h1 id="accueil-titre">Achetez auprès des structures de l’économie sociale et solidaire</h1>
          <p className="hero__lead">
            Maillage réunit les structures d’insertion, les entreprises adaptées, les ESAT, les coopératives et les
            associations qui répondent aux achats publics et privés, près de chez vous.
          </p>
          <SearchBox large id="accueil-q" />
          {home.total !== null ? (
            <p className="hero__total">
              {countLabel(home.total, 'fournisseur référencé', 'fournisseurs référencés')}, dont{' '}
              <Link to="/fournisseurs?charter=verified">{formatInteger(home.verified ?? 0)} à la charte vérifiée</Link>.
            </p>
          ) : (
            <p className="hero__total">{home.message}</p>
          )}
        </div>
      </section>

      <div className="container">
        <div className="home-sections">
          <section aria-labelledby="par-type">
            <h2 id="par-type">Par type de structure</h2>
            {home.kinds.length > 0 ? (
              <ul className="count-list">
                {home.kinds.map((k) => (
                  <li key={k.code}>
                    <Link to={`/fournisseurs?kind=${encodeURIComponent(k.code)}`}>
                      <span>{k.name}</span>
                      <span className="count">{countLabel(k.count, 'fournisseur')}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Aucun fournisseur publié pour le moment.</p>
            )}
          </section>

          <section aria-labelledby="par-region">
            <h2 id="par-region">Par région</h2>
            {home.regions.length > 0 ? (
              <ul className="count-list">
                {home.regions.map((r) => (
                  <li key={r.code}>
                    <Link to={`/fournisseurs?region=${encodeURIComponent(r.code)}`}>
                      <span>{r.name}</span>
                      <span className="count">{countLabel(r.count, 'fournisseur')}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Aucun fournisseur publié pour le moment.</p>
            )}
          </section>
        </div>

        <section className="home-about" aria-labelledby="charte-titre">
          <h2 id="charte-titre">Une charte pour des engagements vérifiés</h2>
          <p>
            Les fournisseurs peuvent faire vérifier leurs pratiques au regard de 9 critères : utilité sociale,
            gouvernance démocratique, ancrage territorial… Le statut de la charte est affiché sur chaque fiche.
          </p>
          <p>
            <Link to="/charte">Découvrir les 9 critères de la charte</Link>
          </p>
        </section>
      </div>
    </>
  );
}
