import type { FtsMatcher } from './matches';
import type { RankingStrategy } from './observer';
import type { QueryPlan } from './query-planner';
import { NAME_COLUMNS } from './schema';
import { smallestK, type Store } from './store';

// Relevance order of the SQLite engine (docs/decisions/013): bm25 over every match when they fit the
// budget, else over the name tier only, else the default order; typo-free matches first.

/** A name-tier document always comes before a document that matched elsewhere in the fallback order. */
const OUTSIDE_NAME_TIER = 1e9;

export interface Ranking {
  strategy: Exclude<RankingStrategy, 'none'>;
  /** Ids in bm25 order (all matches, the name tier, or none). */
  ranked: Int32Array;
  bm25Rows: number;
  /** Ids of the name tier when the ranking did not cover every match. */
  nameTier: Int32Array | null;
  /** Ids matching without typos, when the query has typo variants. */
  exact: Int32Array | null;
}

/** Ranks the `matchCount` matches of a plan, ranking at most `bm25Budget` rows with bm25. */
export function rankMatches(plan: QueryPlan, matchCount: number, bm25Budget: number, fts: FtsMatcher): Ranking {
  if (matchCount <= bm25Budget) {
    // Documents matching without typos come first, so bm25 only needs to order those: rank with the
    // expression without typo variants (fewer phrases per row) whenever some document matches it. Its
    // bm25 order is also the list of typo-free matches: no separate query for them.
    let ranked = plan.exactExpression ? fts.bm25Order(plan.exactExpression) : new Int32Array(0);
    const exact = plan.exactExpression === null ? null : ranked;
    if (ranked.length === 0) ranked = fts.bm25Order(plan.expression);
    return { strategy: 'bm25-full', ranked, bm25Rows: ranked.length, nameTier: null, exact };
  }
  // Too broad to rank every match (nor to list the typo-free ones separately: that would be a second
  // broad FTS5 query). A match in the name ranks first anyway (weight 10), so the name tier of the
  // typo-free expression is ranked with bm25 if it fits the budget; every other match follows in the
  // default order.
  const tierExpression = plan.exactExpression ? plan.exactExpression : plan.expression;
  const nameExpression = `${NAME_COLUMNS} : (${tierExpression})`;
  const nameTier = fts.matchIds(nameExpression);
  return nameTier.length <= bm25Budget
    ? {
        strategy: 'bm25-name-tier',
        ranked: fts.bm25Order(nameExpression),
        bm25Rows: nameTier.length,
        nameTier,
        exact: null,
      }
    : { strategy: 'default-order', ranked: new Int32Array(0), bm25Rows: 0, nameTier, exact: null };
}

/** The first `need` filtered matches (store positions) in relevance order. */
export function relevanceOrder(store: Store, ranking: Ranking, filtered: readonly number[], need: number): number[] {
  const size = store.positions;
  const inFiltered = new Uint8Array(size);
  for (const p of filtered) inFiltered[p] = 1;
  const maskOf = (ids: Int32Array | null): Uint8Array | null => {
    if (!ids) return null;
    const mask = new Uint8Array(size);
    for (const id of ids) {
      const p = store.posOf(id);
      if (p >= 0) mask[p] = 1;
    }
    return mask;
  };
  const exactMask = maskOf(ranking.exact);
  const nameMask = maskOf(ranking.nameTier);
  const listRank = store.listRank;
  const taken = new Uint8Array(size);
  const out: number[] = [];
  // Matches without typos first (Meilisearch's "typo" rule), then the others.
  const groups: ((p: number) => boolean)[] = exactMask
    ? [(p) => exactMask[p] === 1, (p) => exactMask[p] === 0]
    : [() => true];
  for (const inGroup of groups) {
    for (const id of ranking.ranked) {
      const p = store.posOf(id);
      if (p < 0 || inFiltered[p] === 0 || taken[p] === 1 || !inGroup(p)) continue;
      taken[p] = 1;
      out.push(p);
      if (out.length >= need) return out;
    }
    const rest = filtered.filter((p) => taken[p] === 0 && inGroup(p));
    const key = nameMask
      ? (p: number) => (nameMask[p] === 1 ? 0 : OUTSIDE_NAME_TIER) + listRank[p]
      : (p: number) => listRank[p];
    for (const p of smallestK(rest, need - out.length, key)) {
      taken[p] = 1;
      out.push(p);
    }
    if (out.length >= need) return out;
  }
  return out;
}
