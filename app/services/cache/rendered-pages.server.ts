import crypto from 'node:crypto';
import { openChangeMark, type ChangeMark } from '../../../db/change-mark';
import type { OpenedDatabase } from '../../../db/connection';
import type { SearchEngine } from '../../../search/types';
import { LruCache } from './lru';

// Rendered HTML of public pages for visitors who are not signed in (docs/decisions/305-rendered-page-cache.md and
// 307-pages-served-before-remix.md). A page that opts in (its route's `handle` has `cacheRenderedPage: true`) is a
// pure function of its URL and of its loaders' data. Each page is kept under its URL with two validators:
// - the digest of its loaders' data: after the loaders ran, the same digest means the same page (305);
// - the data mark read before those loaders ran (the database's change mark and the search index's version): while
//   the mark is the same, nothing was written, so the page is sent before Remix runs at all, for requests without
//   cookies, at most PAGE_MARK_MAX_AGE_MS after it was last checked (some pages say « clôture dans 2 jours »).
// The HTML is rendered with a placeholder for the CSP nonce, replaced by each response's own nonce when it is sent.

/** Marks a route whose page may be served from the cache (see above). */
export interface CacheRenderedPageHandle {
  cacheRenderedPage?: boolean;
}

/** How long a page may be sent on its mark alone, without its loaders running again. */
export const PAGE_MARK_MAX_AGE_MS = 10_000;

export interface RenderedPage {
  /** The response's headers from Remix (Content-Type, Cache-Control…), never a Set-Cookie. */
  headers: [string, string][];
  /** The document, with the nonce placeholder. */
  html: string;
  digest: string;
  /** The data mark read before the loaders ran; null: never sent without them. */
  mark: string | null;
  /** When the mark was last read (ms since the epoch). */
  checkedAt: number;
}

/** What server.ts hands entry.server for one GET: the cache key and the data mark read before the loaders. */
export interface PageCacheRequest {
  key: string;
  mark: string | null;
}

/** The digest of every loader's data, the validator after the loaders ran. */
export function loaderDataDigest(loaderData: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(loaderData)).digest('base64url');
}

/**
 * One per process, on the application context: server.ts's middleware and entry.server (two copies of this module,
 * the server's and the build's) share it, its nonce placeholder included.
 */
export class RenderedPages {
  /** Unguessable per process, so that no page content can contain it by chance or by design. */
  readonly noncePlaceholder = `maillage-nonce-${crypto.randomBytes(16).toString('hex')}`;
  private readonly pages: LruCache<RenderedPage>;

  constructor(
    maxEntries: number,
    private readonly readMark: () => Promise<string | null>,
    private readonly onClose: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.pages = new LruCache(maxEntries);
  }

  get size(): number {
    return this.pages.size;
  }

  /** The current data mark; null when it cannot be read (the loaders then run and say why). */
  async mark(): Promise<string | null> {
    try {
      return await this.readMark();
    } catch {
      return null;
    }
  }

  /** Whether a page is kept under `key` (its mark is worth reading). */
  holds(key: string): boolean {
    return this.pages.has(key);
  }

  /** Before Remix: the page under `key` if nothing was written since its mark was read, not too long ago. */
  fresh(key: string, mark: string | null): RenderedPage | undefined {
    if (mark === null) return undefined;
    const page = this.pages.get(key);
    if (!page || page.mark !== mark || this.now() - page.checkedAt > PAGE_MARK_MAX_AGE_MS) return undefined;
    return page;
  }

  /** After the loaders: the page under `key` if they gave the same data; it then takes this request's mark. */
  sameData(key: string, digest: string, mark: string | null): RenderedPage | undefined {
    const page = this.pages.get(key);
    if (!page || page.digest !== digest) return undefined;
    if (mark !== null) {
      page.mark = mark;
      page.checkedAt = this.now();
    }
    return page;
  }

  keep(key: string, page: Omit<RenderedPage, 'checkedAt'>): void {
    this.pages.set(key, { ...page, checkedAt: this.now() });
  }

  /** The HTML to send: the placeholder replaced by this response's nonce. */
  withNonce(html: string, nonce: string): string {
    return html.replaceAll(this.noncePlaceholder, nonce);
  }

  close(): void {
    this.pages.clear();
    this.onClose();
  }
}

/**
 * The rendered pages of a site: HTML_CACHE_ENTRIES pages, marked by the database's change mark and the search
 * index's version (an index kept in another file, or Meilisearch, moves on its own).
 */
export function createRenderedPages(
  context: { database: OpenedDatabase; search: SearchEngine },
  maxEntries: number,
): RenderedPages {
  const changes: ChangeMark = openChangeMark(context.database);
  return new RenderedPages(
    maxEntries,
    async () => {
      const database = await changes.read();
      return database === null ? null : `${database}/${await context.search.version()}`;
    },
    () => changes.close(),
  );
}
