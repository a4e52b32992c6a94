import { sql, type Kysely } from 'kysely';

// Frozen migration: never edit once landed; add a new file instead.
// Accounts (issue 6): users, their sessions (Lucia's current design: a public id and the SHA-256 hash of a
// secret), single-use e-mailed tokens (hash only) and the rate-limit counters of the account forms
// (docs/decisions/100-sessions.md, 101-passwords.md, 102-rate-limits.md). Timestamps are ISO 8601 UTC text.
// The CHECK lists repeat app/domain/auth/account.ts (tests/integration/schema-checks.test.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations must not depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Normalised (trimmed, NFC, lower case) by the domain before every write and lookup.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('email_verified_at', 'text')
    // argon2id PHC string; the password itself is never stored.
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('site_role', 'text', (c) => c.check(sql`site_role in ('moderator', 'admin')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    // The public half of the token `id.secret` given to the browser.
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the secret half (32 bytes); compared in constant time.
    .addColumn('secret_hash', 'blob', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The last time the expiry was pushed back (sliding renewal): creation, then each renewal.
    .addColumn('last_verified_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // Shown on the « sessions actives » page so that people recognise their devices.
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'blob', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('verify-email', 'reset-password', 'change-email')`),
    )
    // The address to switch to, for 'change-email' only.
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('user_tokens_user_purpose').on('user_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    // An IP address or a normalised e-mail.
    .addColumn('key', 'text', (c) => c.notNull())
    // Fixed window: when the current window opened and how many attempts it counted.
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'key'])
    .execute();
  await db.schema.createIndex('rate_limits_window_start').on('rate_limits').column('window_start').execute();
}
