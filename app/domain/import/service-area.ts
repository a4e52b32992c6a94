import { fail, ok, type Result } from '../result';
import { MAX_RADIUS_KM, type ServiceArea } from '../supplier';
import { lookupCommune, type ImportReference } from './reference';

// The `service_area` cell: `national`, `radius:KM`, or a `|`-separated list of `region:CODE`,
// `departement:CODE`, `commune:INSEE`. Empty means the supplier's own département (resolved by the caller,
// which knows the commune).

const FORMAT_HINT = 'formats acceptés : national, radius:KM, ou une liste region:CODE|departement:CODE|commune:INSEE';

/**
 * The cell's areas, or every problem found in it. Once the cell is accepted, `note` is told of each code stored
 * as another (an arrondissement as its commune): a callback rather than a `{ areas, notes }` value keeps a row
 * to one result object (docs/decisions/044).
 */
export function parseServiceArea(
  value: string,
  reference: Pick<ImportReference, 'regions' | 'departements' | 'communes' | 'communeAliases' | 'postcodes'>,
  note?: (message: string) => void,
): Result<ServiceArea[] | 'own-departement', string[]> {
  const trimmed = value.trim();
  if (trimmed === '') return ok('own-departement');
  const parts = trimmed
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const messages: string[] = [];
  const areas: ServiceArea[] = [];
  let notes: string[] | undefined;
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
          messages.push(found.error);
          break;
        }
        const commune = found.value;
        if (commune.alias) (notes ??= []).push(aliasNote(commune.alias.code, commune.alias.label, commune));
        areas.push({ kind: 'commune', code: commune.code });
        break;
      }
      default:
        messages.push(`« ${part} » non reconnu (${FORMAT_HINT})`);
    }
  }
  if (messages.length > 0) return fail(messages);
  const kinds = new Set(areas.map((a) => a.kind));
  if (areas.length > 1 && kinds.has('national')) {
    return fail(['« national » ne se combine avec aucune autre zone']);
  }
  if (areas.length > 1 && kinds.has('radius')) {
    return fail(['un rayon (radius:KM) ne se combine avec aucune autre zone']);
  }
  if (notes && note) for (const message of notes) note(message);
  return ok(areas);
}

/** The warning given when an arrondissement or former-commune code is stored as its current commune. */
export function aliasNote(code: string, label: string, commune: { code: string; name: string }): string {
  return `code INSEE « ${code} » (${label}) enregistré comme la commune ${commune.code} (${commune.name})`;
}
