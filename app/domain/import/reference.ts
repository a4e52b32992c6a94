import { fail, ok, type Result } from '../result';

// The reference codes an import row is checked against, loaded once per import (never one query per row).
// Keys of the maps are lower-case; values are the canonical codes, so `esat` or `2a004` are accepted.

export interface ImportCommune {
  code: string;
  departement: string;
  name: string;
}

export interface CommuneAlias {
  /** The current commune the code now belongs to. */
  commune: ImportCommune;
  /** What the code designates, e.g. "Paris 11e Arrondissement" or "Brénaz (commune déléguée)". */
  label: string;
}

export interface ImportReference {
  kinds: ReadonlyMap<string, string>;
  sectors: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, string>;
  regions: ReadonlyMap<string, string>;
  departements: ReadonlyMap<string, string>;
  /** Lower-case commune INSEE code -> the commune. */
  communes: ReadonlyMap<string, ImportCommune>;
  /**
   * INSEE codes that are not current communes but belong to one: the arrondissements of Paris, Lyon and
   * Marseille, and former communes merged into a commune nouvelle (déléguées, associées). Census files built
   * from the SIRENE register carry them.
   */
  communeAliases: ReadonlyMap<string, CommuneAlias>;
  /** Postcode -> communes, to tell a person who typed a postcode which INSEE code to use. */
  postcodes: ReadonlyMap<string, readonly ImportCommune[]>;
}

export function codeMap(codes: Iterable<string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const code of codes) map.set(code.toLowerCase(), code);
  return map;
}

export function buildImportReference(data: {
  kinds: Iterable<string>;
  sectors: Iterable<string>;
  labels: Iterable<string>;
  regions: Iterable<string>;
  departements: Iterable<string>;
  communes: Iterable<ImportCommune & { postcodes?: readonly string[] }>;
  /** Codes of arrondissements and former communes with the current commune's code. */
  communeAliases?: Iterable<{ code: string; currentCode: string; label: string }>;
}): ImportReference {
  const communes = new Map<string, ImportCommune>();
  const postcodes = new Map<string, ImportCommune[]>();
  for (const { postcodes: codes, ...commune } of data.communes) {
    communes.set(commune.code.toLowerCase(), commune);
    for (const postcode of codes ?? []) {
      const list = postcodes.get(postcode);
      if (list) list.push(commune);
      else postcodes.set(postcode, [commune]);
    }
  }
  const communeAliases = new Map<string, CommuneAlias>();
  for (const alias of data.communeAliases ?? []) {
    const key = alias.code.toLowerCase();
    const commune = communes.get(alias.currentCode.toLowerCase());
    if (commune && !communes.has(key)) communeAliases.set(key, { commune, label: alias.label });
  }
  return {
    kinds: codeMap(data.kinds),
    sectors: codeMap(data.sectors),
    labels: codeMap(data.labels),
    regions: codeMap(data.regions),
    departements: codeMap(data.departements),
    communes,
    communeAliases,
    postcodes,
  };
}

/**
 * The current commune an INSEE code designates. `alias` is set when the code was an arrondissement's or a
 * former commune's: `code` as typed (upper-case), `label` what it designates.
 */
export type CommuneMatch = ImportCommune & { alias?: { code: string; label: string } };

/**
 * Finds a commune by INSEE code (any case), following arrondissement and former-commune codes to the current
 * commune; an unknown code gets a message that recognises a postcode typed instead of an INSEE code.
 */
export function lookupCommune(
  value: string,
  reference: Pick<ImportReference, 'communes' | 'communeAliases' | 'postcodes'>,
): Result<CommuneMatch, string> {
  const key = value.toLowerCase();
  const commune = reference.communes.get(key);
  if (commune) return ok(commune);
  const alias = reference.communeAliases.get(key);
  if (alias) return ok({ ...alias.commune, alias: { code: value.toUpperCase(), label: alias.label } });
  if (!/^[0-9][0-9AB][0-9]{3}$/i.test(value)) {
    return fail(`code INSEE de commune invalide « ${value} » (5 caractères, par exemple 75056 pour Paris)`);
  }
  const byPostcode = reference.postcodes.get(value);
  if (byPostcode && byPostcode.length > 0) {
    const shown = byPostcode.slice(0, 3).map((c) => `${c.code} (${c.name})`);
    const more = byPostcode.length > 3 ? ` et ${byPostcode.length - 3} autre${byPostcode.length > 4 ? 's' : ''}` : '';
    return fail(
      `« ${value} » est un code postal, pas un code INSEE : ${byPostcode.length > 1 ? 'communes' : 'commune'} ${shown.join(', ')}${more}`,
    );
  }
  return fail(`commune inconnue : code INSEE « ${value} »`);
}
