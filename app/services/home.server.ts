import type { SearchEngine } from '../../search/types';
import { emptySearchState } from '~/domain/search/params';
import type { AppContext } from './context.server';
import { getReferenceData } from './reference.server';
import { searchSuppliers } from './supplier-search.server';

// The home page's figures: how many published suppliers, by structure kind and by région, taken from the
// facets of an empty search (one engine call, whose facets the engines keep), plus the number with a verified
// charter (a filtered search, which counts every facet over tens of thousands of matches at 100,000
// suppliers). The figures are reused for a few seconds (see docs/decisions/063-search-page-cost.md).

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

/** How long (ms) computed home figures are served again; the search index itself lags the database by seconds. */
export const HOME_COUNTS_MAX_AGE_MS = 5_000;

const recent = new WeakMap<SearchEngine, { computedAt: number; counts: Promise<HomeCounts> }>();

async function computeHomeCounts(ctx: Pick<AppContext, 'database' | 'search'>): Promise<HomeCounts> {
  const reference = await getReferenceData(ctx.database.db);
  const [all, verified] = await Promise.all([
    searchSuppliers(ctx, { ...emptySearchState(), perPage: 1 }),
    searchSuppliers(ctx, { ...emptySearchState(), charter: ['verified'], perPage: 1 }),
  ]);
  if (!all.ok) {
    return {
      total: null,
      verified: null,
      kinds: [],
      regions: [],
      message: all.error.kind === 'unavailable' ? all.error.message : null,
    };
  }
  const kinds = reference.kinds
    .map((k) => ({ code: k.code, name: k.name, count: all.value.result.facets.kind[k.code] ?? 0 }))
    .filter((k) => k.count > 0);
  const regions = reference.regionsByName
    .map((r) => ({ code: r.code, name: r.name, count: all.value.result.facets.region[r.code] ?? 0 }))
    .filter((r) => r.count > 0);
  return {
    total: all.value.result.total,
    verified: verified.ok ? verified.value.result.total : null,
    kinds,
    regions,
    message: null,
  };
}

/**
 * The home figures, computed at most once per `maxAgeMs` per search engine (0: always computed). A failed
 * computation or an unavailable engine is not kept, so the next request tries again.
 */
export function getHomeCounts(
  ctx: Pick<AppContext, 'database' | 'search'>,
  { maxAgeMs = HOME_COUNTS_MAX_AGE_MS, now = Date.now() }: { maxAgeMs?: number; now?: number } = {},
): Promise<HomeCounts> {
  const kept = recent.get(ctx.search);
  if (kept && maxAgeMs > 0 && now - kept.computedAt < maxAgeMs) return kept.counts;
  const counts = computeHomeCounts(ctx);
  const entry = { computedAt: now, counts };
  recent.set(ctx.search, entry);
  const forget = () => {
    if (recent.get(ctx.search) === entry) recent.delete(ctx.search);
  };
  counts.then((c) => {
    if (c.total === null || c.verified === null) forget();
  }, forget);
  return counts;
}
