import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import type { ServiceArea } from '../supplier';
import { checkSiret } from './siret-check';
import { IMPORT_COLUMNS, type ImportColumn } from './columns';
import { parseCount, parseEmail, parseFrenchPhone, parseWebsite, splitList } from './fields';
import { lookupCommune, type ImportReference } from './reference';
import { aliasNote, parseServiceArea } from './service-area';

// The zod schema of one census row. Input: the row's cells keyed by column (a column absent from the file is
// undefined). Output: what the import writes. An absent optional column means "keep what is stored"; an
// empty cell clears the field (docs/decisions/041).
// One zod object of strings and ONE transform that parses every cell: zod 3 effects cost about 3 µs each,
// and fourteen of them per row made validation of 100,000 rows take seconds (measured: 4.6 s vs 0.3 s).

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 150;
export const DESCRIPTION_MAX_LENGTH = 5000;

export const IMPORT_CHARTER_STATUSES = ['none', 'pending', 'verified'] as const;
export type ImportCharterStatus = (typeof IMPORT_CHARTER_STATUSES)[number];

export interface ImportRow {
  siret: string;
  name: string;
  structureKind: string;
  sectors: string[];
  communeCode: string;
  description?: string;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  headcount?: number | null;
  insertionHeadcount?: number | null;
  /** Resolved: an empty cell already became the commune's département. */
  serviceAreas?: ServiceArea[];
  labels?: string[];
  /** Undefined when the column is absent or the cell empty: the import policy decides (decisions/042). */
  charterStatus?: ImportCharterStatus;
  /** Accepted but worth telling: a code stored as another (arrondissement -> commune). */
  warnings: { column: ImportColumn; message: string }[];
}

export type RowCells = Partial<Record<ImportColumn, string>>;

type Issue = (column: ImportColumn, message: string) => void;

function codes(
  list: string[],
  known: ReadonlyMap<string, string>,
  noun: string,
  help: string,
): Result<string[], string> {
  const unknown: string[] = [];
  const found: string[] = [];
  for (const item of list) {
    const code = known.get(item.toLowerCase());
    if (code === undefined) unknown.push(item);
    else if (!found.includes(code)) found.push(code);
  }
  if (unknown.length > 0) {
    const plural = unknown.length > 1 ? 's' : '';
    return fail(`${noun}${plural} inconnu${plural} : ${unknown.map((u) => `« ${u} »`).join(', ')} (${help})`);
  }
  return ok(found);
}

function parseName(value: string): Result<string, string> {
  if (/[\n\t]/.test(value)) return fail('le nom doit tenir sur une ligne');
  if (value.length < NAME_MIN_LENGTH) return fail(`nom trop court (${NAME_MIN_LENGTH} caractères au moins)`);
  if (value.length > NAME_MAX_LENGTH)
    return fail(`nom trop long (${value.length} caractères, ${NAME_MAX_LENGTH} au plus)`);
  return ok(value);
}

function parseCharterStatus(value: string): Result<ImportCharterStatus, string> {
  const status = value.toLowerCase();
  return (IMPORT_CHARTER_STATUSES as readonly string[]).includes(status)
    ? ok(status as ImportCharterStatus)
    : fail(
        `statut de charte inconnu « ${value} » (valeurs acceptées : ${IMPORT_CHARTER_STATUSES.join(', ')}, ou vide)`,
      );
}

const cellsSchema = z.object(
  Object.fromEntries(
    IMPORT_COLUMNS.map((column) => [column, z.string({ invalid_type_error: 'texte attendu' }).optional()]),
  ) as Record<ImportColumn, z.ZodOptional<z.ZodString>>,
);

/** Collects the issues of one row; `failed` tells whether any was reported. */
class RowIssues {
  failed = false;
  constructor(private readonly sink: Issue) {}
  report(column: ImportColumn, message: string): undefined {
    this.failed = true;
    this.sink(column, message);
    return undefined;
  }
}

/** A required cell: missing or blank is an error. */
function required<T>(
  cells: RowCells,
  issues: RowIssues,
  column: ImportColumn,
  label: string,
  parse: (value: string) => Result<T, string>,
): T | undefined {
  const value = (cells[column] ?? '').trim();
  if (value === '') return issues.report(column, `${label} obligatoire`);
  const result = parse(value);
  return result.ok ? result.value : issues.report(column, result.error);
}

