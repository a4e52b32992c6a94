import type { DB } from '../../db/connection';
import { formatImportError } from '../../app/domain/import/errors';
import type { Result } from '../../app/domain/result';
import type { ImportSummary } from '../../app/services/import.server';
import type { ImportError } from '../../app/domain/import/errors';

// Reads and resets of the tables the CSV import writes, shared by the import test files.

export function importTestHelpers(db: DB) {
  async function clearSuppliers() {
    await db.deleteFrom('search_changes').execute();
    await db.deleteFrom('suppliers').execute();
  }

  function messages(result: Result<ImportSummary, ImportError[]>): string[] {
    if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value.counts)}`);
    return result.error.map(formatImportError);
  }

  async function supplierCount() {
    const { n } = await db
      .selectFrom('suppliers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async function outboxCount() {
    const { n } = await db
      .selectFrom('search_changes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async function supplier(siret: string) {
    return db.selectFrom('suppliers').selectAll().where('siret', '=', siret).executeTakeFirstOrThrow();
  }

  async function serviceAreas(siret: string) {
    const { id } = await supplier(siret);
    return db
      .selectFrom('supplier_service_areas')
      .select(['kind', 'code', 'radius_km'])
      .where('supplier_id', '=', id)
      .orderBy('kind')
      .orderBy('code')
      .execute();
  }

  return { clearSuppliers, messages, supplierCount, outboxCount, supplier, serviceAreas };
}
