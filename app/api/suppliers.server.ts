import type { AppContext } from '~/services/context.server';
import { answerCache, indexVersion } from '~/services/cache/answer-cache.server';
import { searchSuppliers, type SearchHit, type SearchResult } from '~/services/supplier-search.server';
import {
  badRequest,
  jsonTextResponse,
  matchesIfNoneMatch,
  notModified,
  safeJsonStringify,
  serviceUnavailable,
} from './responses.server';

// The bodies of the supplier endpoints, built field by field so that exactly the documented fields go out
// (app/api/openapi.ts describes them; tests/api checks both against each other). The bodies have the
// shape of the search contract's own types: the copies only drop anything an engine might add beyond it.

export function toApiHit(hit: SearchHit): SearchHit {
  const out: SearchHit = {
    id: hit.id,
    slug: hit.slug,
    name: hit.name,
    structureKind: hit.structureKind,
    sectors: [...hit.sectors],
    commune: { code: hit.commune.code, name: hit.commune.name },
    departement: hit.departement,
    region: hit.region,
    charterStatus: hit.charterStatus,
  };
  if (typeof hit.distanceKm === 'number') out.distanceKm = hit.distanceKm;
  if (typeof hit.snippet === 'string' && hit.snippet !== '') out.snippet = hit.snippet;
  return out;
}

export function toApiSearchAnswer(result: SearchResult): SearchResult {
  return {
    hits: result.hits.map(toApiHit),
    total: result.total,
    page: result.page,
    perPage: result.perPage,
    facets: {
      kind: { ...result.facets.kind },
      sector: { ...result.facets.sector },
      departement: { ...result.facets.departement },
      region: { ...result.facets.region },
      label: { ...result.facets.label },
    },
    processingTimeMs: result.processingTimeMs,
  };
}

/**
 * GET /api/v1/suppliers: the answer of a search, with an ETag naming the code and the index version. A conditional
 * request whose ETag still holds gets a 304 without searching; a repeated query is answered from the cache of
 * serialised answers while the index does not change (docs/decisions/303-search-answer-caching.md). Bad parameters
 * (400) and an unavailable engine (503) are never cached.
 */
export async function supplierSearchResponse(
  ctx: Pick<AppContext, 'search' | 'database' | 'env' | 'buildId'>,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const version = await indexVersion(ctx.search);
  const etag = version === null ? null : `W/"${ctx.buildId ?? 'dev'}-${version}"`;
  if (etag && matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) return notModified(etag, 'search');
  const cache = answerCache<string>(ctx.search, 'api-suppliers', ctx.env.SEARCH_CACHE_ENTRIES);
  const key = url.search;
  const cached = version === null ? undefined : cache.get(version, key);
  if (cached !== undefined) return jsonTextResponse(cached, 'search', { ETag: etag! });

  const outcome = await searchSuppliers(ctx, url.searchParams, { unknownParams: 'reject' });
  if (!outcome.ok)
    return outcome.error.kind === 'invalid'
      ? badRequest(outcome.error.issues)
      : serviceUnavailable(outcome.error.message);
  const text = safeJsonStringify(toApiSearchAnswer(outcome.value.result));
  if (version === null) return jsonTextResponse(text, 'dynamic');
  cache.set(version, key, text);
  return jsonTextResponse(text, 'search', { ETag: etag! });
}
