import { originOf, type SearchHit, type SearchQuery } from '../types';
import type { Statements } from './matches';
import type { QueryPlan } from './query-planner';
import { LIVE } from './schema';
import { snippetOf, wordMatcher } from './snippets';
import type { Store } from './store';

// The hits of a page: their fields read from search_docs, their distance from the reference point, their
// snippet (docs/decisions/014).

interface HitRow {
  id: number;
  slug: string;
  name: string;
  structure_kind: string;
  sectors: string;
  commune_code: string;
  commune_name: string;
  departement: string;
  region: string;
  charter_status: SearchHit['charterStatus'];
  description: string;
  offers: string;
}

const HITS_SQL = `SELECT id, slug, name, structure_kind, sectors, commune_code, commune_name, departement, region,
         charter_status, description, offers
    FROM ${LIVE.docs} WHERE id IN (SELECT value FROM json_each(?))`;

/** The hits of the documents at the given store positions, in that order. */
export function toHits(
  statements: Statements,
  store: Store,
  positions: readonly number[],
  query: SearchQuery,
  plan: QueryPlan | null,
): SearchHit[] {
  if (positions.length === 0) return [];
  const records = positions.map((pos) => ({ id: store.ids[pos], pos }));
  const rows = statements.get(HITS_SQL).all(JSON.stringify(records.map((r) => r.id))) as HitRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const point = originOf(query);
  const distance = point ? store.distanceFn(point) : null;
  const matcher =
    plan && (plan.terms.size > 0 || plan.prefixes.length > 0) ? wordMatcher(plan.terms, plan.prefixes) : null;
  const hits: SearchHit[] = [];
  for (const record of records) {
    const row = byId.get(record.id);
    if (!row) continue;
    const hit: SearchHit = {
      id: row.id,
      slug: row.slug,
      name: row.name,
      structureKind: row.structure_kind,
      sectors: JSON.parse(row.sectors) as string[],
      commune: { code: row.commune_code, name: row.commune_name },
      departement: row.departement,
      region: row.region,
      charterStatus: row.charter_status,
    };
    if (distance) hit.distanceKm = Math.round(distance(record.pos) * 10) / 10;
    if (matcher) {
      const snippet = snippetOf(row.description, matcher) ?? snippetOf(row.offers, matcher);
      if (snippet !== undefined) hit.snippet = snippet;
    }
    hits.push(hit);
  }
  return hits;
}
