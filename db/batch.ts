// Every batch size of the data layer, in one place, with the reason for its value. SQLite binds at most
// SQLITE_MAX_VARIABLES parameters per statement; PostgreSQL (planned) allows 65,535, so these fit both.
// tests/unit/batch.test.ts checks each multi-row statement against the limit.

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32 (the bundled better-sqlite3 build uses it). */
export const SQLITE_MAX_VARIABLES = 32_766;

/**
 * Ids or codes per `IN (…)` list. 900 stays under the 999 parameters of SQLite builds older than 3.32, and
 * keeps each lookup statement small enough to stay in the prepared-statement cache (db/connection.ts).
 */
export const IN_LIST_CHUNK = 900;

/**
 * Rows per multi-row INSERT of a supplier's child tables (offers, sectors, areas, references, labels: at most
 * 4 columns, so 800 parameters). A supplier rarely has more than a few dozen rows: one statement almost always.
 */
export const CHILD_INSERT_ROWS = 200;

/**
 * Rows per reference-table upsert (at most 10 columns, communes: 5,000 parameters): the 35,000 communes in
 * 70 statements.
 */
export const REFERENCE_UPSERT_ROWS = 500;

/** Rows per search outbox INSERT (2 columns, so 1,000 parameters). */
export const OUTBOX_INSERT_ROWS = 500;

/**
 * Outbox rows the search worker drains at a time (search/outbox.ts, unless its caller says otherwise): one
 * document load (IN_LIST_CHUNK ids) and one engine call per batch.
 */
export const OUTBOX_DRAIN_ROWS = 500;

/**
 * Messages the mail sender claims at a time (app/services/mail/sender.server.ts): each is one transport call
 * (an SMTP conversation or a file), so a batch stays short and its claim's lease is never near expiry.
 */
export const MAIL_SEND_BATCH = 50;

/**
 * Published suppliers per search-document batch of a full reindex (keyset pages on the id): a few hundred
 * queries for 100,000 suppliers, and batches the engines index in one call.
 */
export const DOCUMENT_BATCH_SUPPLIERS = 1000;

/**
 * Demo suppliers per seed transaction: large enough that commits do not dominate, small enough that a
 * reader is not blocked long and progress shows.
 */
export const SEED_TRANSACTION_SUPPLIERS = 1000;

/**
 * Rows per multi-row INSERT of a tender's matches (8 columns of tender_matches, 4,000 parameters) and of their
 * in-site notifications (6 columns): a tender matched by thousands of suppliers is written in a few statements.
 */
export const MATCH_INSERT_ROWS = 500;

/**
 * Parameters per multi-row INSERT of `npm run db:copy` (db/copy.ts, docs/decisions/316): rows per statement are
 * this divided by the table's columns (about 1,000 suppliers, 5,000 rows of a 4-column table). Under PostgreSQL's
 * 65,535 bound parameters per statement, the only database it writes to.
 */
export const COPY_INSERT_PARAMETERS = 20_000;

/** PostgreSQL's limit of bound parameters per statement (the protocol counts them in 16 bits). */
export const POSTGRES_MAX_PARAMETERS = 65_535;
