import type { DB } from '../../db/connection';
import { findCommuneCodeByName, searchCommunes, type CommuneSummary } from '../../db/repositories/communes';
import { normaliseForSearch } from '../domain/text';

// The commune field of the search page: an autocomplete (suggestCommunes, behind /resources/communes) and,
// because the field must work without JavaScript, a resolver that accepts what a person types: an INSEE code,
// a suggestion as shown ("Lyon (69123)"), or a commune name (docs/decisions/061-commune-field.md).

const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
const SUGGESTION = /\((\d{5}|2[AB]\d{3})\)\s*$/;

export const COMMUNE_INPUT_MAX_LENGTH = 100;
export const COMMUNE_SUGGESTION_LIMIT = 10;

export type CommuneInput = { kind: 'empty' } | { kind: 'code'; code: string } | { kind: 'name'; name: string };

/** What the text of the commune field is. Pure. */
export function parseCommuneInput(text: string): CommuneInput {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (INSEE_CODE.test(trimmed.toUpperCase())) return { kind: 'code', code: trimmed.toUpperCase() };
  const suggestion = SUGGESTION.exec(trimmed.toUpperCase());
  if (suggestion) return { kind: 'code', code: suggestion[1] };
  return { kind: 'name', name: trimmed };
}

/** The label the field shows for a commune, and the value of its suggestions: « Lyon (69123) ». */
export function communeFieldValue(commune: { name: string; code: string }): string {
  return `${commune.name} (${commune.code})`;
}

export type CommuneResolution =
  { kind: 'empty' } | { kind: 'code'; code: string } | { kind: 'not-found'; text: string };

/**
 * Turns the field's text into an INSEE code. A name must match a commune's whole name (accents, case,
 * hyphens ignored); among homonyms the most populous wins. Codes are not checked here: the search service
 * refuses unknown ones with its own message.
 */
export async function resolveCommuneInput(db: DB, text: string): Promise<CommuneResolution> {
  const input = parseCommuneInput(text);
  if (input.kind !== 'name') return input;
  const name = normaliseForSearch(input.name);
  if (name === '' || input.name.length > COMMUNE_INPUT_MAX_LENGTH) return { kind: 'not-found', text: input.name };
  const code = await findCommuneCodeByName(db, name);
  return code !== undefined ? { kind: 'code', code } : { kind: 'not-found', text: input.name };
}

export interface CommuneSuggestion {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
  /** « Lyon (69123) »: what the field holds once chosen. */
  value: string;
}

/**
 * Communes whose name, INSEE code or postcode starts with the text, largest population first, at most
 * `limit` (the API's commune list; suggestCommunes is the search page's).
 */
export function findCommunesStartingWith(db: DB, text: string, limit: number): Promise<CommuneSummary[]> {
  return searchCommunes(db, text, limit);
}

/** Autocomplete suggestions, largest population first. */
export async function suggestCommunes(db: DB, text: string): Promise<CommuneSuggestion[]> {
  const communes: CommuneSummary[] = await searchCommunes(db, text, COMMUNE_SUGGESTION_LIMIT);
  return communes.map((c) => ({
    code: c.code,
    name: c.name,
    departement: c.departementCode,
    postcodes: c.postcodes,
    value: communeFieldValue(c),
  }));
}
