import { fail, ok, type Result } from '../result';
import type { ImportError } from './errors';

// The census file's columns. Header names are matched case-insensitively after trimming, in any order.

export const IMPORT_COLUMNS = [
  'siret',
  'name',
  'kind',
  'sectors',
  'commune_insee',
  'description',
  'email',
  'phone',
  'website',
  'headcount',
  'insertion_headcount',
  'service_area',
  'labels',
  'charter_status',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['siret', 'name', 'kind', 'sectors', 'commune_insee'];

const KNOWN = new Set<string>(IMPORT_COLUMNS);

/**
 * Maps the header cells onto known columns. Unknown, empty or repeated names and missing required
 * columns are all errors (docs/decisions/040): a misspelt column would otherwise be dropped silently.
 */
export function resolveHeader(cells: string[], line = 1): Result<ImportColumn[], ImportError[]> {
  if (cells.length === 1 && /[\t|]/.test(cells[0])) {
    return fail([
      {
        line,
        column: null,
        message:
          'en-tête : séparateur non reconnu (tabulation ou |) : les colonnes doivent être séparées par « , » ou « ; »',
      },
    ]);
  }
  const errors: ImportError[] = [];
  const columns: ImportColumn[] = [];
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (name === '') {
      errors.push({ line, column: null, message: `en-tête : la colonne n° ${index + 1} n'a pas de nom` });
    } else if (!KNOWN.has(name)) {
      errors.push({
        line,
        column: null,
        message: `en-tête : colonne inconnue « ${cell.trim()} » (colonnes acceptées : ${IMPORT_COLUMNS.join(', ')})`,
      });
    } else if (seen.has(name)) {
      errors.push({ line, column: name, message: `en-tête : la colonne « ${name} » apparaît plusieurs fois` });
    }
    seen.add(name);
    columns.push(name as ImportColumn);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required))
      errors.push({ line, column: required, message: `en-tête : colonne obligatoire « ${required} » absente` });
  }
  return errors.length > 0 ? fail(errors) : ok(columns);
}
