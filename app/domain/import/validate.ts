import { fail, ok, type Result } from '../result';
import { IMPORT_COLUMNS, resolveHeader, type ImportColumn } from './columns';
import { decodeCsvInput, parseCsv } from './csv';
import { sortImportErrors, type ImportError } from './errors';
import type { ImportReference } from './reference';
import { checkSiret } from './siret-check';
import { createRowSchema, type ImportRow, type RowCells } from './row';

// Whole-file validation: decoding, CSV syntax, header, every row, SIRETs repeated within the file.
// Reports every error it finds; pure (the reference codes are given).

export interface ValidatedRow {
  line: number;
  row: ImportRow;
}

export interface ValidatedFile {
  rows: ValidatedRow[];
  columns: ImportColumn[];
  warnings: ImportError[];
}

export function validateImportFile(
  input: Uint8Array | string,
  reference: ImportReference,
  onRow?: (done: number, total: number) => void,
): Result<ValidatedFile, ImportError[]> {
  const decoded = decodeCsvInput(input);
  if (!decoded.ok) return fail([decoded.error]);
  if (decoded.value.trim() === '') {
    return fail([
      {
        line: 1,
        column: null,
        message: "le fichier est vide : une ligne d'en-tête puis une ligne par fournisseur sont attendues",
      },
    ]);
  }
  const parsed = parseCsv(decoded.value);
  if (!parsed.ok) return fail([parsed.error]);
  const [header, ...records] = parsed.value.records;
  if (!header) {
    return fail([
      {
        line: 1,
        column: null,
        message: "le fichier est vide : une ligne d'en-tête puis une ligne par fournisseur sont attendues",
      },
    ]);
  }
  const resolved = resolveHeader(header.cells, header.line);
  if (!resolved.ok) return resolved;
  const columns = resolved.value;
  if (records.length === 0) {
    return fail([
      {
        line: header.line,
        column: null,
        message: "le fichier ne contient que la ligne d'en-tête : aucun fournisseur à importer",
      },
    ]);
  }

  const schema = createRowSchema(reference);
  const errors: ImportError[] = [];
  const rows: ValidatedRow[] = [];
  const warnings: ImportError[] = [];
  const linesBySiret = new Map<string, number[]>();
  records.forEach((record, index) => {
    const extra = record.cells.slice(columns.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      errors.push({
        line: record.line,
        column: null,
        message: `${record.cells.length} valeurs pour ${columns.length} colonnes d'en-tête (un séparateur en trop, ou un champ contenant le séparateur sans guillemets ?)`,
      });
    }
    // Missing trailing cells (some tools drop them) count as empty.
    const cells: RowCells = {};
    columns.forEach((column, i) => (cells[column] = record.cells[i] ?? ''));
    const result = schema.safeParse(cells);
    if (result.success) {
      if (extra.length === 0) rows.push({ line: record.line, row: result.data });
      for (const warning of result.data.warnings)
        warnings.push({ line: record.line, column: warning.column, message: warning.message });
    } else {
      for (const issue of result.error.issues) {
        errors.push({
          line: record.line,
          column: typeof issue.path[0] === 'string' ? issue.path[0] : null,
          message: issue.message,
        });
      }
    }
    // Every valid SIRET takes part in the duplicate check, even on a row with other errors.
    const siret = checkSiret((cells.siret ?? '').trim());
    if (siret.ok) {
      const lines = linesBySiret.get(siret.value);
      if (lines) lines.push(record.line);
      else linesBySiret.set(siret.value, [record.line]);
    }
    onRow?.(index + 1, records.length);
  });
  for (const lines of linesBySiret.values()) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      const others = lines.filter((l) => l !== line);
      errors.push({
        line,
        column: 'siret',
        message: `SIRET en double dans le fichier (aussi ligne${others.length > 1 ? 's' : ''} ${others.join(', ')})`,
      });
    }
  }
  if (errors.length > 0) return fail(sortImportErrors(errors, IMPORT_COLUMNS));
  return ok({ rows, columns, warnings });
}
