import { Form } from '@remix-run/react';

/** The free-text search: a GET form to /fournisseurs, so it works without JavaScript and can be shared. */
export function SearchBox({ defaultValue = '', id = 'recherche-q', large = false }: { defaultValue?: string; id?: string; large?: boolean }) {
  return (
    <Form method="get" action="/fournisseurs" role="search" className={large ? 'search-box search-box--large' : 'search-box'}>
      <label htmlFor={id}>Rechercher un fournisseur (activité, nom, SIRET…)</label>
      <div className="search-box__row">
        <input
          id={id}
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={500}
          placeholder="Ex. : nettoyage de bureaux, espaces verts, traiteur…"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Rechercher
        </button>
      </div>
    </Form>
  );
}
