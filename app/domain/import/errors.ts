// Import errors: every problem found in a file, with its physical line and column, in French.

export interface ImportError {
  /** Physical line (1-based) where the record starts in the file; 1 is the header. */
  line: number;
  /** Column name as in IMPORT_COLUMNS, or null when the problem concerns the whole line or file. */
  column: string | null;
  message: string;
}

/** `ligne 7, colonne siret : SIRET invalide (clé de contrôle incorrecte)` */
export function formatImportError(error: ImportError): string {
  const where = error.column ? `ligne ${error.line}, colonne ${error.column}` : `ligne ${error.line}`;
  return `${where} : ${error.message}`;
}

/** Orders errors by line, then by column position (line-level errors first). */
export function sortImportErrors(errors: ImportError[], columnOrder: readonly string[]): ImportError[] {
  const rank = (column: string | null) => (column === null ? -1 : columnOrder.indexOf(column));
  return [...errors].sort((a, b) => a.line - b.line || rank(a.column) - rank(b.column));
}
