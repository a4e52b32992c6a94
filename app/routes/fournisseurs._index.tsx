import type { CacheRenderedPageHandle } from '~/services/cache/rendered-pages.server';
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { countLabel } from '~/components/format';
import { Pagination } from '~/components/pagination';
import { ResultItem } from '~/components/result-item';
import { SearchBox } from '~/components/search-box';
import { SearchFilters } from '~/components/search-filters';
import {
  clearFilters,
  clearParam,
  hasFilters,
  searchHref,
  sortOrdersFor,
  toggleValue,
  withPage,
} from '~/domain/search/links';
import { LIST_PARAMS, SEARCH_PARAMS, type ListParam, type SearchState, type SortOrder } from '~/domain/search/params';
import {
  ALL_FILTERS_PARAM,
  ALL_FILTERS_VALUE,
  fromFacetViewData,
  toFacetViewData,
  type FacetEntry,
} from '~/domain/search/view';
import { getAppContext } from '~/services/context.server';
import { loadSearchPage } from '~/services/search-page.server';

// Rendered once per distinct URL and data for visitors who are not signed in (docs/decisions/305).
export const handle: CacheRenderedPageHandle = { cacheRenderedPage: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const view = await loadSearchPage(ctx, new URL(request.url).searchParams);
  if (view.kind === 'redirect') throw redirect(view.location);
  // The facet lists travel in columns (see FacetViewData); the page rebuilds them from the state.
  return data({ ...view, facets: view.facets ? toFacetViewData(view.facets) : null }, { status: view.status });
}

export const meta: MetaFunction<typeof loader> = ({ data: view }) => {
  if (!view || view.kind !== 'page') return [{ title: 'Rechercher un fournisseur — Maillage' }];
  const parts = [view.state.q ? `« ${view.state.q} »` : 'Rechercher un fournisseur'];
  if (view.issues.length > 0) parts.unshift('Erreur');
  if (view.results && view.results.page > 1) parts.push(`page ${view.results.page}`);
  return [
    { title: `${parts.join(' — ')} — Maillage` },
    {
      name: 'description',
      content:
        'Recherchez parmi les structures de l’économie sociale et solidaire par activité, territoire et type de structure.',
    },
  ];
};

const PATH = '/fournisseurs';

/** The same search with every value of the long filter lists (decision 301), scrolled to the filters. */
function withAllFilters(href: string): string {
  return `${href}${href.includes('?') ? '&' : '?'}${ALL_FILTERS_PARAM}=${ALL_FILTERS_VALUE}#filtres-titre`;
}

/** The title of each list filter in the active filters, in the order they are shown there. */
const LIST_FILTER_TITLES: Record<ListParam, string> = {
  kind: 'Type',
  sector: 'Secteur',
  region: 'Région',
  departement: 'Département',
  label: 'Label',
  charter: 'Charte',
};

const SORT_LABELS: Record<SortOrder, string> = {
  relevance: 'Pertinence',
  name: 'Nom (A → Z)',
  distance: 'Distance',
};

