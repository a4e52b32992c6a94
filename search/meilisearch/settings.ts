import type { Settings } from 'meilisearch';

// Index settings of the Meilisearch engine, applied before any document (init, and the temporary index
// of a rebuild). See docs/decisions/031-meilisearch-index-settings.md.

/** Common French words that carry no meaning for a supplier search. */
export const FRENCH_STOP_WORDS = [
  'a', 'à', 'au', 'aux', 'avec', 'ce', 'ces', 'cet', 'cette', 'd', 'dans', 'de', 'des', 'du', 'elle', 'en', 'est',
  'et', 'eux', 'il', 'ils', 'je', 'l', 'la', 'le', 'les', 'leur', 'leurs', 'lui', 'ma', 'mais', 'me', 'mes', 'moi',
  'mon', 'n', 'ne', 'ni', 'nos', 'notre', 'nous', 'on', 'ou', 'où', 'par', 'pas', 'pour', 'qu', 'que', 'qui', 's',
  'sa', 'se', 'ses', 'son', 'sont', 'sur', 't', 'ta', 'te', 'tes', 'toi', 'ton', 'tu', 'un', 'une', 'vos', 'votre',
  'vous', 'y',
];

/**
 * Trade words that buyers and suppliers use for the same thing. Meilisearch synonyms are one-way, so
 * each group is expanded to every direction by synonymGroups().
 */
export const SYNONYM_GROUPS: string[][] = [
  ['espaces verts', 'paysagiste', 'paysagisme'],
  ['ménage', 'nettoyage', 'propreté'],
  ['traiteur', 'restauration'],
  ['blanchisserie', 'pressing'],
  ['déménagement', 'manutention'],
  ['imprimerie', 'impression', 'reprographie'],
  ['informatique', 'numérique'],
  ['recyclage', 'réemploi', 'valorisation'],
  ['couture', 'confection'],
];

export function synonymGroups(groups: string[][]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) synonyms[word] = group.filter((other) => other !== word);
  }
  return synonyms;
}

export const MEILI_SETTINGS: Settings = {
  // Ranking order of the attributes: a match in the name counts more than one in the description.
  searchableAttributes: [
    'name',
    'tradeName',
    'sectorNames',
    'offers',
    'structureKindName',
    'labelNames',
    'description',
    'communeName',
    'siret',
    'postcode',
  ],
  filterableAttributes: [
    'structureKind',
    'sectors',
    'departement',
    'region',
    'labels',
    'charterStatus',
    'serviceNational',
    'serviceRegions',
    'serviceDepartements',
    'serviceCommunes',
    'serviceAreaRadiusKm',
    '_geo',
  ],
  sortableAttributes: ['nameSort', 'charterRank', '_geo'],
  // "sort" first: a search sorted by name or distance is strictly in that order (like the SQLite engine),
  // and a search without a sort parameter skips the rule. Then the default relevance rules, then
  // verified charters first among equally relevant hits.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'charterRank:desc'],
  stopWords: FRENCH_STOP_WORDS,
  synonyms: synonymGroups(SYNONYM_GROUPS),
  typoTolerance: {
    enabled: true,
    // Identifiers match exactly: a SIRET or a postcode one digit off is another supplier.
    disableOnAttributes: ['siret', 'postcode'],
    disableOnNumbers: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  },
  // Facets have up to ~150 values (sectors) and ~100 (départements): return them all.
  faceting: { maxValuesPerFacet: 1000 },
  // Exact totals for page-based pagination, up to well beyond the expected catalogue size.
  pagination: { maxTotalHits: 1_000_000 },
  displayedAttributes: ['*'],
};
