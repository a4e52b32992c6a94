import type { Kysely } from 'kysely';

// Frozen migration: never edit once landed; add a new file instead.
// The search change sequence (docs/decisions/320-search-change-sequence.md) replaces the search outbox: every
// supplier write appends (seq, supplier_id) in its own transaction, and each consumer (an embedded index, a
// Meilisearch index) follows the sequence from its own cursor instead of emptying a shared queue. Imports nothing
// of the app.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  // Pruning and the lag's age read changes by time.
  await db.schema.createIndex('search_changes_changed_at').on('search_changes').column('changed_at').execute();

  // One row per consumer: the authoritative cursor of a consumer that keeps it in the database of record
  // (Meilisearch), a copy for the others (an embedded index keeps its own next to its rows), with the claim
  // that lets one process apply a batch at a time, and the failed attempts of the batch at the cursor.
  await db.schema
    .createTable('search_feed_cursors')
    .addColumn('consumer', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .execute();

  // Changes one consumer's engine kept refusing after the batch was applied one change at a time: the feed
  // moved on, these are retried later (with a back-off) and shown by /healthz.
  await db.schema
    .createTable('search_feed_failures')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_feed_failures_pk', ['consumer', 'supplier_id'])
    .execute();

  // The outbox's waiting rows become changes, oldest first (each consumer's cursor starts at 0).
  await db
    .insertInto('search_changes')
    .columns(['supplier_id', 'changed_at'])
    .expression(db.selectFrom('search_outbox').select(['supplier_id', 'created_at']).orderBy('id'))
    .execute();
  await db.schema.dropTable('search_outbox').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
