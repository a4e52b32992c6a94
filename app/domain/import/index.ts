export { IMPORT_COLUMNS, REQUIRED_COLUMNS, resolveHeader, type ImportColumn } from './columns';
export { decodeCsvInput, detectSeparator, parseCsv, type CsvRecord, type ParsedCsv } from './csv';
export { formatImportError, sortImportErrors, type ImportError } from './errors';
export { parseCount, parseEmail, parseFrenchPhone, parseWebsite, splitList } from './fields';
export { resolveCharterStatus, resolvePublicationStatus, type StoredStatuses } from './policy';
export { buildImportReference, codeMap, type ImportReference } from './reference';
export {
  createRowSchema,
  DESCRIPTION_MAX_LENGTH,
  IMPORT_CHARTER_STATUSES,
  NAME_MAX_LENGTH,
  NAME_MIN_LENGTH,
  type ImportCharterStatus,
  type ImportRow,
  type RowCells,
} from './row';
export { parseServiceArea } from './service-area';
export { validateImportFile, type ValidatedFile, type ValidatedRow } from './validate';
