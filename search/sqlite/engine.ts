import type SQLite from 'better-sqlite3';
import { indexText, isStopWord, nameSortKey, parseQuery, SYNONYM_GROUPS, tokenize, type QueryWord } from '../text';
import {
  originOf,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SupplierDocument,
} from '../types';
import {
  BM25_WEIGHTS,
  createDocsTable,
  createFtsTable,
  createMetaTable,
  createStoreIndex,
  createVocabTable,
  dropTables,
  FTS_COLUMNS,
  LAYOUT_VERSION,
  LIVE,
  META,
  NAME_COLUMNS,
  NEXT,
  STORE_COLUMNS,
  tableExists,
} from './schema';
import { snippetOf, wordMatcher } from './snippets';
import { smallestK, Store, type StoreRow } from './store';
import { Vocabulary } from './vocabulary';

// The embedded search engine: SQLite FTS5 in the application's database file (see DESIGN.md "Search" and
// docs/decisions/010-014). FTS5 finds the matching ids; an in-memory copy of the facet and geo fields
// filters them, counts the facets and orders them; bm25 ranks at most `bm25Budget` rows per query.

export interface SqliteEngineOptions {
  /**
   * Largest number of rows ranked with bm25 in one query. A broader match ranks its name matches (or, if
   * there are too many of those too, nothing) with bm25 and orders the rest by the default order.
   */
  bm25Budget?: number;
  /** Number of distinct query expressions whose matches and ranking are cached (until the index changes). */
  cacheSize?: number;
}

export type RankingStrategy = 'none' | 'bm25-full' | 'bm25-name-tier' | 'default-order';

/** How the last search was answered (for the bench). */
export interface SqliteSearchStats {
  matches: number;
  strategy: RankingStrategy;
  bm25Rows: number;
  /** The expression's matches (and ranking, if needed) came from the cache. */
  cached: boolean;
  /** Milliseconds per phase: query words and typo variants, FTS5 matches, filters, ordering (bm25
   * included), facet counts, hits and snippets. */
  phases: Record<Phase, number>;
}

export type Phase = 'plan' | 'match' | 'filter' | 'order' | 'facets' | 'hits';
export const PHASES: Phase[] = ['plan', 'match', 'filter', 'order', 'facets', 'hits'];
const noPhases = (): Record<Phase, number> => ({ plan: 0, match: 0, filter: 0, order: 0, facets: 0, hits: 0 });

export interface SqliteEngine extends SearchEngine {
  lastStats(): SqliteSearchStats;
  /** Forgets cached matches, rankings and typo expansions (the bench measures cold queries with it). */
  clearCaches(): void;
  /** Number of indexed documents. */
  count(): number;
}

const DEFAULT_BM25_BUDGET = 2_000;
const DEFAULT_CACHE_SIZE = 64;
/** A name-tier document always comes before a document that matched elsewhere in the fallback order. */
const OUTSIDE_NAME_TIER = 1e9;

interface FtsRow {
  id: number;
  name: string;
  trade_name: string;
  sectors: string;
  offers: string;
  place: string;
  codes: string;
  description: string;
}

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

interface DocRow extends StoreRow {
  slug: string;
  name: string;
  commune_name: string;
  description: string;
  offers: string;
}

interface QueryPlan {
  /** FTS5 expression with every variant (exact, typos, prefix). */
  expression: string;
  /** The same without typo variants, or null when the query has none. */
  exactExpression: string | null;
  /** Words that count as matches in snippets. */
  terms: Set<string>;
  prefixes: string[];
}

interface Ranking {
  strategy: RankingStrategy;
  /** Ids in bm25 order (all matches, the name tier, or none). */
  ranked: Int32Array;
  bm25Rows: number;
  /** Ids of the name tier when the ranking did not cover every match. */
  nameTier: Int32Array | null;
  /** Ids matching without typos, when the query has typo variants. */
  exact: Int32Array | null;
}

interface CacheEntry {
  matches: Int32Array;
  ranking?: Ranking;
}

