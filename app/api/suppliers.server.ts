import type { SearchHit, SearchResult } from '../../search/types';
import type { PublicSupplierSheet } from '~/services/supplier-sheet.server';

// The bodies of the supplier endpoints, built field by field so that exactly the documented fields go out
// (app/api/openapi.ts describes them; tests/api checks both against each other).

export interface ApiSearchHit {
  id: number;
  slug: string;
  name: string;
  structureKind: string;
  sectors: string[];
  commune: { code: string; name: string };
  departement: string;
  region: string;
  charterStatus: SearchHit['charterStatus'];
  distanceKm?: number;
  snippet?: string;
}

export interface ApiSearchAnswer {
  hits: ApiSearchHit[];
  total: number;
  page: number;
  perPage: number;
  facets: SearchResult['facets'];
  processingTimeMs: number;
}

export function toApiHit(hit: SearchHit): ApiSearchHit {
  const out: ApiSearchHit = {
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

export function toApiSearchAnswer(result: SearchResult): ApiSearchAnswer {
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

export type ApiSupplierSheet = PublicSupplierSheet;
