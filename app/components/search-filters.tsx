import { Link } from '@remix-run/react';
import { useEffect, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { formatInteger } from './format';
import { ALL_FILTERS_PARAM, ALL_FILTERS_VALUE, type FacetEntry, type FacetView } from '~/domain/search/view';

export const RADIUS_CHOICES_KM = [5, 10, 20, 50, 100, 200] as const;

// The facet lists are long (about a hundred sectors and départements): by default only their top values are
// listed, with a plain link to every value (docs/decisions/301-collapsed-facets.md); items are rendered by plain
// functions, with each text as one string, to keep the server rendering cheap.

function countText(count: number | null) {
  if (count === null) return null;
  return (
    <span className="count">
      {formatInteger(count)}
      <span className="visually-hidden">{count > 1 ? ' fournisseurs' : ' fournisseur'}</span>
    </span>
  );
}

function checkboxItem(param: string, entry: FacetEntry) {
  const id = `f-${param}-${entry.code}`;
  return (
    <li key={entry.code}>
      <input type="checkbox" id={id} name={param} value={entry.code} defaultChecked={entry.selected} />
      <label htmlFor={id}>
        <span>{entry.name}</span>
        {countText(entry.count)}
      </label>
    </li>
  );
}

/** One checkbox per value, with its count; checked values always stay listed so they can be unchecked. */
function CheckboxList({ param, entries, scroll = false }: { param: string; entries: FacetEntry[]; scroll?: boolean }) {
  if (entries.length === 0) return <p className="muted">Aucune valeur pour cette recherche.</p>;
  return (
    <ul className={scroll ? 'check-list check-list--scroll' : 'check-list'}>
      {entries.map((entry) => checkboxItem(param, entry))}
    </ul>
  );
}

/**
 * A territory list (régions, départements): the selected values as checkboxes (uncheck to remove), and a
 * select to add one more, each option with its count.
 */
function TerritoryChoice({
  param,
  label,
  entries,
  more,
}: {
  param: 'region' | 'departement';
  label: string;
  entries: FacetEntry[];
  /** The link to every value, when the list shows its top values only. */
  more?: ReactNode;
}) {
  const selected = entries.filter((e) => e.selected);
  const others = entries.filter((e) => !e.selected);
  const selectId = `f-${param}`;
  return (
    <div className="field">
      {selected.length > 0 ? (
        <ul className="check-list">{selected.map((entry) => checkboxItem(param, entry))}</ul>
      ) : null}
      <label htmlFor={selectId}>{selected.length > 0 ? `Ajouter : ${label.toLowerCase()}` : label}</label>
      <select id={selectId} name={param} defaultValue="">
        <option value="">{selected.length > 0 ? '— Choisir —' : param === 'region' ? '— Toutes —' : '— Tous —'}</option>
        {others.map((entry) => (
          <option key={entry.code} value={entry.code}>
            {entry.count === null ? entry.name : `${entry.name} — ${formatInteger(entry.count)}`}
          </option>
        ))}
      </select>
      {more}
    </div>
  );
}

/** « Voir les 121 autres secteurs »: a plain link to the same search with every filter value (works without JS). */
function MoreValues({ href, hidden, noun }: { href: string | null; hidden: number; noun: [string, string] }) {
  if (!href || hidden <= 0) return null;
  return (
    <p className="filters__more">
      <Link to={href}>
        {hidden > 1 ? `Voir les ${formatInteger(hidden)} autres ${noun[1]}` : `Voir l’autre ${noun[0]}`}
      </Link>
    </p>
  );
}

interface Suggestion {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
  value: string;
}

/**
 * The commune field: plain text that the server resolves (INSEE code or name) and, with JavaScript, a
 * datalist of suggestions from /resources/communes.
 */
function CommuneField({
  defaultValue,
  onPicked,
}: {
  defaultValue: string;
  onPicked: (input: HTMLInputElement) => void;
}) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      controller.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const text = input.value.trim();
    if (suggestions.some((s) => s.value === input.value)) {
      onPicked(input);
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    if (text.length < 2) {
      setSuggestions([]);
      return;
    }
    timer.current = setTimeout(async () => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      try {
        const response = await fetch(`/resources/communes?q=${encodeURIComponent(text)}`, { signal: current.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { communes: Suggestion[] };
        setSuggestions(body.communes);
      } catch {
        // Aborted or offline: the field keeps working as plain text.
      }
    }, 150);
  }

  return (
    <div className="field">
      <label htmlFor="f-commune">Commune</label>
      <span className="field__hint" id="f-commune-hint">
        Nom de la commune ou code INSEE, par exemple « Lyon » ou « 69123 »
      </span>
      <input
        type="text"
        id="f-commune"
        name="commune"
        defaultValue={defaultValue}
        list="f-commune-suggestions"
        autoComplete="off"
        maxLength={100}
        aria-describedby="f-commune-hint"
        onChange={onChange}
      />
      <datalist id="f-commune-suggestions">
        {suggestions.map((s) => (
          <option key={s.code} value={s.value}>
            {`${s.postcodes[0] ?? ''} — département ${s.departement}`}
          </option>
        ))}
      </datalist>
    </div>
  );
}

export interface SearchFiltersProps {
  facets: FacetView;
  communeText: string;
  radiusKm?: number;
  onCommunePicked: (input: HTMLInputElement) => void;
  resetHref: string;
  /** The same search with every value of the long lists (`filtres=tous`), and back to their top values. */
  allFiltersHref: string;
  topFiltersHref: string;
}

export function SearchFilters({
  facets,
  communeText,
  radiusKm,
  onCommunePicked,
  resetHref,
  allFiltersHref,
  topFiltersHref,
}: SearchFiltersProps) {
  const collapsed = facets.collapsed;
  const moreHref = collapsed ? allFiltersHref : null;
  const radiusChoices: number[] = [...RADIUS_CHOICES_KM];
  if (radiusKm !== undefined && !radiusChoices.includes(radiusKm)) radiusChoices.push(radiusKm);
  radiusChoices.sort((a, b) => a - b);
  const anySectorSelected = (codes: FacetEntry[]) => codes.some((e) => e.selected);

  return (
    <section className="filters" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre">Affiner la recherche</h2>
      <p className="filters__skip">
        <a href="#resultats">Aller directement aux résultats</a>
      </p>

      <fieldset>
        <legend>Territoire</legend>
        <CommuneField defaultValue={communeText} onPicked={onCommunePicked} />
        <div className="field">
          <label htmlFor="f-radius">Périmètre</label>
          <span className="field__hint" id="f-radius-hint">
            Fournisseurs qui interviennent dans la commune, ou situés à une distance donnée
          </span>
          <select
            id="f-radius"
            name="radius_km"
            aria-describedby="f-radius-hint"
            defaultValue={radiusKm === undefined ? '' : String(radiusKm)}
          >
            <option value="">Zone d’intervention</option>
            {radiusChoices.map((km) => (
              <option key={km} value={km}>
                {`Situés à moins de ${km} km`}
              </option>
            ))}
          </select>
        </div>
        <TerritoryChoice param="region" label="Région" entries={facets.region} />
        <TerritoryChoice
          param="departement"
          label="Département"
          entries={facets.departement}
          more={
            <MoreValues
              href={moreHref}
              hidden={collapsed?.hidden.departement ?? 0}
              noun={['département', 'départements']}
            />
          }
        />
      </fieldset>

      <fieldset>
        <legend>Type de structure</legend>
        <CheckboxList param="kind" entries={facets.kind} />
      </fieldset>

      <fieldset>
        <legend>Secteur d’activité</legend>
        {collapsed ? (
          <>
            <CheckboxList param="sector" entries={collapsed.sectors} />
            <MoreValues href={moreHref} hidden={collapsed.hidden.sector} noun={['secteur', 'secteurs']} />
          </>
        ) : facets.sectorGroups.length === 0 ? (
          <p className="muted">Aucun secteur pour cette recherche.</p>
        ) : null}
        {facets.sectorGroups.map((group) => (
          <details key={group.code} open={anySectorSelected(group.sectors)}>
            <summary>
              {group.name}
              {group.sectors.some((s) => s.selected) ? <span className="visually-hidden"> (filtre actif)</span> : null}
            </summary>
            <CheckboxList param="sector" entries={group.sectors} />
          </details>
        ))}
      </fieldset>

      <fieldset>
        <legend>Labels et certifications</legend>
        <CheckboxList param="label" entries={facets.label} scroll={!collapsed} />
        <MoreValues href={moreHref} hidden={collapsed?.hidden.label ?? 0} noun={['label', 'labels']} />
      </fieldset>

      <fieldset>
        <legend>Charte d’engagement</legend>
        <CheckboxList param="charter" entries={facets.charter} />
      </fieldset>

      {collapsed ? null : (
        <>
          {/* Kept by the form, so that filtering again still lists every value. */}
          <input type="hidden" name={ALL_FILTERS_PARAM} value={ALL_FILTERS_VALUE} />
          <p className="filters__more">
            <Link to={topFiltersHref} preventScrollReset>
              Ne montrer que les valeurs principales des filtres
            </Link>
          </p>
        </>
      )}

      <div className="filters__actions">
        <button type="submit" className="button">
          Filtrer
        </button>
        <Link to={resetHref}>Effacer les filtres</Link>
      </div>
    </section>
  );
}
