import type { SupplierInput } from '../../app/domain/supplier';
import type { DB } from '../../db/connection';
import { upsertSupplierBySiret, type UpsertResult } from '../../db/repositories/suppliers';

// Valid suppliers written through the real repository, for the search sync tests.

/** A SIRET (14 digits) whose Luhn checksum is valid, derived from n. */
export function validSiret(n: number): string {
  const body = `4${String(n).padStart(12, '0')}`;
  for (let check = 0; check <= 9; check++) {
    const candidate = `${body}${check}`;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let digit = Number(candidate[13 - i]);
      if (i % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

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

/** Writes the supplier in a transaction, as every writer does (the outbox row lands with it). */
export function writeSupplier(db: DB, input: SupplierInput): Promise<UpsertResult> {
  return db.transaction().execute((trx) => upsertSupplierBySiret(trx, input));
}

export async function outboxRows(db: DB) {
  return db.selectFrom('search_outbox').selectAll().orderBy('id').execute();
}
