import {
  Meilisearch,
  MeilisearchApiError,
  type EnqueuedTaskPromise,
  type Index,
  type IndexSwap,
  type SearchParams,
  type Task,
} from 'meilisearch';
import { formatSnippet, MATCH_END, MATCH_START } from '../snippet';
import { parseQuery } from '../text';
import {
  originOf,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SupplierDocument,
} from '../types';
import {
  buildFilter,
  buildSort,
  distanceKm,
  FACET_ATTRIBUTES,
  toFacetDistribution,
  toMeiliDocument,
  type MeiliSupplierDocument,
} from './mapping';
import { MEILI_SETTINGS } from './settings';

// The Meilisearch engine (used when MEILI_HOST is set). Every write is awaited as a task and a failed
// or cancelled task throws, so the outbox keeps its rows and retries. See docs/decisions/030-033.

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** Milliseconds to wait for one task (document batch, settings, swap). */
  taskTimeoutMs?: number;
  /** Milliseconds for one HTTP request. */
  requestTimeoutMs?: number;
}

export interface MeilisearchEngine extends SearchEngine {
  readonly indexUid: string;
  /** Deletes the index (tests use it to clean up their temporary index). */
  dropIndex(): Promise<void>;
}

/** Private highlight tags, turned into escaped <mark> HTML by search/snippet.ts. */
const PRE_TAG = MATCH_START;
const POST_TAG = MATCH_END;
const SNIPPET_ATTRIBUTES = ['description', 'offers'] as const;
const RETRIEVED: (keyof MeiliSupplierDocument)[] = [
  'id',
  'slug',
  'name',
  'structureKind',
  'sectors',
  'communeCode',
  'communeName',
  'departement',
  'region',
  'charterStatus',
  '_geo',
];
/** Distinct radius values are re-read at least this often, even without a write from this process. */
const RADIUS_CACHE_TTL_MS = 60_000;

function taskFailure(task: Task): Error {
  const reason = task.error ? `${task.error.code}: ${task.error.message}` : 'no error reported';
  return new Error(
    `Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? 'no index'}) ${task.status}: ${reason}`,
  );
}

/** How long the index version read from the server is reused (a change shows in cached answers within it). */
const VERSION_MAX_AGE_MS = 1000;

