import type { CacheRenderedPageHandle } from '~/services/cache/rendered-pages.server';
import { type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { countLabel, formatDateTime, formatInteger } from '~/components/format';
import {
  NEED_KIND_LABELS,
  placeLabel,
  RESERVATIONS,
  RESERVATION_LABELS,
  TENDER_STATUS_LABELS,
} from '~/domain/tenders/tender';
import { getAppContext } from '~/services/context.server';
import { getReferenceData } from '~/services/reference.server';
import { listPublicTenderPage } from '~/services/tenders/public.server';

// Rendered once per distinct URL and data for visitors who are not signed in (docs/decisions/305).
export const handle: CacheRenderedPageHandle = { cacheRenderedPage: true };

// /appels-d-offres: the public list of needs and tenders (decision 205), published, closed and awarded, with the
// filters of issue 7 (sector, département or région, reservation, deadline after a date, value range) in the
// query string, 20 a page. A malformed filter is said next to its field (400).

export async function loader({ request }: LoaderFunctionArgs) {
  const { database } = await getAppContext();
  const params = new URL(request.url).searchParams;
  const reference = await getReferenceData(database.db);
  const options = {
    sectors: reference.sectors.map((s) => ({ value: s.code, label: s.name })),
    departements: reference.departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` })),
    regions: reference.regionsByName.map((r) => ({ value: r.code, label: r.name })),
  };
  const values = Object.fromEntries(params);
  const list = await listPublicTenderPage(database.db, params);
  if (!list.ok) return data({ options, values, list: null, issues: list.error }, { status: 400 });
  return { options, values, list: list.value, issues: [] };
}

export const meta: MetaFunction = () => [
  { title: 'Appels d’offres et besoins des acheteurs — Maillage' },
  {
    name: 'description',
    content:
      'Les besoins publiés par les acheteurs publics et privés : appels d’offres, demandes de devis et de sourcing.',
  },
];

function Select({
  name,
  label,
  options,
  value,
  error,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string | undefined;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`filtre-${name}`} className="field__label">
        {label}
      </label>
      {error ? (
        <p id={`filtre-${name}-erreur`} className="field__errors">
          {error}
        </p>
      ) : null}
      <select
        id={`filtre-${name}`}
        name={name}
        defaultValue={value ?? ''}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `filtre-${name}-erreur` : undefined}
      >
        <option value="">Tous</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Input({
  name,
  label,
  type,
  value,
  error,
  hint,
}: {
  name: string;
  label: string;
  type: 'date' | 'text';
  value: string | undefined;
  error?: string;
  hint?: string;
}) {
  const described = [hint ? `filtre-${name}-aide` : null, error ? `filtre-${name}-erreur` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={`filtre-${name}`} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={`filtre-${name}-aide`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`filtre-${name}-erreur`} className="field__errors">
          {error}
        </p>
      ) : null}
      <input
        id={`filtre-${name}`}
        name={name}
        type={type}
        defaultValue={value ?? ''}
        inputMode={type === 'text' ? 'numeric' : undefined}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={described.length > 0 ? described.join(' ') : undefined}
      />
    </div>
  );
}

export default function PublicTenders() {
  const { options, values, list, issues } = useLoaderData<typeof loader>();
  const error = (name: string) => issues.find((i) => i.field === name)?.message;
  const pageUrl = (page: number) => {
    const params = new URLSearchParams(values);
    params.set('page', String(page));
    return `/appels-d-offres?${params.toString()}`;
  };
  return (
    <div className="container page">
      <h1>Appels d’offres et besoins des acheteurs</h1>
      <Form method="get" className="form filters" aria-label="Filtrer les besoins">
        <Select
          name="secteur"
          label="Secteur"
          options={options.sectors}
          value={values.secteur}
          error={error('secteur')}
        />
        <Select
          name="departement"
          label="Département"
          options={options.departements}
          value={values.departement}
          error={error('departement')}
        />
        <Select name="region" label="Région" options={options.regions} value={values.region} error={error('region')} />
        <Select
          name="reservation"
          label="Marché réservé"
          options={RESERVATIONS.map((r) => ({ value: r, label: RESERVATION_LABELS[r] }))}
          value={values.reservation}
          error={error('reservation')}
        />
        <Input
          name="limite-apres"
          label="Date limite de remise après le"
          type="date"
          value={values['limite-apres']}
          error={error('limite-apres')}
        />
        <Input
          name="valeur-min"
          label="Valeur estimée minimale (euros)"
          type="text"
          value={values['valeur-min']}
          error={error('valeur-min')}
        />
        <Input
          name="valeur-max"
          label="Valeur estimée maximale (euros)"
          type="text"
          value={values['valeur-max']}
          error={error('valeur-max')}
        />
        <button type="submit" className="button">
          Filtrer
        </button>
      </Form>
      {error('page') ? <p className="alert">{error('page')}</p> : null}
      {list ? (
        <section aria-labelledby="resultats">
          <h2 id="resultats">{countLabel(list.total, 'besoin publié', 'besoins publiés')}</h2>
          {list.items.length === 0 ? (
            <p>Aucun besoin ne correspond à ces critères.</p>
          ) : (
            <ul className="result-list">
              {list.items.map((t) => (
                <li key={t.id}>
                  <h3>
                    <Link to={`/appels-d-offres/${t.id}`}>{t.title}</Link>
                  </h3>
                  <p>
                    {NEED_KIND_LABELS[t.kind]} — {t.buyerName} — {TENDER_STATUS_LABELS[t.status]}
                  </p>
                  <p>
                    {placeLabel(t)}
                    {t.estimatedValueEuros !== null ? ` — ${formatInteger(t.estimatedValueEuros)} €` : ''}
                    {t.submissionDeadline ? ` — date limite le ${formatDateTime(new Date(t.submissionDeadline))}` : ''}
                    {t.reservation !== 'none' ? ` — ${RESERVATION_LABELS[t.reservation]}` : ''}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {list.pageCount > 1 ? (
            <nav aria-label="Pages de résultats">
              <p>
                Page {list.query.page} sur {list.pageCount}{' '}
                {list.query.page > 1 ? <Link to={pageUrl(list.query.page - 1)}>Page précédente</Link> : null}{' '}
                {list.query.page < list.pageCount ? <Link to={pageUrl(list.query.page + 1)}>Page suivante</Link> : null}
              </p>
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
