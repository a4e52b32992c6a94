import { describe, expect, it } from 'vitest';
import {
  CHILD_INSERT_ROWS,
  COPY_INSERT_PARAMETERS,
  DOCUMENT_BATCH_SUPPLIERS,
  IN_LIST_CHUNK,
  MAIL_SEND_BATCH,
  MATCH_INSERT_ROWS,
  OUTBOX_DRAIN_ROWS,
  OUTBOX_INSERT_ROWS,
  POSTGRES_MAX_PARAMETERS,
  REFERENCE_UPSERT_ROWS,
  SEED_TRANSACTION_SUPPLIERS,
  SQLITE_MAX_VARIABLES,
} from '../../db/batch';
import type { Database } from '../../db/schema';

// Each multi-row statement binds rows × columns parameters: it must stay under SQLite's limit
// (docs/decisions/074-batch-sizes.md). The column counts are those of db/schema.ts.

const COLUMNS = {
  supplier_offers: 4, // supplier_id, position, name, description
  supplier_references: 4, // supplier_id, client_name, year, description
  supplier_service_areas: 4, // supplier_id, kind, code, radius_km
  communes: 10, // the widest reference table
  search_changes: 2, // supplier_id, created_at
  tender_matches: 8, // tender_id, supplier_id, rank, score, reasons, channel, mailed_at, created_at
} satisfies Partial<Record<keyof Database, number>>;

describe('batch sizes (db/batch.ts)', () => {
  it('keep every multi-row statement under SQLITE_MAX_VARIABLES', () => {
    expect(IN_LIST_CHUNK).toBeLessThanOrEqual(999);
    expect(CHILD_INSERT_ROWS * COLUMNS.supplier_offers).toBeLessThanOrEqual(SQLITE_MAX_VARIABLES);
    expect(REFERENCE_UPSERT_ROWS * COLUMNS.communes).toBeLessThanOrEqual(SQLITE_MAX_VARIABLES);
    expect(OUTBOX_INSERT_ROWS * COLUMNS.search_changes).toBeLessThanOrEqual(SQLITE_MAX_VARIABLES);
    expect(MATCH_INSERT_ROWS * COLUMNS.tender_matches).toBeLessThanOrEqual(SQLITE_MAX_VARIABLES);
    // The mail sender's claim lists the due ids in one IN (…).
    expect(MAIL_SEND_BATCH).toBeLessThanOrEqual(IN_LIST_CHUNK);
  });

  it('keep npm run db:copy under PostgreSQL’s parameter limit, whatever the width of a table', () => {
    // db/copy.ts puts floor(COPY_INSERT_PARAMETERS / columns) rows, at least one, in each INSERT.
    expect(COPY_INSERT_PARAMETERS).toBeLessThanOrEqual(POSTGRES_MAX_PARAMETERS);
  });

  it('are positive integers', () => {
    for (const size of [
      IN_LIST_CHUNK,
      CHILD_INSERT_ROWS,
      REFERENCE_UPSERT_ROWS,
      OUTBOX_INSERT_ROWS,
      OUTBOX_DRAIN_ROWS,
      MAIL_SEND_BATCH,
      MATCH_INSERT_ROWS,
      DOCUMENT_BATCH_SUPPLIERS,
      SEED_TRANSACTION_SUPPLIERS,
      COPY_INSERT_PARAMETERS,
    ])
      expect(Number.isInteger(size) && size > 0).toBe(true);
  });
});
