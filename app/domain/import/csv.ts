import { CsvError, parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '../result';
import type { ImportError } from './errors';

// Turning the bytes of a census file into records with their physical line numbers. Pure: no I/O.

/**
 * Decodes UTF-8 (with or without BOM). Any byte sequence that is not valid UTF-8 (a Latin-1 or Windows-1252
 * export, typically) is refused rather than imported as mojibake.
 */
export function decodeCsvInput(input: Uint8Array | string): Result<string, ImportError> {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(input);
      const bad = lenient.indexOf('\uFFFD');
      const line = bad < 0 ? 1 : countNewlines(lenient, 0, bad) + 1;
      return fail({
        line,
        column: null,
        message:
          "le fichier n'est pas encodé en UTF-8 (caractère illisible, sans doute un export Latin-1 ou Windows-1252) : " +
          'enregistrez-le au format « CSV UTF-8 » puis recommencez',
      });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return ok(text);
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** `;` or `,`, whichever occurs more often outside quotes on the header line (`,` when neither does). */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  separator: ',' | ';';
  records: CsvRecord[];
}

/**
 * Parses the whole text. Line endings are normalised to LF first (CRLF, LF or a lone CR), including inside
 * quoted fields. Empty lines and lines whose cells are all empty (spreadsheets export those) are skipped.
 * A record's line is the line where it starts: csv-parse reports the line where it ends, minus the line
 * breaks inside its quoted fields.
 */
export function parseCsv(text: string): Result<ParsedCsv, ImportError> {
  const normalised = text.replace(/\r\n?/g, '\n');
  const separator = detectSeparator(normalised);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(normalised, {
      delimiter: separator,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const lines: unknown = (error as unknown as { lines?: unknown }).lines;
      const reported = typeof lines === 'number' ? lines : 1;
      const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(normalised) : undefined;
      const line = unclosed ?? reported;
      const message =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'guillemet ouvert jamais refermé : le champ qui commence sur cette ligne court jusqu’à la fin du fichier'
          : error.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'guillemet mal placé : un champ entre guillemets doit être suivi du séparateur ou de la fin de ligne (doublez les guillemets à l’intérieur d’un champ : "")'
            : `fichier CSV illisible (${error.code})`;
      return fail({ line, column: null, message });
    }
    throw error;
  }
  const records: CsvRecord[] = [];
  for (const { record, info } of parsed) {
    if (record.every((cell) => cell.trim() === '')) continue;
    let inner = 0;
    for (const cell of record) inner += countNewlines(cell, 0, cell.length);
    records.push({ line: info.lines - inner, cells: record });
  }
  return ok({ separator, records });
}

/** Line of the opening quote that is still open at the end of the text, if any. */
function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let openedAt: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) openedAt = openedAt === undefined ? line : undefined;
    else if (c === 10) line++;
  }
  return openedAt;
}
