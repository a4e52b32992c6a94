// The service area of a supplier described in one French sentence, for the offer sheet and the API, e.g.
// « Intervient dans tout le département du Rhône (69) et dans un rayon de 30 km autour de Lyon. »
// Pure: the caller resolves codes to names (and the INSEE article type of each département).

export type NamedServiceArea =
  | { kind: 'national' }
  | { kind: 'region'; code: string; name: string }
  | { kind: 'departement'; code: string; name: string; liaison?: number }
  | { kind: 'commune'; code: string; name: string }
  | { kind: 'radius'; radiusKm: number };

const STARTS_WITH_VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿœæ]/i;

/** "de" + a place name without article type: elides before a vowel, contracts "Le"/"Les" (du Havre, des Ulis). */
export function withDe(name: string): string {
  const le = /^Le (.+)$/.exec(name);
  if (le) return `du ${le[1]}`;
  const les = /^Les (.+)$/.exec(name);
  if (les) return `des ${les[1]}`;
  return STARTS_WITH_VOWEL.test(name) ? `d'${name}` : `de ${name}`;
}

/**
 * "de" + a département name, using its INSEE article type: du Rhône, de la Loire, de l'Ain, des Landes, de Paris.
 * `liaison` is INSEE's "type de nom en clair" (TNCC, called typeLiaison in @etalab/decoupage-administratif): which
 * article the name takes. 0: none, "de" before a consonant; 1: none, "d'" before a vowel; 2: "le" (du); 3: "la"
 * (de la); 4: "les" (des); 5: "l'" (de l').
 */
export function departementWithDe(name: string, liaison?: number): string {
  switch (liaison) {
    case 1:
      return `d'${name}`;
    case 2:
      return `du ${name}`;
    case 3:
      return `de la ${name}`;
    case 4:
      return `des ${name}`;
    case 5:
      return `de l'${name}`;
    default:
      return withDe(name);
  }
}

/** French enumeration: « a », « a et b », « a, b et c ». */
export function joinFrench(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

export const UNKNOWN_SERVICE_AREA_TEXT = "Zone d'intervention non renseignée.";

/**
 * One sentence for the whole service area. `homeCommune` is the supplier's own commune, the centre of a
 * radius area. National coverage makes every other area redundant.
 */
export function describeServiceArea(areas: readonly NamedServiceArea[], homeCommune: string): string {
  if (areas.length === 0) return UNKNOWN_SERVICE_AREA_TEXT;
  if (areas.some((a) => a.kind === 'national')) return 'Intervient dans toute la France.';

  const sortByName = <T extends { name: string }>(list: T[]) =>
    [...list].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const regions = sortByName(
    areas.filter((a): a is Extract<NamedServiceArea, { kind: 'region' }> => a.kind === 'region'),
  );
  const departements = [
    ...areas.filter((a): a is Extract<NamedServiceArea, { kind: 'departement' }> => a.kind === 'departement'),
  ].sort((a, b) => a.code.localeCompare(b.code));
  const communes = sortByName(
    areas.filter((a): a is Extract<NamedServiceArea, { kind: 'commune' }> => a.kind === 'commune'),
  );
  const radii = areas.filter((a): a is Extract<NamedServiceArea, { kind: 'radius' }> => a.kind === 'radius');

  const parts: string[] = [];
  if (regions.length === 1) parts.push(`dans toute la région ${regions[0].name}`);
  else if (regions.length > 1) parts.push(`dans les régions ${joinFrench(regions.map((r) => r.name))}`);

  const departementText = (d: (typeof departements)[number]) => `${departementWithDe(d.name, d.liaison)} (${d.code})`;
  if (departements.length === 1) parts.push(`dans tout le département ${departementText(departements[0])}`);
  else if (departements.length > 1)
    parts.push(`dans les départements ${joinFrench(departements.map(departementText))}`);

  if (communes.length === 1) parts.push(`dans la commune ${withDe(communes[0].name)}`);
  else if (communes.length > 1) parts.push(`dans les communes ${joinFrench(communes.map((c) => withDe(c.name)))}`);

  if (radii.length > 0) {
    const radiusKm = Math.max(...radii.map((r) => r.radiusKm));
    parts.push(`dans un rayon de ${radiusKm} km autour ${withDe(homeCommune)}`);
  }

  return `Intervient ${joinFrench(parts)}.`;
}
