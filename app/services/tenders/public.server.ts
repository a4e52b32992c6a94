import type { DB } from '../../../db/connection';
import { findPublicTender, listPublicTenders } from '../../../db/repositories/public-tenders';
import type { TenderRecord, TenderSummary } from '../../../db/repositories/tenders';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { parisLocalToUtc } from '~/domain/tenders/form';
import {
  PUBLIC_TENDERS_PAGE_SIZE,
  parsePublicTenderQuery,
  type PublicTenderQuery,
} from '~/domain/tenders/public-query';
import { effectiveStatus } from '~/domain/tenders/tender';

// The public side of tenders (decision 205): the list with its filters and pages, and one tender's page. Only
// published, closed and awarded tenders are public; the status shown is the effective one (closed from the
// deadline on, before the hourly job stores it).

export interface PublicTenderList {
  query: PublicTenderQuery;
  total: number;
  pageCount: number;
  items: TenderSummary[];
}

export async function listPublicTenderPage(
  db: DB,
  params: URLSearchParams,
  now: Date = new Date(),
): Promise<Result<PublicTenderList, FieldIssue[]>> {
  const parsed = parsePublicTenderQuery(params);
  if (!parsed.ok) return fail(parsed.error);
  const query = parsed.value;
  const { total, items } = await listPublicTenders(db, {
    ...query,
    deadlineFrom: query.deadlineAfter === null ? null : (parisLocalToUtc(`${query.deadlineAfter}T00:00`) ?? null),
    limit: PUBLIC_TENDERS_PAGE_SIZE,
    offset: (query.page - 1) * PUBLIC_TENDERS_PAGE_SIZE,
  });
  return ok({
    query,
    total,
    pageCount: Math.max(1, Math.ceil(total / PUBLIC_TENDERS_PAGE_SIZE)),
    items: items.map((item) => ({ ...item, status: effectiveStatus(item, now) })),
  });
}

/** A public tender with its effective status, or null (unknown, draft, submitted or cancelled). */
export async function getPublicTender(db: DB, id: number, now: Date = new Date()): Promise<TenderRecord | null> {
  const tender = await findPublicTender(db, id);
  return tender ? { ...tender, status: effectiveStatus(tender, now) } : null;
}

export type { TenderRecord, TenderSummary };
