import { sql, type Kysely } from 'kysely';

// Frozen migration: never edit once landed; add a new file instead.
// The charter self-assessments (issue 6 §4, docs/decisions/140-charter-assessments-and-review.md): versioned
// per supplier, one answer per criterion with its evidence and optional PDF, reviewed criterion by criterion
// by a moderator; the daily jobs' bookkeeping (docs/decisions/141-charter-expiry-job.md); and on suppliers,
// when the owners were warned of the expiry and the publication state a suspension interrupted
// (docs/decisions/142-suspension.md). The CHECK lists repeat app/domain/charter-assessment.ts
// (tests/integration/schema-checks.test.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('charter_assessments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id').onDelete('cascade'))
    // 1, 2, … per supplier.
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'verified', 'rejected')`),
    )
    // The supplier's charter status when this version was submitted, given back if it is rejected.
    .addColumn('previous_charter_status', 'text', (c) =>
      c.check(sql`previous_charter_status in ('none', 'pending', 'verified', 'expired')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('review_note', 'text')
    .addUniqueConstraint('charter_assessments_supplier_version', ['supplier_id', 'version'])
    .execute();
  await db.schema.createIndex('charter_assessments_status').on('charter_assessments').column('status').execute();

  await db.schema
    .createTable('charter_answers')
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('charter_assessments.id').onDelete('cascade'))
    .addColumn('criterion_code', 'text', (c) => c.notNull().references('charter_criteria.code'))
    // Null while a draft leaves the question open.
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('oui', 'en-partie', 'non')`))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document_file_id', 'text', (c) => c.references('stored_files.id'))
    .addColumn('review', 'text', (c) => c.check(sql`review in ('validated', 'rejected')`))
    .addColumn('review_note', 'text')
    .addPrimaryKeyConstraint('charter_answers_pk', ['assessment_id', 'criterion_code'])
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_ok_at', 'text')
    // The error of the last run, null when it succeeded.
    .addColumn('last_error', 'text')
    .addColumn('next_due_at', 'text')
    .execute();

  await db.schema.alterTable('suppliers').addColumn('charter_expiry_warned_at', 'text').execute();
  await db.schema
    .alterTable('suppliers')
    .addColumn('publication_before_suspension', 'text', (c) =>
      c.check(sql`publication_before_suspension in ('draft', 'published')`),
    )
    .execute();
}
