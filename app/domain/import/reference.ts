// The reference codes an import row is checked against, loaded once per import (never one query per row).
// Keys of the maps are lower-case; values are the canonical codes, so `esat` or `2a004` are accepted.

export interface ImportReference {
  kinds: ReadonlyMap<string, string>;
  sectors: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, string>;
  regions: ReadonlyMap<string, string>;
  departements: ReadonlyMap<string, string>;
  /** Lower-case commune INSEE code -> { canonical code, département code }. */
  communes: ReadonlyMap<string, { code: string; departement: string }>;
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
  communes: Iterable<{ code: string; departement: string }>;
}): ImportReference {
  const communes = new Map<string, { code: string; departement: string }>();
  for (const c of data.communes) communes.set(c.code.toLowerCase(), c);
  return {
    kinds: codeMap(data.kinds),
    sectors: codeMap(data.sectors),
    labels: codeMap(data.labels),
    regions: codeMap(data.regions),
    departements: codeMap(data.departements),
    communes,
  };
}
