import type { SearchHit, SearchResult } from '~/services/supplier-search.server';

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
