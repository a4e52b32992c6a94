import { emptySearchState } from '~/domain/search-params';
import type { AppContext } from './context.server';
import { getReferenceData } from './reference.server';
import { searchSuppliers } from './supplier-search.server';

// The home page's figures: how many published suppliers, by structure kind and by région, taken from the
// facets of an empty search (one engine call), plus the number with a verified charter.

export interface HomeCount {
  code: string;
  name: string;
  count: number;
}

export interface HomeCounts {
  /** Null when the search engine is unavailable. */
  total: number | null;
  verified: number | null;
  kinds: HomeCount[];
  regions: HomeCount[];
  message: string | null;
}

export async function getHomeCounts(ctx: Pick<AppContext, 'database' | 'search'>): Promise<HomeCounts> {
  const reference = await getReferenceData(ctx.database.db);
  const [all, verified] = await Promise.all([
    searchSuppliers(ctx, { ...emptySearchState(), perPage: 1 }),
    searchSuppliers(ctx, { ...emptySearchState(), charter: ['verified'], perPage: 1 }),
  ]);
  if (all.kind !== 'ok') {
    return { total: null, verified: null, kinds: [], regions: [], message: all.kind === 'unavailable' ? all.message : null };
  }
  const kinds = reference.kinds
    .map((k) => ({ code: k.code, name: k.name, count: all.result.facets.kind[k.code] ?? 0 }))
    .filter((k) => k.count > 0);
  const regions = [...reference.regions]
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .map((r) => ({ code: r.code, name: r.name, count: all.result.facets.region[r.code] ?? 0 }))
    .filter((r) => r.count > 0);
  return {
    total: all.result.total,
    verified: verified.kind === 'ok' ? verified.result.total : null,
    kinds,
    regions,
    message: null,
  };
}
