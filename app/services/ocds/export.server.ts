import type { DB } from '../../../db/connection';
import { findOcdsTender, listOcdsAwards, listReleaseEvents, type OcdsTenderRow } from '../../../db/repositories/ocds';
import {
  emptyReleasePage,
  nextPageQuery,
  PAGINATION_EXTENSION,
  type ReleaseEvent,
  type ReleasesQuery,
} from '~/domain/ocds/listing';
import { releasePackage } from '~/domain/ocds/package';
import { awardRelease, tenderRelease } from '~/domain/ocds/release';
import type { OcdsRelease, OcdsReleasePackage } from '~/domain/ocds/types';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';

// The OCDS open data served by the API (decisions 220–223, 262): one tender's release package, and every
// release since a date, page by page. A tender's history is rebuilt from its dates: the `tender` release at
// its publication (as it was published), the `award` release at its award, the `tenderCancellation` release at
// its cancellation.

export type OcdsRefusal = { kind: 'not-found' } | { kind: 'not-exportable'; issues: FieldIssue[] };

async function releaseOf(db: DB, row: OcdsTenderRow, event: ReleaseEvent, date: Date): Promise<Result<OcdsRelease>> {
  switch (event) {
    case 'tender':
      // The tender as it was at its publication: an open call for tenders.
      return tenderRelease({ ...row.input, status: 'published' }, date);
    case 'tenderCancellation':
      return tenderRelease({ ...row.input, status: 'cancelled' }, date);
    case 'award': {
      const awards = await listOcdsAwards(db, row.input.id, row.input.lots.length > 0);
      return awardRelease({ ...row.input, status: 'awarded' }, awards, date);
    }
  }
}

/** The events of one tender, with their dates. */
async function eventsOf(db: DB, row: OcdsTenderRow): Promise<{ event: ReleaseEvent; date: Date }[]> {
  const events: { event: ReleaseEvent; date: Date }[] = [{ event: 'tender', date: row.input.publishedAt }];
  if (row.status === 'awarded') {
    // The award's date is stored with the status; older rows fall back to the last lot decision.
    let date = row.awardedAt ? new Date(row.awardedAt) : null;
    if (!date) {
      const awards = await listOcdsAwards(db, row.input.id, row.input.lots.length > 0);
      const last = Math.max(...awards.map((a) => a.date.getTime()));
      date = Number.isFinite(last) ? new Date(last) : null;
    }
    if (date) events.push({ event: 'award', date });
  }
  if (row.status === 'cancelled' && row.cancelledAt)
    events.push({ event: 'tenderCancellation', date: new Date(row.cancelledAt) });
  return events;
}

/** GET /api/v1/tenders/:id/ocds: the releases of one tender in a package served at `uri`. */
export async function tenderReleasePackage(
  db: DB,
  tenderId: number,
  where: { origin: string; uri: string },
): Promise<Result<OcdsReleasePackage, OcdsRefusal>> {
  const row = await findOcdsTender(db, tenderId, where.origin);
  if (!row) return fail({ kind: 'not-found' });
  const releases: OcdsRelease[] = [];
  const issues: FieldIssue[] = [];
  for (const { event, date } of await eventsOf(db, row)) {
    const release = await releaseOf(db, row, event, date);
    if (release.ok) releases.push(release.value);
    else issues.push(...release.error);
  }
  if (issues.length > 0) return fail({ kind: 'not-exportable', issues });
  const latest = new Date(Math.max(...releases.map((r) => Date.parse(r.date))));
  const pkg = releasePackage(releases, latest, where.uri);
  return pkg.ok ? ok(pkg.value) : fail({ kind: 'not-exportable', issues: pkg.error });
}

export type ReleasePage = (OcdsReleasePackage | ReturnType<typeof emptyReleasePage>) & { links?: { next: string } };

/**
 * GET /api/v1/ocds/releases?since=…: the releases dated `since` or later, oldest first, `query.limit` at most,
 * with `links.next` when more follow. A tender whose data cannot make a valid release (a buyer without
 * SIRET…) is left out of the listing; its own export says why.
 */
export async function releasesSince(
  db: DB,
  query: ReleasesQuery,
  where: { origin: string; uri: string; pageUri: (params: URLSearchParams) => string },
  now: Date = new Date(),
): Promise<ReleasePage> {
  // One more than the page: whether a next page exists.
  const found = await listReleaseEvents(db, { ...query, limit: query.limit + 1 });
  const events = found.slice(0, query.limit);
  const rows = new Map<number, OcdsTenderRow | undefined>();
  const releases: OcdsRelease[] = [];
  for (const ref of events) {
    if (!rows.has(ref.tenderId)) rows.set(ref.tenderId, await findOcdsTender(db, ref.tenderId, where.origin));
    const row = rows.get(ref.tenderId);
    if (!row) continue;
    const release = await releaseOf(db, row, ref.event, new Date(ref.date));
    if (release.ok) releases.push(release.value);
  }
  const next = found.length > query.limit ? where.pageUri(nextPageQuery(query, events[events.length - 1])) : null;
  if (releases.length === 0) {
    const empty = emptyReleasePage(where.uri, now);
    return next ? { ...empty, extensions: [...empty.extensions, PAGINATION_EXTENSION], links: { next } } : empty;
  }
  const latest = new Date(Math.max(...releases.map((r) => Date.parse(r.date))));
  const pkg = releasePackage(releases, latest, where.uri);
  if (!pkg.ok) throw new Error(`OCDS package refused: ${pkg.error.map((i) => i.message).join(' ')}`);
  return next
    ? { ...pkg.value, extensions: [...pkg.value.extensions, PAGINATION_EXTENSION], links: { next } }
    : pkg.value;
}
