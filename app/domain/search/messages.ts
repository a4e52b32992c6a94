// The French messages of the search parameters, for the person who typed the URL or filled the form (the
// search page shows them in its alert, the public API returns them in `issues`). Pure functions of what they
// mention, so that the parameter table (./params.ts) and the search service can share them.
// See docs/decisions/050-search-parameters.md and 054-search-parameter-table.md.

/** A value as quoted in a message: at most `max` characters. */
export function shown(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

export const searchMessages = {
  givenTwice: (param: string) => `${param} ne peut être donné qu'une seule fois`,
  tooManyValues: (param: string, max: number) => `${param} accepte au plus ${max} valeurs`,
  tooLong: (param: string, max: number) => `${param} ne doit pas dépasser ${max} caractères`,
  integerBetween: (param: string, min: number, max: number) => `${param} doit être un entier entre ${min} et ${max}`,
  kilometresBetween: (param: string, min: number, max: number) =>
    `${param} doit être un nombre entier de kilomètres entre ${min} et ${max}`,
  oneOf: (param: string, values: readonly string[]) => `${param} doit valoir ${values.join(', ')}`,
  invalidCode: (param: string, value: string, hint: string) =>
    `${param} : « ${shown(value)} » n'est pas un code valide (${hint})`,
  invalidCharterStatus: (param: string, value: string, statuses: readonly string[]) =>
    `${param} : « ${shown(value)} » n'est pas un statut de charte valide (valeurs possibles : ${statuses.join(', ')})`,
  communeCode: (param: string) =>
    `${param} doit être un code INSEE de commune à 5 caractères, par exemple 69123 ou 2A004`,
  radiusNeedsCommune: 'radius_km ne peut être utilisé qu’avec une commune (paramètre commune)',
  distanceNeedsCommune: 'le tri par distance (sort=distance) demande une commune (paramètre commune)',
  unknownParam: (name: string, accepted: readonly string[]) =>
    `paramètre inconnu « ${shown(name)} » (paramètres acceptés : ${accepted.join(', ')})`,

  // Checked by the search service, against the reference tables and the results.
  unknownCode: (param: string, code: string, listPath: string) =>
    `${param} : code inconnu « ${code} » (codes possibles : ${listPath})`,
  unknownCommuneCode: (code: string) => `commune : aucune commune n'a le code INSEE « ${code} »`,
  pageBeyondLast: (page: number, last: number, total: number) =>
    total === 0
      ? `page ${page} n'existe pas : aucun fournisseur ne correspond, seule la page 1 existe`
      : `page ${page} dépasse la dernière page (${last}) pour ${total} résultat${total > 1 ? 's' : ''}`,

  // The search page's commune field (docs/decisions/061-commune-field.md).
  unknownCommuneName: (text: string) =>
    `Commune : aucune commune ne s’appelle « ${text.slice(0, 100)} ». Choisissez une commune proposée ou saisissez son code INSEE (5 caractères).`,
} as const;

/** Hints after an invalid code: where the valid codes are listed, or what they look like. */
export const CODE_HINTS = {
  kind: 'voir /api/v1/reference/kinds',
  sector: 'voir /api/v1/reference/sectors',
  departement: 'code INSEE du département, par exemple 69 ou 2A',
  region: 'code INSEE de la région à deux chiffres, par exemple 84',
  label: 'voir /api/v1/reference/labels',
} as const;