/** The filters currently applied, each with a link that removes it. */
function ActiveFilters({ state, names }: { state: SearchState; names: Record<string, Record<string, string>> }) {
  const items: { key: string; label: string; href: string }[] = [];
  if (state.q)
    items.push({ key: 'q', label: `Texte : « ${state.q} »`, href: searchHref(PATH, clearParam(state, 'q')) });
  for (const [param, title] of Object.entries(LIST_FILTER_TITLES) as [ListParam, string][]) {
    for (const code of state[param] as string[]) {
      items.push({
        key: `${param}-${code}`,
        label: `${title} : ${names[param]?.[code] ?? code}`,
        href: searchHref(PATH, toggleValue(state, param, code)),
      });
    }
  }
  if (state.commune) {
    const where = names.commune?.[state.commune] ?? state.commune;
    items.push({
      key: 'commune',
      label: state.radiusKm === undefined ? `Intervient à ${where}` : `À moins de ${state.radiusKm} km de ${where}`,
      href: searchHref(PATH, clearParam(state, 'commune')),
    });
  }
  if (items.length === 0) return null;
  return (
    <ul className="active-filters" aria-label="Filtres actifs">
      {items.map((item) => (
        <li key={item.key}>
          {/* The name is the visible text with a hidden prefix, never an aria-label that drops it (RGAA 6.1.5). */}
          <Link to={item.href}>
            <span className="visually-hidden">Retirer le filtre </span>
            {item.label} <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default function SearchPage() {
  const view = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const location = useLocation();
  const navigation = useNavigation();
  const [hydrated, setHydrated] = useState(false);
  const lastFocusedId = useRef<string | null>(null);
  useEffect(() => setHydrated(true), []);

  // The form is re-mounted for every new URL (so its fields show the new state); give the focus back to
  // the field that triggered the automatic submission.
  useEffect(() => {
    const id = lastFocusedId.current;
    lastFocusedId.current = null;
    const field = id ? document.getElementById(id) : null;
    if (!field) return;
    // A sector group closes when its last box is unchecked: reopen it so the focus is not lost.
    const group = field.closest('details');
    if (group && !group.open) group.open = true;
    field.focus();
  }, [location.key]);

  if (view.kind !== 'page') return null;
  const { state, results, issues } = view;
  const facets = view.facets ? fromFacetViewData(view.facets, state) : null;

  function submitFrom(form: HTMLFormElement | null, fieldId: string) {
    if (!form) return;
    lastFocusedId.current = fieldId;
    submit(form, { preventScrollReset: true });
  }

  // Progressive enhancement: checking a box or choosing in a list submits the form at once.
  function onFormChange(event: FormEvent<HTMLFormElement>) {
    const target = event.target;
    if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === 'checkbox')) {
      submitFrom(event.currentTarget, target.id);
    }
  }

  // Names of the selected values, for the active filters (the facet lists always include them).
  const names: Record<string, Record<string, string>> = {};
  if (facets) {
    const selectedNames = (entries: FacetEntry[]) =>
      Object.fromEntries(entries.filter((e) => e.selected).map((e) => [e.code, e.name]));
    for (const param of LIST_PARAMS)
      names[param] = selectedNames(
        param === 'sector'
          ? (facets.collapsed?.sectors ?? facets.sectorGroups.flatMap((g) => g.sectors))
          : facets[param],
      );
  }
  if (view.commune) names.commune = { [view.commune.code]: `${view.commune.name} (${view.commune.departement})` };

  const busy = navigation.state === 'loading' && navigation.location?.pathname === PATH;

  return (
    <div className="container page search-page">
      <div className="search-page__head">
        <h1>Rechercher un fournisseur</h1>
        <p className="muted">
          Structures d’insertion, entreprises adaptées, ESAT, coopératives et associations : cherchez par activité,
          territoire et type de structure.
        </p>
      </div>

      <Form method="get" action={PATH} id="recherche" onChange={onFormChange} key={location.key}>
        <SearchBox
          standalone={false}
          large
          defaultValue={state.q}
          label="Que recherchez-vous ? (activité, nom, SIRET…)"
        />
        {state.perPage !== SEARCH_PARAMS.per_page.default ? (
          <input type="hidden" name="per_page" value={state.perPage} />
        ) : null}

        {issues.length > 0 ? (
          <div className="alert" role="alert" aria-labelledby="erreurs-titre">
            <h2 id="erreurs-titre">La recherche n’a pas pu être effectuée</h2>
            <ul>
              {issues.map((issue, i) => (
                <li key={i}>{issue.message}</li>
              ))}
            </ul>
            <p>
              Corrigez les paramètres ci-dessous ou <Link to={PATH}>recommencez une nouvelle recherche</Link>.
            </p>
          </div>
        ) : null}
        {view.unavailableMessage ? (
          <div className="alert" role="alert">
            <h2>Recherche indisponible</h2>
            <p>{view.unavailableMessage}</p>
          </div>
        ) : null}

        <div className="search-layout">
          {facets ? (
            <SearchFilters
              facets={facets}
              communeText={view.communeText}
              radiusKm={state.radiusKm}
              onCommunePicked={(input) => submitFrom(input.form, input.id)}
              resetHref={state.q ? searchHref(PATH, { ...clearFilters(state), q: state.q }) : PATH}
              allFiltersHref={withAllFilters(searchHref(PATH, state))}
              topFiltersHref={searchHref(PATH, state)}
            />
          ) : (
            <div />
          )}

          <section className="results" id="resultats" tabIndex={-1} aria-labelledby="resultats-titre" aria-busy={busy}>
            <h2 id="resultats-titre" className="visually-hidden">
              Résultats
            </h2>
            <div className="results__bar">
              <p className="results__count" role="status" aria-live="polite" aria-atomic="true">
                {results
                  ? countLabel(results.total, 'fournisseur')
                  : issues.length > 0
                    ? 'Aucun résultat : paramètres à corriger'
                    : ''}
                {results && results.lastPage > 1 ? (
                  <span className="muted">{` — page ${results.page} sur ${results.lastPage}`}</span>
                ) : null}
              </p>
              {results && results.total > 0 ? (
                <div className="results__sort">
                  <div className="field">
                    <label htmlFor="f-sort">Trier par</label>
                    <select
                      id="f-sort"
                      name="sort"
                      defaultValue={state.sort}
                      onChange={(event) => submitFrom(event.currentTarget.form, event.currentTarget.id)}
                    >
                      {sortOrdersFor(state).map((order) => (
                        <option key={order} value={order}>
                          {SORT_LABELS[order]}
                        </option>
                      ))}
                    </select>
                  </div>
                  {hydrated ? null : (
                    <button type="submit" className="button button--secondary">
                      Trier
                    </button>
                  )}
                </div>
              ) : null}
            </div>
            <ActiveFilters state={state} names={names} />

            {results && results.total === 0 ? (
              <div className="empty-results">
                <h2>Aucun fournisseur ne correspond à votre recherche</h2>
                <ul>
                  {state.q ? (
                    <li>Vérifiez l’orthographe ou essayez un mot plus général (par exemple « nettoyage »).</li>
                  ) : null}
                  {hasFilters({ ...state, q: '' }) ? (
                    <li>
                      Retirez un ou plusieurs filtres, ou{' '}
                      <Link to={searchHref(PATH, { ...clearFilters(state), q: state.q })}>
                        effacez tous les filtres
                      </Link>
                      .
                    </li>
                  ) : null}
                  {state.commune && state.radiusKm === undefined ? (
                    <li>
                      Cherchez plutôt les fournisseurs situés autour de la commune (par exemple à moins de 50 km).
                    </li>
                  ) : null}
                  {state.radiusKm !== undefined ? <li>Élargissez la distance autour de la commune.</li> : null}
                  <li>
                    <Link to={PATH}>Voir tous les fournisseurs</Link>
                  </li>
                </ul>
              </div>
            ) : null}

            {results && results.hits.length > 0 ? (
              <ol className="result-list" start={(results.page - 1) * state.perPage + 1}>
                {results.hits.map((hit) => (
                  <ResultItem key={hit.id} hit={hit} sectorNames={results.sectorNames} />
                ))}
              </ol>
            ) : null}

            {results ? (
              <Pagination
                page={results.page}
                lastPage={results.lastPage}
                hrefFor={(p) => searchHref(PATH, withPage(state, p))}
              />
            ) : null}
          </section>
        </div>
      </Form>
    </div>
  );
}
