import { Form } from '@remix-run/react';
import { SEARCH_LIMITS } from '~/domain/search/params';

interface SearchBoxProps {
  defaultValue?: string;
  id?: string;
  large?: boolean;
  label?: string;
  /**
   * true (default): its own GET form to /fournisseurs, so it works without JavaScript and can be shared.
   * false: only the fields, for a page whose surrounding form already submits them (the search page).
   */
  standalone?: boolean;
}

/** The free-text search box (field "q"). */
export function SearchBox({
  defaultValue = '',
  id = 'recherche-q',
  large = false,
  label = 'Rechercher un fournisseur (activité, nom, SIRET…)',
  standalone = true,
}: SearchBoxProps) {
  const className = large ? 'search-box search-box--large' : 'search-box';
  const fields = (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="search-box__row">
        <input
          id={id}
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={SEARCH_LIMITS.qMaxLength}
          placeholder="Ex. : nettoyage de bureaux, espaces verts, traiteur…"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Rechercher
        </button>
      </div>
    </>
  );
  return standalone ? (
    <Form method="get" action="/fournisseurs" role="search" className={className}>
      {fields}
    </Form>
  ) : (
    <div role="search" className={className}>
      {fields}
    </div>
  );
}
