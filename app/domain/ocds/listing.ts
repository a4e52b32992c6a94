import { fail, ok, type FieldIssue, type Result } from '../result';
import { LICENCE_OUVERTE_2_0, LOTS_EXTENSION, OCDS_VERSION, PUBLICATION_POLICY_PATH, PUBLISHER_NAME } from './package';
import type { OcdsReleasePackage, OcdsReleaseTag } from './types';

// The open-data listing `GET /api/v1/ocds/releases?since=…` (decision 262): its query, its pages and the
// release events it lists. Pure.

/** Releases per page unless `limit` says fewer. */
export const OCDS_PAGE_SIZE = 100;
export const OCDS_MAX_PAGE_SIZE = 100;

/**
 * The OCDS Pagination extension: `links.next` (and `links.prev`) on a package. Declared in the package's
 * `extensions` next to the Lots extension when a page carries links.
 */
export const PAGINATION_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json';

/**
 * The events a tender publishes, in the order they happen for one tender: its publication (tag `tender`), then
 * its award (`award`) or its cancellation (`tenderCancellation`).
 */
export const RELEASE_EVENTS = ['tender', 'award', 'tenderCancellation'] as const satisfies readonly OcdsReleaseTag[];
export type ReleaseEvent = (typeof RELEASE_EVENTS)[number];

/** One release to list: a tender's event at its date (ISO 8601 UTC). */
export interface ReleaseEventRef {
  tenderId: number;
  event: ReleaseEvent;
  date: string;
}

/** Where a page starts: after this event (exclusive), in the listing's order (date, tender id, event). */
export interface ReleaseCursor {
  date: string;
  tenderId: number;
  event: ReleaseEvent;
}

export interface ReleasesQuery {
  /** Inclusive lower bound of the release dates (ISO 8601 UTC). */
  since: string;
  after: ReleaseCursor | null;
  limit: number;
}

export const OCDS_QUERY_MESSAGES = {
  sinceRequired:
    'Le paramètre since est obligatoire : la date à partir de laquelle lister les publications, au format ISO 8601 (par exemple since=2026-01-01T00:00:00Z).',
  sinceInvalid:
    'Le paramètre since doit être une date ISO 8601 avec son fuseau (par exemple 2026-01-01T00:00:00Z ou 2026-01-01T01:00:00+01:00) ou un jour (2026-01-01, minuit UTC).',
  afterInvalid: 'Le paramètre after n’est pas valide : utilisez tel quel le lien links.next de la page précédente.',
  limitInvalid: `Le paramètre limit doit être un nombre entier de 1 à ${OCDS_MAX_PAGE_SIZE}.`,
  unknown: (name: string) => `paramètre inconnu « ${name.slice(0, 40)} » (paramètres acceptés : since, after, limit)`,
} as const;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO 8601 instant with its zone (or a day, midnight UTC), as an ISO UTC string; null when malformed. */
export function parseInstant(value: string): string | null {
  const match = DATE_TIME.exec(value) ?? DAY.exec(value);
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  // Reject impossible calendar values that Date would roll over (2026-02-30, 24:00…).
  const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (
    probe.getUTCFullYear() !== Number(y) ||
    probe.getUTCMonth() !== Number(mo) - 1 ||
    probe.getUTCDate() !== Number(d) ||
    probe.getUTCHours() !== Number(h) ||
    probe.getUTCMinutes() !== Number(mi) ||
    probe.getUTCSeconds() !== Number(s)
  )
    return null;
  const time = Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The cursor as written in `after`: `{tenderId}.{event}` (the date is the page's `since`). */
export function formatCursor(cursor: Pick<ReleaseCursor, 'tenderId' | 'event'>): string {
  return `${cursor.tenderId}.${cursor.event}`;
}

export function parseReleasesQuery(params: URLSearchParams): Result<ReleasesQuery, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const name of new Set(params.keys()))
    if (!['since', 'after', 'limit'].includes(name))
      issues.push({ field: name, message: OCDS_QUERY_MESSAGES.unknown(name) });
  for (const name of ['since', 'after', 'limit'])
    if (params.getAll(name).length > 1)
      issues.push({ field: name, message: `Le paramètre ${name} ne peut apparaître qu’une fois.` });
  const sinceRaw = params.get('since');
  // An unencoded « + » of an offset reaches us as a space (2026-01-01T00:00:00 01:00): read it as meant.
  const sinceText = sinceRaw?.trim().replace(/ (\d{2}:\d{2})$/, '+$1') ?? '';
  const since = sinceText === '' ? null : parseInstant(sinceText);
  if (sinceRaw === null || sinceRaw.trim() === '')
    issues.push({ field: 'since', message: OCDS_QUERY_MESSAGES.sinceRequired });
  else if (since === null) issues.push({ field: 'since', message: OCDS_QUERY_MESSAGES.sinceInvalid });
  let after: ReleaseCursor | null = null;
  const afterRaw = params.get('after');
  if (afterRaw !== null) {
    const match = /^([1-9]\d{0,15})\.(tender|award|tenderCancellation)$/.exec(afterRaw);
    if (!match) issues.push({ field: 'after', message: OCDS_QUERY_MESSAGES.afterInvalid });
    else if (since !== null) after = { date: since, tenderId: Number(match[1]), event: match[2] as ReleaseEvent };
  }
  let limit = OCDS_PAGE_SIZE;
  const limitRaw = params.get('limit');
  if (limitRaw !== null) {
    if (!/^\d{1,4}$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > OCDS_MAX_PAGE_SIZE)
      issues.push({ field: 'limit', message: OCDS_QUERY_MESSAGES.limitInvalid });
    else limit = Number(limitRaw);
  }
  if (issues.length > 0 || since === null) return fail(issues);
  return ok({ since, after, limit });
}

/** The query string of the page after `last`. */
export function nextPageQuery(query: ReleasesQuery, last: ReleaseEventRef): URLSearchParams {
  const params = new URLSearchParams({ since: last.date, after: formatCursor(last) });
  if (query.limit !== OCDS_PAGE_SIZE) params.set('limit', String(query.limit));
  return params;
}

/**
 * The answer when nothing was published since the date: the package's metadata with an empty `releases`
 * list (decision 262). The release package schema asks for at least one release (`minItems: 1`), so this one
 * answer is not a valid OCDS package: it says « nothing new » in the same shape, which harvesters handle
 * without a special case.
 */
export function emptyReleasePage(
  uri: string,
  publishedDate: Date,
): Omit<OcdsReleasePackage, 'releases'> & {
  releases: [];
} {
  const url = new URL(uri);
  return {
    uri: url.href,
    version: OCDS_VERSION,
    extensions: [LOTS_EXTENSION],
    publishedDate: publishedDate.toISOString(),
    publisher: { name: PUBLISHER_NAME, uri: url.origin },
    license: LICENCE_OUVERTE_2_0,
    publicationPolicy: new URL(PUBLICATION_POLICY_PATH, url.origin).href,
    releases: [],
  };
}
