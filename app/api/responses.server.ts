import type { FieldIssue } from '~/domain/result';
import { logFault } from '~/services/log.server';

// JSON responses of the public, read-only API (/api/v1/...): one content type, CORS open to every origin
// (the catalogue is public open data) and an explicit caching policy per kind of answer. X-Content-Type-Options
// is set by server.ts on every response. See docs/decisions/053-public-api-responses.md.

export type CachePolicy = 'reference' | 'search' | 'dynamic' | 'none';

const CACHE_CONTROL: Record<CachePolicy, string> = {
  // Reference lists and the OpenAPI document change only with a deployment.
  reference: 'public, max-age=3600',
  // Search answers carry an ETag of the index version: fresh for 5 s, then served stale for at most 30 s while a
  // cache revalidates (a 304 when the index did not change; decision 303).
  search: 'public, max-age=5, stale-while-revalidate=30',
  // Sheets and tenders change within seconds of an edit: caches must revalidate.
  dynamic: 'public, no-cache',
  // Errors are never cached.
  none: 'no-store',
};

export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  'Access-Control-Allow-Origin': '*',
});

/**
 * JSON.stringify, with <, >, & and the two JavaScript line separators written as \u escapes: still the
 * same JSON value, but no user-supplied markup ever appears raw in a body, even one sniffed as HTML.
 */
export function safeJsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A body already serialised with safeJsonStringify (a cached answer), with its policy and headers. */
export function jsonTextResponse(text: string, cache: CachePolicy, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status: 200,
    headers: { ...API_HEADERS, 'Cache-Control': CACHE_CONTROL[cache], ...headers },
  });
}

/** Whether an If-None-Match header names this ETag (weak comparison, lists and `*` included; RFC 9110 13.1.2). */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** 304 Not Modified for a conditional GET whose ETag still holds: no body, the same validators and policy. */
export function notModified(etag: string, cache: CachePolicy): Response {
  return new Response(null, {
    status: 304,
    headers: { ETag: etag, 'Cache-Control': CACHE_CONTROL[cache], 'Access-Control-Allow-Origin': '*' },
  });
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; cache?: CachePolicy; headers?: Record<string, string> } = {},
): Response {
  const status = init.status ?? 200;
  return new Response(safeJsonStringify(body), {
    status,
    headers: {
      ...API_HEADERS,
      'Cache-Control': CACHE_CONTROL[init.cache ?? (status >= 400 ? 'none' : 'dynamic')],
      ...init.headers,
    },
  });
}

/**
 * One problem with a request, as the public API writes it: `param` names the query-string or path parameter.
 * Inside the application the same thing is a FieldIssue (`field`); the name changes only here, at the
 * boundary, so the documented JSON stays as it is (docs/decisions/057-result-shapes.md).
 */
export interface ApiIssue {
  param: string;
  message: string;
}

export interface ApiErrorBody {
  error: { message: string; issues?: ApiIssue[] };
}

export function toApiIssues(issues: readonly FieldIssue[]): ApiIssue[] {
  return issues.map(({ field, message }) => ({ param: field, message }));
}

export function errorResponse(
  status: number,
  message: string,
  issues?: readonly FieldIssue[],
  headers?: Record<string, string>,
): Response {
  const body: ApiErrorBody = { error: issues ? { message, issues: toApiIssues(issues) } : { message } };
  return jsonResponse(body, { status, cache: 'none', headers });
}

export const INVALID_PARAMETERS_MESSAGE = 'Paramètres invalides';
export const SERVICE_UNAVAILABLE_MESSAGE = 'Service momentanément indisponible. Réessayez dans quelques instants.';

export function badRequest(issues: readonly FieldIssue[]): Response {
  return errorResponse(400, INVALID_PARAMETERS_MESSAGE, issues);
}

/** A numeric `:id` of the URL, or the 400 « Identifiant invalide » to answer instead. */
export function numericIdParam(raw: string | undefined): { ok: true; id: number } | { ok: false; response: Response } {
  const id = raw ?? '';
  return /^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id))
    ? { ok: true, id: Number(id) }
    : {
        ok: false,
        response: errorResponse(400, 'Identifiant invalide', [{ field: 'id', message: 'Un identifiant numérique.' }]),
      };
}

export function notFound(message: string): Response {
  return errorResponse(404, message);
}

export function serviceUnavailable(message = SERVICE_UNAVAILABLE_MESSAGE): Response {
  return errorResponse(503, message, undefined, { 'Retry-After': '5' });
}

/** The answer to any method other than GET/HEAD on the read-only API. */
export function methodNotAllowed(): Response {
  return errorResponse(405, "Méthode non autorisée : l'API publique est en lecture seule (GET).", undefined, {
    Allow: 'GET, HEAD',
  });
}

/**
 * Runs a loader body and turns any unexpected failure (database unavailable, a bug) into a JSON 503 rather
 * than letting Remix answer a 500 page. Expected outcomes (400, 404) are answered by the handler itself.
 */
export async function guarded(route: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof Response) return error;
    logFault(`api ${route}`, error);
    return serviceUnavailable();
  }
}
