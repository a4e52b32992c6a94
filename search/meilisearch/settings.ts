import type { Settings } from 'meilisearch';
import { FRENCH_STOP_WORDS, SYNONYM_GROUPS } from '../text';

// Index settings of the Meilisearch engine, applied before any document (init, and the temporary index
// of a rebuild). See docs/decisions/031-meilisearch-index-settings.md.

/**
 * The stop words of the SQLite engine (search/text.ts, normalised forms), plus their accented spellings,
 * so both engines ignore the same words.
 */
export const MEILI_STOP_WORDS: string[] = [...new Set([...FRENCH_STOP_WORDS, 'à', 'où'])].sort();

/**
 * Meilisearch synonyms are one-way: each group of search/text.ts is expanded to every direction.
 */
export function synonymGroups(groups: readonly (readonly string[])[]): Record<string, string[]> {
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
    'siren',
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
  stopWords: MEILI_STOP_WORDS,
  synonyms: synonymGroups(SYNONYM_GROUPS),
  typoTolerance: {
    enabled: true,
    // Identifiers match exactly: a SIRET or a postcode one digit off is another supplier.
    disableOnAttributes: ['siret', 'siren', 'postcode'],
    disableOnNumbers: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  },
  // Facets have up to ~150 values (sectors) and ~100 (départements): return them all.
  faceting: { maxValuesPerFacet: 1000 },
  // Exact totals for page-based pagination, up to well beyond the expected catalogue size.
  pagination: { maxTotalHits: 1_000_000 },
  displayedAttributes: ['*'],
};