export function createMeilisearchEngine(options: MeilisearchEngineOptions): MeilisearchEngine {
  const taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey || undefined,
    // A server that hangs must not hold a search or the outbox worker forever.
    timeout: options.requestTimeoutMs ?? 30_000,
    defaultWaitOptions: { timeout: taskTimeoutMs, interval: 50 },
  });
  const indexUid = options.indexUid;
  const index: Index<MeiliSupplierDocument> = client.index<MeiliSupplierDocument>(indexUid);
  let radiusCache: { values: number[]; at: number } | undefined;
  let versionCache: { value: string; at: number } | undefined;

  /** Awaits a task and throws unless it succeeded. */
  async function settle(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const task = await enqueued.waitTask();
    if (task.status !== 'succeeded') throw taskFailure(task);
    return task;
  }

  async function indexExists(uid: string): Promise<boolean> {
    try {
      await client.getRawIndex(uid);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
      throw error;
    }
  }

  async function ensureIndex(uid: string): Promise<void> {
    if (await indexExists(uid)) return;
    const task = await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
    // Another process may have created it in between: that is fine.
    if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') throw taskFailure(task);
  }

  async function applySettings(uid: string): Promise<void> {
    await settle(client.index(uid).updateSettings(MEILI_SETTINGS));
  }

  async function radiusValues(): Promise<number[]> {
    if (radiusCache && Date.now() - radiusCache.at < RADIUS_CACHE_TTL_MS) return radiusCache.values;
    const response = await index.search(null, { limit: 0, facets: ['serviceAreaRadiusKm'] });
    const values = Object.keys(response.facetDistribution?.serviceAreaRadiusKm ?? {})
      .map(Number)
      .filter((r) => Number.isFinite(r) && r > 0)
      .sort((a, b) => a - b);
    radiusCache = { values, at: Date.now() };
    return values;
  }

  function snippetOf(formatted: Partial<MeiliSupplierDocument> | undefined): string | undefined {
    if (!formatted) return undefined;
    for (const attribute of SNIPPET_ATTRIBUTES) {
      const text = formatted[attribute];
      if (typeof text === 'string' && text.includes(PRE_TAG)) return formatSnippet(text);
    }
    return undefined;
  }

  const engine: MeilisearchEngine = {
    name: 'meilisearch',
    indexUid,

    async init() {
      await ensureIndex(indexUid);
      await applySettings(indexUid);
    },

    async search(query: SearchQuery): Promise<SearchResult> {
      const started = performance.now();
      // The same reading of the query as the SQLite engine: a query of stop words only lists everything,
      // and a SIRET or SIREN typed with spaces or dots is one number.
      const words = parseQuery(query.q);
      const hasText = words.length > 0;
      const text = words.length === 1 && words[0].numeric ? words[0].text : (query.q ?? '').trim();
      const radii = query.covers ? await radiusValues() : [];
      const params = {
        page: query.page,
        hitsPerPage: query.perPage,
        filter: buildFilter(query, radii),
        sort: buildSort(query, hasText),
        facets: Object.values(FACET_ATTRIBUTES),
        // The cropped attributes are retrieved too: _formatted only holds retrieved attributes.
        attributesToRetrieve: hasText ? [...RETRIEVED, ...SNIPPET_ATTRIBUTES] : RETRIEVED,
        // Every word must match (like the SQLite engine), typos and prefix of the last word allowed.
        matchingStrategy: 'all',
        ...(hasText
          ? {
              attributesToCrop: [...SNIPPET_ATTRIBUTES],
              cropLength: 24,
              cropMarker: '…',
              attributesToHighlight: [...SNIPPET_ATTRIBUTES],
              highlightPreTag: PRE_TAG,
              highlightPostTag: POST_TAG,
            }
          : {}),
      } satisfies SearchParams;
      const response = await index.search<MeiliSupplierDocument, typeof params>(hasText ? text : null, params);
      const origin = originOf(query);
      const hits = response.hits.map((hit): SearchHit => {
        const result: SearchHit = {
          id: hit.id,
          slug: hit.slug,
          name: hit.name,
          structureKind: hit.structureKind,
          sectors: hit.sectors,
          commune: { code: hit.communeCode, name: hit.communeName },
          departement: hit.departement,
          region: hit.region,
          charterStatus: hit.charterStatus,
        };
        if (origin)
          result.distanceKm = Math.round(distanceKm(origin, { lat: hit._geo.lat, lon: hit._geo.lng }) * 10) / 10;
        const snippet = hasText ? snippetOf(hit._formatted) : undefined;
        if (snippet !== undefined) result.snippet = snippet;
        return result;
      });
      return {
        hits,
        total: response.totalHits,
        page: query.page,
        perPage: query.perPage,
        facets: toFacetDistribution(response.facetDistribution),
        processingTimeMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },

    async upsert(documents: SupplierDocument[]) {
      if (documents.length === 0) return;
      radiusCache = undefined;
      await settle(index.addDocuments(documents.map(toMeiliDocument), { primaryKey: 'id' }));
    },

    async remove(ids: number[]) {
      if (ids.length === 0) return;
      radiusCache = undefined;
      await settle(index.deleteDocuments(ids));
    },

    async rebuild(batches, onProgress) {
      radiusCache = undefined;
      // Fill a temporary index with the same settings, swap it with the live one, delete the old one:
      // searches keep hitting the live index until the swap, which is atomic.
      const temporaryUid = `${indexUid}__rebuild_${Date.now().toString(36)}`;
      await ensureIndex(indexUid);
      await settle(client.createIndex(temporaryUid, { primaryKey: 'id' }));
      let indexed = 0;
      try {
        await applySettings(temporaryUid);
        const temporary = client.index<MeiliSupplierDocument>(temporaryUid);
        // Keep a few batches in flight so Meilisearch can group them, and await each one in order.
        const inFlight: { promise: EnqueuedTaskPromise; size: number }[] = [];
        const settleOldest = async () => {
          const oldest = inFlight.shift();
          if (!oldest) return;
          await settle(oldest.promise);
          indexed += oldest.size;
          onProgress?.(indexed);
        };
        for await (const batch of batches) {
          if (batch.length === 0) continue;
          const promise = temporary.addDocuments(batch.map(toMeiliDocument), { primaryKey: 'id' });
          // Awaited below (settleOldest); this only keeps a rejection from being reported as unhandled
          // while earlier batches are awaited.
          promise.catch(() => undefined);
          inFlight.push({ promise, size: batch.length });
          if (inFlight.length >= 4) await settleOldest();
        }
        while (inFlight.length > 0) await settleOldest();
        // `rename` (Meilisearch 1.18+) defaults to false; leaving it out keeps older 1.x servers working,
        // which reject unknown fields.
        const swap = { indexes: [indexUid, temporaryUid] } as Omit<IndexSwap, 'rename'> as IndexSwap;
        await settle(client.swapIndexes([swap]));
      } catch (error) {
        // Leave the live index untouched and drop the partial one; report the original error.
        await client
          .deleteIndex(temporaryUid)
          .waitTask()
          .catch(() => undefined);
        throw error;
      }
      radiusCache = undefined;
      // After the swap, the temporary uid names the old index.
      const task = await client.deleteIndex(temporaryUid).waitTask();
      if (task.status !== 'succeeded') throw taskFailure(task);
      return indexed;
    },

    async documentCount() {
      try {
        return (await index.getStats()).numberOfDocuments;
      } catch (error) {
        if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return 0;
        throw error;
      }
    },

    async version() {
      // The newest succeeded task of the server: every change to an index (documents, settings, swap, deletion)
      // is a task, and task uids only grow. Read at most once a second, not on every search.
      const now = Date.now();
      if (!versionCache || now - versionCache.at >= VERSION_MAX_AGE_MS) {
        const tasks = await client.tasks.getTasks({ statuses: ['succeeded'], limit: 1 });
        versionCache = { at: now, value: `t${tasks.results[0]?.uid ?? 0}` };
      }
      return versionCache.value;
    },

    async health() {
      try {
        const health = await client.health();
        return health.status === 'available';
      } catch {
        return false;
      }
    },

    async close() {
      // The client holds no connection: fetch requests end on their own.
      radiusCache = undefined;
    },

    async dropIndex() {
      radiusCache = undefined;
      const task = await client.deleteIndex(indexUid).waitTask();
      if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') throw taskFailure(task);
    },
  };
  return engine;
}
