import { sql, type Kysely } from 'kysely';
import { appendOnlyTrigger, checkForeignKeysAfterRebuild, isPostgres } from './dialect';

// Frozen migration: never edit once landed; add a new file instead.
// The rest of issue 7 (docs/decisions/230-bids-and-groupements-schema.md): tender documents, cancellation and
// award dates, the matching and in-site notifications, suppliers' interest, questions and answers, bids (alone
// or in a groupement) with their members, invitations, lots, allocation, subcontractors, checklist, thread and
// activity, partner posts, and each lot's outcome. The CHECK lists repeat app/domain
// (tests/integration/schema-checks.test.ts).
//
// stored_files.purpose gains 'tender-document' and 'bid-document': SQLite cannot alter a CHECK, so the table is
// rebuilt with the generalized ALTER TABLE procedure. db/migrate.ts turns foreign keys off around the migrations
// (SQLite ignores the pragma inside a transaction) and this migration checks them itself before it commits.
// PostgreSQL alters the CHECK in place; the trigger and the check go through ./dialect.ts (docs/decisions/311).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table stored_files drop constraint stored_files_purpose_check,
      add constraint stored_files_purpose_check
      check (purpose in ('logo', 'charter-evidence', 'tender-document', 'bid-document'))`.execute(db);
  } else {
    await rebuildStoredFiles(db);
  }

  await db.schema.alterTable('tenders').addColumn('awarded_at', 'text').execute();
  await db.schema.alterTable('tenders').addColumn('cancelled_at', 'text').execute();
  await db.schema.alterTable('tenders').addColumn('cancellation_reason', 'text').execute();

  await db.schema
    .createTable('tender_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_files.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tender_documents_tender').on('tender_documents').column('tender_id').execute();

  // Each lot's outcome, decided by the buyer after the deadline (lot 1 is the implicit lot of a tender without
  // lots, which has no tender_lots row).
  await db.schema
    .createTable('tender_lot_outcomes')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('lot_number', 'integer', (c) => c.notNull().check(sql`lot_number >= 1`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('awarded', 'unsuccessful')`))
    .addColumn('reason', 'text')
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tender_lot_outcomes_pk', ['tender_id', 'lot_number'])
    .execute();

  // The suppliers a published tender fits, ranked once at publication, and how each was told.
  await db.schema
    .createTable('tender_matches')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull().check(sql`rank >= 1`))
    .addColumn('score', 'real', (c) => c.notNull())
    // JSON array of French reasons.
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('immediate', 'digest', 'capped', 'none')`))
    .addColumn('mailed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tender_matches_pk', ['tender_id', 'supplier_id'])
    .execute();
  await db.schema
    .createIndex('tender_matches_supplier')
    .on('tender_matches')
    .columns(['supplier_id', 'tender_id'])
    .execute();

  // A supplier organisation's choice for tender alerts; no row means the defaults (immediate, 5 a day).
  await db.schema
    .createTable('notification_settings')
    .addColumn('organisation_id', 'integer', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('tender_alerts', 'text', (c) => c.notNull().check(sql`tender_alerts in ('immediate', 'digest', 'off')`))
    .addColumn('daily_cap', 'integer', (c) => c.notNull().check(sql`daily_cap between 1 and 50`))
    .addColumn('last_digest_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // In-site notifications, addressed to an organisation (every member sees them).
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    // A path on this site.
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_organisation')
    .on('notifications')
    .columns(['organisation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('tender_interests')
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('interest', 'text', (c) => c.notNull().check(sql`interest in ('interested', 'not-interested')`))
    .addColumn('reason', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tender_interests_pk', ['tender_id', 'supplier_id'])
    .execute();

  await db.schema
    .createTable('tender_questions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    .addColumn('asked_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tender_questions_tender').on('tender_questions').column('tender_id').execute();

  // A bid: one supplier alone ('seul', one member) or a groupement; the mandataire (or the lone supplier) leads.
  await db.schema
    .createTable('bids')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('seul', 'groupement')`))
    .addColumn('name', 'text', (c) => c.notNull())
    // The groupement's legal form; null for a bid alone and while not chosen.
    .addColumn('form', 'text', (c) => c.check(sql`form in ('conjoint', 'solidaire', 'conjoint-mandataire-solidaire')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('forming', 'submitted', 'withdrawn', 'dissolved')`),
    )
    .addColumn('use_dume', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`use_dume in (0, 1)`),
    )
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submission_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bids_tender').on('bids').columns(['tender_id', 'status']).execute();

  await db.schema
    .createTable('bid_members')
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mandataire', 'membre')`))
    .addColumn('acceptance', 'text', (c) => c.notNull().check(sql`acceptance in ('pending', 'accepted', 'declined')`))
    .addColumn('invited_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addPrimaryKeyConstraint('bid_members_pk', ['bid_id', 'supplier_id'])
    .execute();
  await db.schema.createIndex('bid_members_supplier').on('bid_members').columns(['supplier_id', 'bid_id']).execute();
  // One mandataire per bid, enforced by the database as well as by the rules.
  await sql`create unique index bid_members_one_mandataire on bid_members (bid_id) where role = 'mandataire'`.execute(
    db,
  );

  // An invitation by e-mail to a structure not found in the catalogue: single use, the SHA-256 of the token.
  await db.schema
    .createTable('bid_invitations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'accepted', 'declined', 'revoked')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .execute();
  await db.schema.createIndex('bid_invitations_bid').on('bid_invitations').column('bid_id').execute();

  // The lots a bid answers, its price for each (euro cents excl. VAT), and the buyer's decision on it.
  await db.schema
    .createTable('bid_lots')
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('lot_number', 'integer', (c) => c.notNull().check(sql`lot_number >= 1`))
    .addColumn('price_cents', 'integer', (c) => c.check(sql`price_cents >= 0`))
    .addColumn('decision', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`decision in ('none', 'shortlisted', 'awarded', 'rejected')`),
    )
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('bid_lots_pk', ['bid_id', 'lot_number'])
    .execute();

  // Who performs what: each member's share of each lot, in basis points (10 000 = 100 %).
  await db.schema
    .createTable('bid_allocations')
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('lot_number', 'integer', (c) => c.notNull().check(sql`lot_number >= 1`))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
    .addColumn('share_bp', 'integer', (c) => c.notNull().check(sql`share_bp between 0 and 10000`))
    .addColumn('tasks', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('bid_allocations_pk', ['bid_id', 'lot_number', 'supplier_id'])
    .execute();

  await db.schema
    .createTable('bid_subcontractors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('siret', 'text', (c) => c.notNull().check(sql`length(siret) = 14`))
    .addColumn('services', 'text', (c) => c.notNull())
    // Euro cents incl. VAT: direct payment from 600 € incl. VAT (R2193-10).
    .addColumn('amount_cents_ttc', 'integer', (c) => c.notNull().check(sql`amount_cents_ttc >= 0`))
    .addColumn('lot_number', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_subcontractors_bid').on('bid_subcontractors').column('bid_id').execute();

  await db.schema
    .createTable('bid_checklist_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    // Stable key from app/domain/groupements/checklist.ts (dc1, dc2-<supplierId>, …).
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('assignee_supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('todo', 'in-progress', 'done')`))
    .addColumn('file_id', 'text', (c) => c.references('stored_files.id'))
    .addColumn('updated_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bid_checklist_items_key', ['bid_id', 'key'])
    .execute();

  await db.schema
    .createTable('bid_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_messages_bid').on('bid_messages').columns(['bid_id', 'id']).execute();

  // The workspace's activity log: append-only, like audit_log.
  await db.schema
    .createTable('bid_activity')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bid_id', 'integer', (c) => c.notNull().references('bids.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bid_activity_bid').on('bid_activity').columns(['bid_id', 'id']).execute();
  await appendOnlyTrigger(db, {
    name: 'bid_activity_no_update',
    table: 'bid_activity',
    event: 'update',
    sqlite: sql`create trigger bid_activity_no_update before update on bid_activity
    begin select raise(abort, 'bid_activity is append-only'); end`,
  });

  // « Cherche partenaires »: a supplier looking for partners on a tender, for lots or sectors.
  await db.schema
    .createTable('partner_posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tender_id', 'integer', (c) => c.notNull().references('tenders.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
    .addColumn('bid_id', 'integer', (c) => c.references('bids.id').onDelete('set null'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_posts_tender').on('partner_posts').columns(['tender_id', 'status']).execute();
  await db.schema
    .createTable('partner_post_lots')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('partner_posts.id').onDelete('cascade'))
    .addColumn('lot_number', 'integer', (c) => c.notNull().check(sql`lot_number >= 1`))
    .addPrimaryKeyConstraint('partner_post_lots_pk', ['post_id', 'lot_number'])
    .execute();
  await db.schema
    .createTable('partner_post_sectors')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('partner_posts.id').onDelete('cascade'))
    .addColumn('sector_code', 'text', (c) => c.notNull().references('sectors.code'))
    .addPrimaryKeyConstraint('partner_post_sectors_pk', ['post_id', 'sector_code'])
    .execute();
  await db.schema
    .createTable('partner_offers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('partner_posts.id').onDelete('cascade'))
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'declined')`))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addUniqueConstraint('partner_offers_post_supplier', ['post_id', 'supplier_id'])
    .execute();

  await checkForeignKeysAfterRebuild(db, 'stored_files rebuild');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function rebuildStoredFiles(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_files_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('logo', 'charter-evidence', 'tender-document', 'bid-document')`),
    )
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('uploaded_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into stored_files_new (id, purpose, content_type, byte_size, sha256, original_name,
    organisation_id, uploaded_by_user_id, created_at)
    select id, purpose, content_type, byte_size, sha256, original_name, organisation_id, uploaded_by_user_id,
    created_at from stored_files`.execute(db);
  await db.schema.dropTable('stored_files').execute();
  await sql`alter table stored_files_new rename to stored_files`.execute(db);
}
