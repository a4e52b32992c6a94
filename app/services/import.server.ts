import { createRequire } from 'node:module';
import { Kysely } from 'kysely';
import type { DB, OpenedDatabase } from '../../db/connection';
import { listCommunesForImport } from '../../db/repositories/communes';
import { listStatusesBySiret, upsertSupplierBySiret } from '../../db/repositories/suppliers';
import {
  buildImportReference,
  IMPORT_COLUMNS,
  sortImportErrors,
  resolveCharterStatus,
  resolvePublicationStatus,
  validateImportFile,
  type ImportError,
  type ImportReference,
  type StoredStatuses,
  type ValidatedRow,
} from '~/domain/import';
import { ok, type Result } from '~/domain/result';
import type { SupplierInput } from '~/domain/supplier';
import { getReferenceData } from './reference.server';

const require = createRequire(import.meta.url);

// The census import use case: validate the whole file against the reference tables, then upsert every
// supplier by SIRET in one transaction (all or nothing). Used by scripts/import.ts and, later, a web upload.

export interface ImportProgress {
  phase: 'validate' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Publish the imported suppliers, charter verified unless the row says otherwise. */
  approve?: boolean;
  /** Validate only; nothing is written. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Timestamp written as created_at / updated_at (defaults to the current time). */
  now?: string;
}

export interface ImportCounts {
  /** Supplier rows in the file. */
  rows: number;
  /** Rows whose SIRET is not in the database yet / already is (known in a dry run too). */
  newSuppliers: number;
  existingSuppliers: number;
  /** Outcome of the writes (all zero in a dry run). */
  created: number;
  updated: number;
  unchanged: number;
}

/** What a clean file gave; a file with errors gives its `ImportError[]` instead, and nothing is written. */
export interface ImportSummary {
  dryRun: boolean;
  counts: ImportCounts;
  warnings: ImportError[];
}

const PROGRESS_EVERY = 500;

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  commune?: string;
  chefLieu?: string;
}

let aliases: { code: string; currentCode: string; label: string }[] | undefined;

/**
 * Arrondissements (Paris, Lyon, Marseille) and former communes (déléguées, associées) with the current
 * commune they belong to, from @etalab/decoupage-administratif (the reference tables hold current communes
 * only). Read once per process.
 */
function communeAliases(): { code: string; currentCode: string; label: string }[] {
  if (!aliases) {
    const all = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
    aliases = [];
    for (const c of all) {
      if (c.type === 'arrondissement-municipal' && c.commune)
        aliases.push({ code: c.code, currentCode: c.commune, label: c.nom });
      else if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
        aliases.push({
          code: c.code,
          currentCode: c.chefLieu,
          label: `${c.nom}, commune ${c.type === 'commune-deleguee' ? 'déléguée' : 'associée'}`,
        });
      }
    }
  }
  return aliases;
}

/**
 * Every code a row may use, read once and kept in memory for the whole file: the reference lists from the
 * per-process cache (reference.server.ts), the communes (not cached there) in one query.
 */
export async function loadImportReference(db: DB): Promise<ImportReference> {
  const [reference, communes] = await Promise.all([getReferenceData(db), listCommunesForImport(db)]);
  return buildImportReference({
    kinds: reference.kinds.map((k) => k.code),
    sectors: reference.sectors.map((s) => s.code),
    labels: reference.labels.map((l) => l.code),
    regions: reference.regions.map((r) => r.code),
    departements: reference.departements.map((d) => d.code),
    communes,
    communeAliases: communeAliases(),
  });
}

function supplierInput(
  { row }: ValidatedRow,
  approve: boolean,
  existing: StoredStatuses | undefined,
  reference: ImportReference,
): SupplierInput {
  const input: SupplierInput = {
    siret: row.siret,
    name: row.name,
    structureKind: row.structureKind,
    communeCode: row.communeCode,
    sectors: row.sectors,
    description: row.description,
    email: row.email,
    phone: row.phone,
    website: row.website,
    headcount: row.headcount,
    insertionHeadcount: row.insertionHeadcount,
    labels: row.labels,
    serviceAreas: row.serviceAreas,
    charterStatus: resolveCharterStatus(row.charterStatus, approve, existing),
    publicationStatus: resolvePublicationStatus(approve, existing),
  };
  // A file without a service_area column gives a new supplier its own département (decisions/041).
  if (!input.serviceAreas && !existing) {
    const departement = reference.communes.get(row.communeCode.toLowerCase())?.departement;
    if (departement) input.serviceAreas = [{ kind: 'departement', code: departement }];
  }
  return input;
}

function suspendedWarnings(rows: ValidatedRow[], stored: Map<string, StoredStatuses>, approve: boolean): ImportError[] {
  if (!approve) return [];
  return rows
    .filter(({ row }) => stored.get(row.siret)?.publicationStatus === 'suspended')
    .map(({ line }) => ({
      line,
      column: null,
      message:
        'fournisseur suspendu par la modération : il reste suspendu (la suspension ne se lève pas par un import)',
    }));
}

/**
 * Imports a census CSV (bytes or text). Every row is validated first; any error means nothing is written
 * and every error is returned. A clean file is upserted by SIRET in one transaction, so importing the same
 * file twice leaves the second run with everything unchanged.
 */
export async function importSuppliersCsv(
  database: OpenedDatabase | DB,
  input: Uint8Array | string,
  options: ImportOptions = {},
): Promise<Result<ImportSummary, ImportError[]>> {
  const db = database instanceof Kysely ? database : database.db;
  const approve = options.approve ?? false;
  const reference = await loadImportReference(db);
  const validation = validateImportFile(input, reference, (done, total) => {
    if (done % PROGRESS_EVERY === 0 || done === total) options.onProgress?.({ phase: 'validate', done, total });
  });
  if (!validation.ok) return validation;
  const { rows } = validation.value;
  const sirets = rows.map(({ row }) => row.siret);

  const counts: ImportCounts = {
    rows: rows.length,
    newSuppliers: 0,
    existingSuppliers: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  const tally = (stored: Map<string, StoredStatuses>) => {
    counts.existingSuppliers = stored.size;
    counts.newSuppliers = rows.length - stored.size;
  };

  if (options.dryRun) {
    const stored = await listStatusesBySiret(db, sirets);
    tally(stored);
    return ok({
      dryRun: true,
      counts,
      warnings: sortImportErrors(
        [...validation.value.warnings, ...suspendedWarnings(rows, stored, approve)],
        IMPORT_COLUMNS,
      ),
    });
  }

  const now = options.now ?? new Date().toISOString();
  let warnings: ImportError[] = [];
  await db.transaction().execute(async (trx) => {
    // Read inside the transaction, so the statuses cannot change between the decision and the write.
    const stored = await listStatusesBySiret(trx, sirets);
    tally(stored);
    warnings = sortImportErrors(
      [...validation.value.warnings, ...suspendedWarnings(rows, stored, approve)],
      IMPORT_COLUMNS,
    );
    let done = 0;
    for (const validated of rows) {
      const result = await upsertSupplierBySiret(
        trx,
        supplierInput(validated, approve, stored.get(validated.row.siret), reference),
        now,
      );
      counts[result.outcome]++;
      done++;
      if (done % PROGRESS_EVERY === 0 || done === rows.length)
        options.onProgress?.({ phase: 'write', done, total: rows.length });
    }
  });
  return ok({ dryRun: false, counts, warnings });
}