/** Parses SQLite's group_concat of integer ids ("1,5,9") without building intermediate strings. */
function parseIds(list: string | null | undefined): Int32Array {
  if (!list) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) count++;
  const out = new Int32Array(count);
  let n = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      out[n++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (c === 45) {
      negative = true;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  out[n++] = negative ? -value : value;
  return out;
}

/**
 * The trade synonyms of search/text.ts (one list for both engines), normalised: each phrase
 * ("espaces verts", "ménage") maps to the other phrases of its group, as lists of words.
 */
const SYNONYMS: ReadonlyMap<string, string[][]> = (() => {
  const map = new Map<string, string[][]>();
  for (const groupWords of SYNONYM_GROUPS) {
    const phrases = groupWords.map((p) => tokenize(p).filter((t) => !isStopWord(t))).filter((p) => p.length > 0);
    for (const phrase of phrases) {
      const key = phrase.join(' ');
      const others = phrases.filter((o) => o.join(' ') !== key);
      map.set(key, [...(map.get(key) ?? []), ...others]);
    }
  }
  return map;
})();

function quote(term: string): string {
  // Query words are letters and digits only (see search/text.ts), so quoting cannot be escaped from.
  return `"${term.replace(/"/g, '""')}"`;
}

function toDocRow(doc: SupplierDocument): DocRow {
  const finite = (n: number) => (Number.isFinite(n) ? n : 0);
  return {
    id: doc.id,
    slug: doc.slug,
    name: doc.name,
    name_key: nameSortKey(doc.name),
    structure_kind: doc.structureKind,
    sectors: JSON.stringify(doc.sectors),
    labels: JSON.stringify(doc.labels),
    commune_code: doc.communeCode,
    commune_name: doc.communeName,
    departement: doc.departement,
    region: doc.region,
    charter_status: doc.charterStatus,
    lat: finite(doc.lat),
    lon: finite(doc.lon),
    area_national: doc.serviceArea.national ? 1 : 0,
    area_regions: JSON.stringify(doc.serviceArea.regions),
    area_departements: JSON.stringify(doc.serviceArea.departements),
    area_communes: JSON.stringify(doc.serviceArea.communes),
    area_radius_km: doc.serviceArea.radiusKm,
    description: doc.description,
    offers: doc.offers,
  };
}

function toFtsRow(doc: SupplierDocument): FtsRow {
  const digits = doc.siret.replace(/\D/g, '');
  const codes = [digits, digits.length === 14 ? digits.slice(0, 9) : '', (doc.postcode ?? '').replace(/\s/g, '')];
  return {
    id: doc.id,
    name: indexText(doc.name),
    trade_name: indexText(doc.tradeName),
    sectors: indexText([...doc.sectorNames, doc.structureKindName, ...doc.labelNames].join(' \n ')),
    offers: indexText(doc.offers),
    place: indexText(doc.communeName),
    codes: indexText(codes.filter(Boolean).join(' ')),
    description: indexText(doc.description),
  };
}

const DOC_COLUMNS = [
  'id',
  'slug',
  'name',
  'name_key',
  'structure_kind',
  'sectors',
  'labels',
  'commune_code',
  'commune_name',
  'departement',
  'region',
  'charter_status',
  'lat',
  'lon',
  'area_national',
  'area_regions',
  'area_departements',
  'area_communes',
  'area_radius_km',
  'description',
  'offers',
] as const;
const FTS_COLUMN_NAMES = FTS_COLUMNS.map((c) => c.name);

class Writer {
  private readonly deleteFts: SQLite.Statement;
  private readonly insertFts: SQLite.Statement;
  private readonly upsertDoc: SQLite.Statement;
  private readonly deleteDoc: SQLite.Statement;

  constructor(sqlite: SQLite.Database, tables: { docs: string; fts: string }) {
    this.deleteFts = sqlite.prepare(`DELETE FROM ${tables.fts} WHERE rowid = ?`);
    this.insertFts = sqlite.prepare(
      `INSERT INTO ${tables.fts} (rowid, ${FTS_COLUMN_NAMES.join(', ')}) VALUES (@id, ${FTS_COLUMN_NAMES.map((c) => `@${c}`).join(', ')})`,
    );
    this.upsertDoc = sqlite.prepare(
      `INSERT OR REPLACE INTO ${tables.docs} (${DOC_COLUMNS.join(', ')}) VALUES (${DOC_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.deleteDoc = sqlite.prepare(`DELETE FROM ${tables.docs} WHERE id = ?`);
  }

  upsert(doc: DocRow, fts: FtsRow): void {
    this.deleteFts.run(doc.id);
    this.insertFts.run(fts);
    this.upsertDoc.run(doc);
  }

  remove(id: number): void {
    this.deleteFts.run(id);
    this.deleteDoc.run(id);
  }
}

export function createSqliteEngine(sqlite: SQLite.Database, options: SqliteEngineOptions = {}): SqliteEngine {
  const bm25Budget = options.bm25Budget ?? DEFAULT_BM25_BUDGET;
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  const store = new Store();
  const vocabulary = new Vocabulary();
  const cache = new Map<string, CacheEntry>();
  let generation = -1;
  let initialised = false;
  let rebuilding = false;
  let stats: SqliteSearchStats = { matches: 0, strategy: 'none', bm25Rows: 0, cached: false, phases: noPhases() };

  // Statements are prepared on first use: the tables exist only after init().
  const statements = new Map<string, SQLite.Statement>();
  function stmt(sql: string): SQLite.Statement {
    let s = statements.get(sql);
    if (!s) {
      s = sqlite.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  }

  function readGeneration(): number {
    return stmt(`SELECT value FROM ${META} WHERE key = 'generation'`).pluck().get() as number;
  }

  function bumpGeneration(): number {
    return stmt(`UPDATE ${META} SET value = value + 1 WHERE key = 'generation' RETURNING value`)
      .pluck()
      .get() as number;
  }

  function createLiveTables(): void {
    createMetaTable(sqlite);
    createDocsTable(sqlite, LIVE.docs);
    createStoreIndex(sqlite);
    createFtsTable(sqlite, LIVE.fts);
    createVocabTable(sqlite);
  }

  /** Reloads the in-memory store and vocabulary from the tables. */
  function reload(): void {
    sqlite.transaction(() => {
      generation = readGeneration();
      store.load(
        stmt(`SELECT ${STORE_COLUMNS.join(', ')} FROM ${LIVE.docs} ORDER BY id`).iterate() as Iterable<StoreRow>,
      );
      // Numbers match exactly, so only words with a letter are needed for typo tolerance. Digits sort
      // before letters: the range skips the doclists of the SIRET, SIREN and postcode terms entirely.
      vocabulary.load(stmt(`SELECT term FROM ${LIVE.vocab} WHERE term >= 'a'`).pluck().iterate() as Iterable<string>);
    })();
    store.ensureRanks();
    cache.clear();
  }

  function ensureFresh(): void {
    if (!initialised) throw new Error('The SQLite search engine is not initialised: call init() first.');
    if (readGeneration() !== generation) reload();
  }

  /** Applies a write to the live tables (and to the tables of a rebuild in progress), then to memory. */
  function write(apply: (writers: Writer[]) => void, applyToMemory: () => void): void {
    if (!initialised) throw new Error('The SQLite search engine is not initialised: call init() first.');
    const newGeneration = sqlite.transaction(() => {
      const writers = [new Writer(sqlite, LIVE)];
      // A rebuild in progress (in this process or another) must not lose this change when it swaps.
      if (tableExists(sqlite, NEXT.docs) && tableExists(sqlite, NEXT.fts)) writers.push(new Writer(sqlite, NEXT));
      apply(writers);
      return bumpGeneration();
    })();
    cache.clear();
    if (newGeneration === generation + 1) {
      applyToMemory();
      generation = newGeneration;
      // Replaced documents leave retired positions behind: compact by reloading once they dominate.
      if (store.positions > 2 * store.size + 10_000) reload();
    } else {
      // Another process wrote in between: read everything again.
      reload();
    }
  }

  function idList(sql: string, expression: string): Int32Array {
    return parseIds(stmt(sql).pluck().get(expression) as string | null);
  }

  function matchIds(expression: string): Int32Array {
    return idList(`SELECT group_concat(rowid) FROM ${LIVE.fts} WHERE ${LIVE.fts} MATCH ?`, expression);
  }

  function bm25Order(expression: string): Int32Array {
    return idList(
      `WITH ranked AS MATERIALIZED (
         SELECT rowid AS id, bm25(${LIVE.fts}, ${BM25_WEIGHTS}) AS score FROM ${LIVE.fts} WHERE ${LIVE.fts} MATCH ?
       )
       SELECT group_concat(id, ',' ORDER BY score, id) FROM ranked`,
      expression,
    );
  }

  /** The FTS5 expression of the query words, or null when one word can match nothing. */
  function plan(words: QueryWord[]): QueryPlan | null {
    const parts: string[] = [];
    const exactParts: string[] = [];
    const terms = new Set<string>();
    const prefixes: string[] = [];
    let hasTypos = false;

    /** Alternatives of one word: itself, its prefix (last word), its typo variants. */
    function alternativesOf(word: QueryWord): { all: string[]; exact: string[] } {
      const all: string[] = [];
      const exact: string[] = [];
      if (word.numeric) {
        all.push(quote(word.text));
        exact.push(quote(word.text));
        return { all, exact };
      }
      terms.add(word.text);
      if (word.prefix) {
        // The prefix query also matches the word itself.
        all.push(`${quote(word.text)}*`);
        exact.push(`${quote(word.text)}*`);
        prefixes.push(word.text);
      } else if (vocabulary.has(word.text)) {
        all.push(quote(word.text));
        exact.push(quote(word.text));
      }
      for (const variant of vocabulary.typoVariants(word.text, word.maxTypos)) {
        all.push(quote(variant.term));
        terms.add(variant.term);
        hasTypos = true;
      }
      return { all, exact };
    }

    /** Synonym phrases whose every word is indexed, as FTS5 alternatives. */
    function synonymAlternatives(key: string): string[] {
      const out: string[] = [];
      for (const phrase of SYNONYMS.get(key) ?? []) {
        if (!phrase.every((t) => vocabulary.has(t))) continue;
        for (const t of phrase) terms.add(t);
        out.push(phrase.length === 1 ? quote(phrase[0]) : `(${phrase.map(quote).join(' AND ')})`);
      }
      return out;
    }

    const group = (alternatives: string[]) => (alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '');
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const next = words[i + 1];
      const pairKey = next && !word.numeric && !next.numeric ? `${word.text} ${next.text}` : null;
      if (pairKey && SYNONYMS.has(pairKey)) {
        // A two-word phrase with synonyms ("espaces verts" ~ "paysagiste"): both words, or a synonym.
        const first = alternativesOf(word);
        const second = alternativesOf(next);
        const synonyms = synonymAlternatives(pairKey);
        const both =
          first.all.length > 0 && second.all.length > 0 ? [`(${group(first.all)} AND ${group(second.all)})`] : [];
        const bothExact =
          first.exact.length > 0 && second.exact.length > 0
            ? [`(${group(first.exact)} AND ${group(second.exact)})`]
            : [];
        const all = [...both, ...synonyms];
        if (all.length === 0) return null;
        parts.push(group(all));
        exactParts.push(group([...bothExact, ...synonyms]));
        i++;
        continue;
      }
      const { all, exact } = alternativesOf(word);
      const synonyms = word.numeric ? [] : synonymAlternatives(word.text);
      if (all.length + synonyms.length === 0) return null;
      parts.push(group([...all, ...synonyms]));
      exactParts.push(group([...exact, ...synonyms]));
    }
    const exactPossible = exactParts.every((p) => p !== '');
    return {
      expression: parts.join(' AND '),
      exactExpression: hasTypos ? (exactPossible ? exactParts.join(' AND ') : '') : null,
      terms,
      prefixes,
    };
  }

  function cached(expression: string): { entry: CacheEntry; hit: boolean } {
    const entry = cache.get(expression);
    if (entry) {
      cache.delete(expression);
      cache.set(expression, entry);
      return { entry, hit: true };
    }
    const fresh: CacheEntry = { matches: matchIds(expression) };
    cache.set(expression, fresh);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return { entry: fresh, hit: false };
  }

  function rank(p: QueryPlan, entry: CacheEntry): Ranking {
    if (entry.ranking) return entry.ranking;
    let ranking: Ranking;
    if (entry.matches.length <= bm25Budget) {
      // Documents matching without typos come first, so bm25 only needs to order those: rank with the
      // expression without typo variants (fewer phrases per row) whenever some document matches it. Its
      // bm25 order is also the list of typo-free matches: no separate query for them.
      let ranked = p.exactExpression ? bm25Order(p.exactExpression) : new Int32Array(0);
      const exact = p.exactExpression === null ? null : ranked;
      if (ranked.length === 0) ranked = bm25Order(p.expression);
      ranking = { strategy: 'bm25-full', ranked, bm25Rows: ranked.length, nameTier: null, exact };
    } else {
      // Too broad to rank every match (nor to list the typo-free ones separately: that would be a second
      // broad FTS5 query). A match in the name ranks first anyway (weight 10), so the name tier of the
      // typo-free expression is ranked with bm25 if it fits the budget; every other match follows in the
      // default order.
      const tierExpression = p.exactExpression ? p.exactExpression : p.expression;
      const nameExpression = `${NAME_COLUMNS} : (${tierExpression})`;
      const nameTier = matchIds(nameExpression);
      ranking =
        nameTier.length <= bm25Budget
          ? {
              strategy: 'bm25-name-tier',
              ranked: bm25Order(nameExpression),
              bm25Rows: nameTier.length,
              nameTier,
              exact: null,
            }
          : { strategy: 'default-order', ranked: new Int32Array(0), bm25Rows: 0, nameTier, exact: null };
    }
    entry.ranking = ranking;
    return ranking;
  }

  /** The first `need` filtered matches (store positions) in relevance order. */
  function relevanceOrder(ranking: Ranking, filtered: readonly number[], need: number): number[] {
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

  function toHits(positions: number[], query: SearchQuery, p: QueryPlan | null): SearchHit[] {
    if (positions.length === 0) return [];
    const records = positions.map((pos) => ({ id: store.ids[pos], pos }));
    const rows = stmt(
      `SELECT id, slug, name, structure_kind, sectors, commune_code, commune_name, departement, region, charter_status,
              description, offers
         FROM ${LIVE.docs} WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(records.map((r) => r.id))) as HitRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const point = originOf(query);
    const distance = point ? store.distanceFn(point) : null;
    const matcher = p && (p.terms.size > 0 || p.prefixes.length > 0) ? wordMatcher(p.terms, p.prefixes) : null;
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

  function search(query: SearchQuery): SearchResult {
    const started = performance.now();
    ensureFresh();
    store.ensureRanks();
    const phases = noPhases();
    let mark = performance.now();
    const lap = (phase: Phase) => {
      const now = performance.now();
      phases[phase] += now - mark;
      mark = now;
    };
    const words = parseQuery(query.q);
    const predicate = store.predicate(query);
    const perPage = Math.max(1, Math.floor(query.perPage));
    const page = Math.max(1, Math.floor(query.page));
    const start = (page - 1) * perPage;
    const need = start + perPage;
    const point = originOf(query);
    const sort = query.sort ?? 'relevance';

    let p: QueryPlan | null = null;
    let entry: CacheEntry | null = null;
    let filtered: readonly number[];
    let inDefaultOrder = true;
    stats = { matches: 0, strategy: 'none', bm25Rows: 0, cached: false, phases };
    if (words.length === 0) {
      lap('plan');
      if (predicate) {
        // Positions follow ids: a sequential pass over the columns, ordered below.
        const found: number[] = [];
        const { alive, positions } = store;
        for (let pos = 0; pos < positions; pos++) if (alive[pos] === 1 && predicate(pos)) found.push(pos);
        filtered = found;
        inDefaultOrder = false;
      } else {
        // Every document, already in the default order.
        filtered = store.inListOrder();
      }
      stats.matches = store.size;
      lap('filter');
    } else {
      p = plan(words);
      lap('plan');
      const found: number[] = [];
      filtered = found;
      if (p) {
        const fromCache = cached(p.expression);
        entry = fromCache.entry;
        stats.cached = fromCache.hit;
        stats.matches = entry.matches.length;
        lap('match');
        for (const id of entry.matches) {
          const pos = store.posOf(id);
          if (pos >= 0 && (!predicate || predicate(pos))) found.push(pos);
        }
        lap('filter');
      }
    }

    let pageRecords: number[] = [];
    if (start < filtered.length) {
      let ordered: readonly number[];
      const { nameRank, listRank } = store;
      if (sort === 'name') {
        ordered = smallestK(filtered, need, (pos) => nameRank[pos]);
      } else if (sort === 'distance' && point) {
        const distance = store.distanceFn(point);
        // Metres, then the default order among equally distant suppliers (same commune).
        ordered = smallestK(filtered, need, (pos) => Math.round(distance(pos) * 1000) * 1e7 + listRank[pos]);
      } else if (p && entry) {
        const hadRanking = entry.ranking !== undefined;
        const ranking = rank(p, entry);
        stats.strategy = ranking.strategy;
        stats.bm25Rows = hadRanking ? 0 : ranking.bm25Rows;
        ordered = relevanceOrder(ranking, filtered, need);
      } else {
        ordered = inDefaultOrder ? filtered.slice(0, need) : smallestK(filtered, need, (pos) => listRank[pos]);
      }
      pageRecords = ordered.slice(start, need);
    }
    lap('order');
    // Without text nor filter (the search page as it opens), every query counts the same documents.
    const facets = words.length === 0 && !predicate ? store.facetsOfAll() : store.facets(filtered);
    lap('facets');
    const hits = toHits(pageRecords, query, p);
    lap('hits');

    return {
      hits,
      total: filtered.length,
      page,
      perPage,
      facets,
      processingTimeMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  const engine: SqliteEngine = {
    name: 'sqlite',

    async init() {
      sqlite.transaction(() => {
        createMetaTable(sqlite);
        const layout = sqlite.prepare(`SELECT value FROM ${META} WHERE key = 'layout'`).pluck().get() as
          number | undefined;
        if (layout !== undefined && layout !== LAYOUT_VERSION) {
          // An index of another layout is derived data: drop it; the caller rebuilds it from the database.
          dropTables(sqlite, [LIVE.vocab, LIVE.fts, LIVE.docs, NEXT.fts, NEXT.docs]);
        }
        createLiveTables();
        sqlite.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('layout', ?)`).run(LAYOUT_VERSION);
      })();
      statements.clear();
      initialised = true;
      reload();
    },

    async search(query) {
      return search(query);
    },

    async upsert(documents) {
      if (documents.length === 0) return;
      const rows = documents.map((doc) => ({ doc: toDocRow(doc), fts: toFtsRow(doc) }));
      write(
        (writers) => {
          for (const { doc, fts } of rows) for (const writer of writers) writer.upsert(doc, fts);
        },
        () => {
          for (const { doc, fts } of rows) {
            store.upsert(doc);
            const words = [fts.name, fts.trade_name, fts.sectors, fts.offers, fts.place, fts.description].join(' ');
            vocabulary.add(words.split(' ').filter((t) => t.length > 0 && /\D/.test(t)));
          }
        },
      );
    },

    async remove(ids) {
      if (ids.length === 0) return;
      write(
        (writers) => {
          for (const id of ids) for (const writer of writers) writer.remove(id);
        },
        () => {
          // Words of removed documents stay in the vocabulary until the next reload: a typo variant
          // without documents matches nothing, so results are unaffected.
          for (const id of ids) store.remove(id);
        },
      );
    },

    async rebuild(batches, onProgress) {
      if (!initialised) throw new Error('The SQLite search engine is not initialised: call init() first.');
      if (rebuilding) throw new Error('A rebuild of the search index is already running.');
      rebuilding = true;
      let indexed = 0;
      try {
        sqlite.transaction(() => {
          dropTables(sqlite, [NEXT.fts, NEXT.docs]);
          createDocsTable(sqlite, NEXT.docs);
          createFtsTable(sqlite, NEXT.fts);
        })();
        const writer = new Writer(sqlite, NEXT);
        try {
          for await (const batch of batches) {
            const rows = batch.map((doc) => ({ doc: toDocRow(doc), fts: toFtsRow(doc) }));
            sqlite.transaction(() => {
              for (const { doc, fts } of rows) writer.upsert(doc, fts);
            })();
            indexed += batch.length;
            onProgress?.(indexed);
          }
          // Merge the new index into one segment: faster queries from the first search on.
          sqlite.prepare(`INSERT INTO ${NEXT.fts} (${NEXT.fts}) VALUES ('optimize')`).run();
          // The swap: searches see either the old tables or the new ones, never a half-built index.
          sqlite.transaction(() => {
            dropTables(sqlite, [LIVE.vocab, LIVE.fts, LIVE.docs]);
            sqlite.exec(`ALTER TABLE ${NEXT.fts} RENAME TO ${LIVE.fts}`);
            sqlite.exec(`ALTER TABLE ${NEXT.docs} RENAME TO ${LIVE.docs}`);
            createStoreIndex(sqlite);
            createVocabTable(sqlite);
            bumpGeneration();
          })();
        } catch (error) {
          sqlite.transaction(() => dropTables(sqlite, [NEXT.fts, NEXT.docs]))();
          throw error;
        }
      } finally {
        rebuilding = false;
      }
      statements.clear();
      reload();
      return indexed;
    },

    async documentCount() {
      return engine.count();
    },

    async health() {
      try {
        return initialised && readGeneration() >= 0;
      } catch {
        return false;
      }
    },

    async close() {
      statements.clear();
      cache.clear();
      initialised = false;
    },

    lastStats() {
      return { ...stats, phases: { ...stats.phases } };
    },

    clearCaches() {
      cache.clear();
      vocabulary.clearCache();
    },

    count() {
      ensureFresh();
      return store.size;
    },
  };
  return engine;
}