/** An optional cell: undefined when the column is absent (keep), null when blank (clear). */
function optional<T>(
  cells: RowCells,
  issues: RowIssues,
  column: ImportColumn,
  parse: (value: string) => Result<T, string>,
): T | null | undefined {
  const raw = cells[column];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (value === '') return null;
  const result = parse(value);
  return result.ok ? result.value : issues.report(column, result.error);
}

/** Parses every cell of one row, reporting each problem through `issue`; undefined when any cell is wrong. */
export function parseRowCells(cells: RowCells, reference: ImportReference, issue: Issue): ImportRow | undefined {
  const issues = new RowIssues(issue);
  const siret = required(cells, issues, 'siret', 'SIRET', checkSiret);
  const name = required(cells, issues, 'name', 'nom', parseName);
  const kind = required(cells, issues, 'kind', 'type de structure', (value) => {
    const code = reference.kinds.get(value.toLowerCase());
    return code
      ? ok(code)
      : fail(`type de structure inconnu « ${value} » (codes acceptés : ${[...reference.kinds.values()].join(', ')})`);
  });
  const sectors = required(cells, issues, 'sectors', 'secteur', (value) => {
    const list = splitList(value);
    if (list.length === 0) return fail('au moins un code de secteur est obligatoire');
    return codes(list, reference.sectors, 'secteur', 'liste des codes : /api/v1/reference/sectors');
  });
  const warnings: ImportRow['warnings'] = [];
  const commune = required(cells, issues, 'commune_insee', 'code INSEE de la commune', (value) => {
    const found = lookupCommune(value, reference);
    if (found.ok && found.value.alias)
      warnings.push({
        column: 'commune_insee',
        message: aliasNote(found.value.alias.code, found.value.alias.label, found.value),
      });
    return found;
  });
  const description = optional(cells, issues, 'description', (value) =>
    value.length > DESCRIPTION_MAX_LENGTH
      ? fail(`description trop longue (${value.length} caractères, ${DESCRIPTION_MAX_LENGTH} au plus)`)
      : ok(value),
  );
  const email = optional(cells, issues, 'email', parseEmail);
  const phone = optional(cells, issues, 'phone', parseFrenchPhone);
  const website = optional(cells, issues, 'website', parseWebsite);
  const headcount = optional(cells, issues, 'headcount', parseCount);
  const insertionHeadcount = optional(cells, issues, 'insertion_headcount', parseCount);
  let serviceAreas: ServiceArea[] | 'own-departement' | undefined;
  if (cells.service_area !== undefined) {
    const result = parseServiceArea(cells.service_area, reference, (message) =>
      warnings.push({ column: 'service_area', message: `zone d'intervention : ${message}` }),
    );
    if (result.ok) serviceAreas = result.value;
    else for (const message of result.error) issues.report('service_area', `zone d'intervention : ${message}`);
  }
  const labels = optional(cells, issues, 'labels', (value) =>
    codes(splitList(value), reference.labels, 'label', 'liste des codes : /api/v1/reference/labels'),
  );
  const charterStatus = optional(cells, issues, 'charter_status', parseCharterStatus);

  if (typeof headcount === 'number' && typeof insertionHeadcount === 'number' && insertionHeadcount > headcount) {
    issues.report(
      'insertion_headcount',
      `l'effectif en insertion (${insertionHeadcount}) dépasse l'effectif total (${headcount})`,
    );
  }
  if (
    issues.failed ||
    siret === undefined ||
    name === undefined ||
    kind === undefined ||
    sectors === undefined ||
    commune === undefined
  )
    return undefined;
  return {
    siret,
    name,
    structureKind: kind,
    sectors,
    communeCode: commune.code,
    description: description === null ? '' : description,
    email,
    phone,
    website,
    headcount,
    insertionHeadcount,
    serviceAreas:
      serviceAreas === 'own-departement' ? [{ kind: 'departement', code: commune.departement }] : serviceAreas,
    labels: labels === null ? [] : labels,
    charterStatus: charterStatus ?? undefined,
    warnings,
  };
}

/** The zod schema of a row: cells must be strings (or absent), then every cell is parsed in one pass. */
export function createRowSchema(reference: ImportReference) {
  return cellsSchema.transform((cells, ctx): ImportRow => {
    const row = parseRowCells(cells, reference, (column, message) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [column], message }),
    );
    return row ?? z.NEVER;
  });
}
