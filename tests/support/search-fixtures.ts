import type { SupplierInput } from '../../app/domain/supplier';
import type { DB } from '../../db/connection';
import { upsertSupplierBySiret, type UpsertResult } from '../../db/repositories/suppliers';
import { validSiret } from '../fixtures/import/csv';

// Valid suppliers written through the real repository, for the search sync tests.

/** Valid SIRETs (SIREN and SIRET Luhn checks) derived from n, shared with the import fixtures. */
export { validSiret };

let counter = 0;

/** A published EI in Paris cleaning offices, with the given fields overriding the defaults. */
export function supplierInput(overrides: Partial<SupplierInput> = {}): SupplierInput {
  counter++;
  return {
    siret: validSiret(counter),
    name: `Fournisseur ${counter}`,
    structureKind: 'EI',
    communeCode: '75056',
    description: 'Entreprise d’insertion francilienne.',
    sectors: ['nettoyage-bureaux'],
    offers: [{ name: 'Nettoyage de bureaux', description: 'Entretien quotidien des locaux tertiaires.' }],
    serviceAreas: [{ kind: 'departement', code: '75' }],
    publicationStatus: 'published',
    charterStatus: 'none',
    ...overrides,
  };
}

/** Writes the supplier in a transaction, as every writer does (its change lands with it). */
export function writeSupplier(db: DB, input: SupplierInput): Promise<UpsertResult> {
  return db.transaction().execute((trx) => upsertSupplierBySiret(trx, input));
}

/** The change sequence, oldest first (docs/decisions/320). */
export async function changeRows(db: DB) {
  return db.selectFrom('search_changes').selectAll().orderBy('seq').execute();
}
