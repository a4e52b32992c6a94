import { sql, type Kysely } from 'kysely';

// Frozen migration: never edit once landed; add a new file instead.
// Buyers' needs and tenders (issue 7 §1, docs/decisions/200-tenders-life-cycle.md to 203): a tender belongs to a
// buyer organisation, has a kind, a status, its fields, explicit lots (none means one implicit lot), sectors
// (of the tender and of each lot) and CPV codes. No documents yet: stored_files.purpose does not list them.
// The CHECK lists repeat app/domain/tenders/tender.ts (tests/integration/schema-checks.test.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('buyer_organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('devis', 'sourcing', 'appel-d-offres')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'published', 'closed', 'awarded', 'cancelled')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.check(sql`method in ('open', 'selective', 'limited', 'direct')`))
    .addColumn('category', 'text', (c) => c.check(sql`category in ('goods', 'works', 'services')`))
    .addColumn('place_kind', 'text', (c) =>
      c.check(sql`place_kind in ('commune', 'departement', 'region', 'national')`),
    )
    // An INSEE code of the kind above; null for national.
    .addColumn('place_code', 'text')
    .addColumn('estimated_value_euros', 'integer', (c) => c.check(sql`estimated_value_euros >= 0`))
    .addColumn('reservation', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`reservation in ('none', 'L2113-12', 'L2113-13', 'L2113-14', 'L2113-15')`),
    )
    .addColumn('social_clause_hours', 'integer', (c) => c.check(sql`social_clause_hours >= 0`))
    // UTC ISO instants.
    .addColumn('questions_deadline', 'text')
    .addColumn('submission_deadline', 'text')
    .addColumn('contract_duration_months', 'integer', (c) => c.check(sql`contract_duration_months >= 1`))
    .addColumn('allow_dual_bidding', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`allow_dual_bidding in (0, 1)`),
    )
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    // The moderator's note when a submitted tender is sent back to draft.
    .addColumn('moderation_note', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('tenders_buyer').on('tenders').column('buyer_organisation_id').execute();
  await db.schema
    .createIndex('tenders_status_deadline')
    .on('tenders')
    .columns(['status', 'submission_deadline'])
    .execute();

  await db.schema
    .createTable('tender_lots')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    // 1, 2, … per tender.
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('estimated_value_euros', 'integer', (c) => c.check(sql`estimated_value_euros >= 0`))
    .addUniqueConstraint('tender_lots_tender_number', ['tender_id', 'number'])
    .execute();

  await db.schema
    .createTable('tender_lot_sectors')
    .addColumn('lot_id', 'integer', (c) => c.notNull().references('tender_lots.id').onDelete('cascade'))
    .addColumn('sector_code', 'text', (c) => c.notNull().references('sectors.code'))
    .addPrimaryKeyConstraint('tender_lot_sectors_pk', ['lot_id', 'sector_code'])
    .execute();

  await db.schema
    .createTable('tender_sectors')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('sector_code', 'text', (c) => c.notNull().references('sectors.code'))
    .addPrimaryKeyConstraint('tender_sectors_pk', ['tender_id', 'sector_code'])
    .execute();
  await db.schema
    .createIndex('tender_sectors_sector')
    .on('tender_sectors')
    .columns(['sector_code', 'tender_id'])
    .execute();

  await db.schema
    .createTable('tender_cpv_codes')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`length(code) = 10`))
    // The order the buyer gave, the first is the main code.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tender_cpv_codes_pk', ['tender_id', 'code'])
    .execute();
}
