import { sql, type Kysely } from 'kysely';
import { appendOnlyTrigger } from './dialect';

// Frozen migration: never edit once landed; add a new file instead. (Its triggers go through ./dialect.ts so that
// PostgreSQL gets its own; SQLite runs the same statements as ever: docs/decisions/311.)
// Organisations and memberships (issue 6, docs/decisions/120-organisations-and-permissions.md): supplier and
// buyer organisations, their members and roles, requests to join (claims decided by a moderator, joins by the
// owners), invitations by e-mail (a single-use token, hash only), the append-only audit log, and the uploaded
// files (logos, charter evidence) kept outside public/ under a random name. Timestamps are ISO 8601 UTC text.
// The CHECK lists repeat app/domain/organisation.ts (tests/integration/schema-checks.test.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('supplier', 'buyer')`))
    .addColumn('name', 'text', (c) => c.notNull())
    // A supplier organisation is exactly one catalogue supplier; a buyer has none.
    .addColumn('supplier_id', 'integer', (c) => c.unique().references('suppliers.id'))
    // Optional for a buyer (validated when given); a supplier's SIRET is its supplier's.
    .addColumn('siret', 'text')
    .addColumn('buyer_type', 'text', (c) =>
      c.check(
        sql`buyer_type in ('commune', 'intercommunalite', 'departement', 'region', 'etat', 'etablissement-public', 'etablissement-sante', 'bailleur-social', 'autre-public', 'grande-entreprise', 'eti', 'pme', 'autre-prive')`,
      ),
    )
    .addColumn('buyer_size', 'text', (c) =>
      c.check(sql`buyer_size in ('lt-10', '10-49', '50-249', '250-4999', 'gte-5000')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'organisations_kind_shape',
      sql`(kind = 'supplier' and supplier_id is not null and buyer_type is null) or (kind = 'buyer' and supplier_id is null and buyer_type is not null and buyer_size is not null)`,
    )
    .execute();
  await db.schema.createIndex('organisations_siret').on('organisations').column('siret').execute();

  await db.schema
    .createTable('memberships')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'editor')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['organisation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('join_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('claim', 'join')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'withdrawn')`),
    )
    // What the person says about their link to the structure (their job, how to check).
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('join_requests_status').on('join_requests').columns(['status', 'kind']).execute();
  // At most one pending request per person and organisation.
  await sql`create unique index join_requests_one_pending on join_requests (organisation_id, user_id) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('invitations')
    // The public half of the token `id.secret` sent by e-mail; only the SHA-256 of the secret is kept.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'blob', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'editor')`))
    .addColumn('invited_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_organisation').on('invitations').column('organisation_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // No foreign key: the log outlives the accounts it names; the address is kept as it was then.
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer')
    .addColumn('supplier_id', 'integer')
    .addColumn('reason', 'text')
    // JSON object with the details of the decision (before/after, criterion, role…).
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_created_at').on('audit_log').column('created_at').execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id']).execute();
  await appendOnlyTrigger(db, {
    name: 'audit_log_no_update',
    table: 'audit_log',
    event: 'update',
    sqlite: sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
  });
  await appendOnlyTrigger(db, {
    name: 'audit_log_no_delete',
    table: 'audit_log',
    event: 'delete',
    sqlite: sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
  });

  await db.schema
    .createTable('stored_files')
    // Random name (32 hex characters), also the file's name on disk under UPLOADS_DIR.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('logo', 'charter-evidence')`))
    // The type of the stored bytes, found from them (never the name or the declared type).
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // The name the person gave, for display only (a PDF's download name).
    .addColumn('original_name', 'text')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('uploaded_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('suppliers')
    .addColumn('logo_file_id', 'text', (c) => c.references('stored_files.id'))
    .execute();
}
