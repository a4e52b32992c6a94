import { MAX_RADIUS_KM, type ServiceArea } from '../supplier';
import { lookupCommune, type ImportReference } from './reference';

// The `service_area` cell: `national`, `radius:KM`, or a `|`-separated list of `region:CODE`,
// `departement:CODE`, `commune:INSEE`. Empty means the supplier's own département (resolved by the caller,
// which knows the commune).

export type ServiceAreaResult =
  { ok: true; areas: ServiceArea[] | 'own-departement'; notes: string[] } | { ok: false; messages: string[] };

const FORMAT_HINT = 'formats acceptés : national, radius:KM, ou une liste region:CODE|departement:CODE|commune:INSEE';

export function parseServiceArea(
  value: string,
  reference: Pick<ImportReference, 'regions' | 'departements' | 'communes' | 'communeAliases' | 'postcodes'>,
): ServiceAreaResult {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: true, areas: 'own-departement', notes: [] };
  const parts = trimmed
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const messages: string[] = [];
  const areas: ServiceArea[] = [];
  const notes: string[] = [];
  for (const part of parts) {
    const colon = part.indexOf(':');
    const keyword = (colon < 0 ? part : part.slice(0, colon)).trim().toLowerCase();
    const argument = colon < 0 ? '' : part.slice(colon + 1).trim();
    switch (keyword) {
      case 'national':
        if (colon >= 0) messages.push(`« ${part} » : national s'écrit seul, sans code`);
        else areas.push({ kind: 'national' });
        break;
      case 'radius': {
        if (!/^\d+$/.test(argument)) {
          messages.push(`« ${part} » : rayon attendu en kilomètres entiers, par exemple radius:30`);
          break;
        }
        const km = Number(argument);
        if (km < 1 || km > MAX_RADIUS_KM)
          messages.push(`« ${part} » : le rayon doit être compris entre 1 et ${MAX_RADIUS_KM} km`);
        else areas.push({ kind: 'radius', radiusKm: km });
        break;
      }
      case 'region':
      case 'departement': {
        if (argument === '') {
          messages.push(`« ${part} » : code manquant après « ${keyword}: »`);
          break;
        }
        const code = (keyword === 'region' ? reference.regions : reference.departements).get(argument.toLowerCase());
        if (code === undefined)
          messages.push(
            keyword === 'region'
              ? `région inconnue : code « ${argument} »`
              : `département inconnu : code « ${argument} »`,
          );
        else areas.push({ kind: keyword, code });
        break;
      }
      case 'commune': {
        if (argument === '') {
          messages.push(`« ${part} » : code manquant après « commune: »`);
          break;
        }
        const found = lookupCommune(argument, reference);
        if (!found.ok) {
          messages.push(found.message);
          break;
        }
        if (found.alias) notes.push(aliasNote(found.alias.code, found.alias.label, found.commune));
        areas.push({ kind: 'commune', code: found.commune.code });
        break;
      }
      default:
        messages.push(`« ${part} » non reconnu (${FORMAT_HINT})`);
    }
  }
  if (messages.length > 0) return { ok: false, messages };
  const kinds = new Set(areas.map((a) => a.kind));
  if (areas.length > 1 && kinds.has('national')) {
    return { ok: false, messages: ['« national » ne se combine avec aucune autre zone'] };
  }
  if (areas.length > 1 && kinds.has('radius')) {
    return { ok: false, messages: ['un rayon (radius:KM) ne se combine avec aucune autre zone'] };
  }
  return { ok: true, areas, notes };
}

/** The warning given when an arrondissement or former-commune code is stored as its current commune. */
export function aliasNote(code: string, label: string, commune: { code: string; name: string }): string {
  return `code INSEE « ${code} » (${label}) enregistré comme la commune ${commune.code} (${commune.name})`;
}
