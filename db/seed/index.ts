import { SEED_TRANSACTION_SUPPLIERS } from '../batch';
import type { OpenedDatabase, Executor } from '../connection';
import { upsertSupplierBySiret, type UpsertOutcome } from '../repositories/suppliers';
import { departementNamesWithDe } from '../reference/geography';
import { SupplierGenerator, type GeneratorReference } from './generator';

// Seeds demo suppliers through the one supplier write path (db/repositories/suppliers.ts), so each one
// gets its outbox row like any other write. Used by `npm run seed`, `npm start` on an empty database and tests.

export { SupplierGenerator, generateSuppliers, type GeneratorReference } from './generator';

export interface SeedOptions {
  suppliers: number;
  seed: number;
  /** Suppliers per transaction (default SEED_TRANSACTION_SUPPLIERS, db/batch.ts). */
  batchSize?: number;
  /** Called after each committed transaction with the number of suppliers written so far. */
  onProgress?: (done: number, total: number) => void;
}

export type SeedResult = Record<UpsertOutcome, number> & { elapsedMs: number };

export const MAX_SEED_SUPPLIERS = 1_000_000;

/** Reads what the generator needs from the reference tables, in a stable order. */
export async function readGeneratorReference(db: Executor): Promise<GeneratorReference> {
  const [communes, departements, regions] = await Promise.all([
    db
      .selectFrom('communes')
      .select(['code', 'name', 'departement_code', 'region_code', 'postcodes', 'population'])
      .orderBy('code')
      .execute(),
    db.selectFrom('departements').select(['code', 'name', 'region_code']).orderBy('code').execute(),
    db.selectFrom('regions').select(['code', 'name']).orderBy('code').execute(),
  ]);
  const withDe = departementNamesWithDe();
  return {
    communes: communes.map((c) => ({
      code: c.code,
      name: c.name,
      departementCode: c.departement_code,
      regionCode: c.region_code,
      postcodes: c.postcodes === '' ? [] : c.postcodes.split(' '),
      population: c.population,
    })),
    departements: departements.map((d) => ({
      code: d.code,
      name: d.name,
      regionCode: d.region_code,
      withDe: withDe.get(d.code) ?? `de ${d.name}`,
    })),
    regions,
  };
}

/**
 * Writes the first `suppliers` demo suppliers of `seed` (created, or updated/unchanged when their SIRET
 * is already there), in transactions of `batchSize`. The reference data must be loaded.
 */
export async function seedDemoData(database: OpenedDatabase, options: SeedOptions): Promise<SeedResult> {
  const { suppliers: total, seed, batchSize = SEED_TRANSACTION_SUPPLIERS, onProgress } = options;
  if (!Number.isInteger(total) || total < 0 || total > MAX_SEED_SUPPLIERS)
    throw new RangeError(`suppliers must be an integer between 0 and ${MAX_SEED_SUPPLIERS}, got ${total}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  const started = performance.now();
  const reference = await readGeneratorReference(database.db);
  const generator = new SupplierGenerator(reference, seed);
  const result: SeedResult = { created: 0, updated: 0, unchanged: 0, elapsedMs: 0 };
  for (let start = 0; start < total; start += batchSize) {
    const end = Math.min(total, start + batchSize);
    await database.db.transaction().execute(async (trx) => {
      for (let i = start; i < end; i++) {
        const { outcome } = await upsertSupplierBySiret(trx, generator.supplier(i));
        result[outcome]++;
      }
    });
    onProgress?.(end, total);
  }
  result.elapsedMs = performance.now() - started;
  return result;
}
