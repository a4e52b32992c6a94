import { sql, type Kysely } from 'kysely';

// Frozen migration: never edit once landed; add a new file instead.
// Creates the reference tables (geography, structure kinds, sectors, labels, charter criteria),
// the supplier aggregate and the search outbox.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('departements')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('communes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-case, accents removed, hyphens and apostrophes as spaces: for autocomplete.
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('departement_code', 'text', (c) => c.notNull().references('departements.code'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    // Space-separated list of postcodes.
    .addColumn('postcodes', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    // 1 when the coordinates are the département centroid (no registry match).
    .addColumn('approximate_location', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('communes_departement').on('communes').column('departement_code').execute();
  await db.schema.createIndex('communes_search_name').on('communes').columns(['search_name', 'population']).execute();

  await db.schema
    .createTable('structure_kinds')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    // insertion | disability | prison | ess
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sector_groups')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sectors')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('group_code', 'text', (c) => c.notNull().references('sector_groups.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sector_cpv_divisions')
    .addColumn('sector_code', 'text', (c) => c.notNull().references('sectors.code').onDelete('cascade'))
    // Two-digit CPV division, e.g. "90".
    .addColumn('cpv_division', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sector_cpv_divisions_pk', ['sector_code', 'cpv_division'])
    .execute();

  await db.schema
    .createTable('labels')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('charter_criteria')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('suppliers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('siret', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trade_name', 'text')
    .addColumn('legal_form', 'text')
    .addColumn('structure_kind', 'text', (c) => c.notNull().references('structure_kinds.code'))
    .addColumn('year_founded', 'integer')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('commune_code', 'text', (c) => c.notNull().references('communes.code'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('headcount', 'integer')
    .addColumn('insertion_headcount', 'integer')
    // e.g. "lt-100k", "100k-500k", ... see app/domain/supplier.ts
    .addColumn('turnover_band', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('charter_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`charter_status in ('none', 'pending', 'verified', 'expired')`),
    )
    .addColumn('charter_verified_at', 'text')
    .addColumn('publication_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`publication_status in ('draft', 'published', 'suspended')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suppliers_commune').on('suppliers').column('commune_code').execute();
  await db.schema.createIndex('suppliers_kind').on('suppliers').column('structure_kind').execute();
  await db.schema.createIndex('suppliers_publication').on('suppliers').column('publication_status').execute();

  await db.schema
    .createTable('supplier_offers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('supplier_offers_supplier').on('supplier_offers').column('supplier_id').execute();

  await db.schema
    .createTable('supplier_sectors')
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('sector_code', 'text', (c) => c.notNull().references('sectors.code'))
    .addPrimaryKeyConstraint('supplier_sectors_pk', ['supplier_id', 'sector_code'])
    .execute();
  await db.schema.createIndex('supplier_sectors_sector').on('supplier_sectors').column('sector_code').execute();

  await db.schema
    .createTable('supplier_service_areas')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('national', 'region', 'departement', 'commune', 'radius')`),
    )
    // Région, département or commune code; null for national and radius.
    .addColumn('code', 'text')
    // Kilometres around the supplier's commune; only for kind = 'radius'.
    .addColumn('radius_km', 'integer')
    .execute();
  await db.schema
    .createIndex('supplier_service_areas_supplier')
    .on('supplier_service_areas')
    .column('supplier_id')
    .execute();

  await db.schema
    .createTable('supplier_references')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('supplier_references_supplier').on('supplier_references').column('supplier_id').execute();

  await db.schema
    .createTable('supplier_labels')
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('label_code', 'text', (c) => c.notNull().references('labels.code'))
    .addPrimaryKeyConstraint('supplier_labels_pk', ['supplier_id', 'label_code'])
    .execute();

  // One row per supplier whose search document may have changed; drained by search/outbox.ts.
  await db.schema
    .createTable('search_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
