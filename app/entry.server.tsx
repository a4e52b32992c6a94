import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceProvider } from '~/components/nonce';
import {
  loaderDataDigest,
  type CacheRenderedPageHandle,
  type PageCacheRequest,
  type RenderedPages,
} from '~/services/cache/rendered-pages.server';
import { getAppContext } from '~/services/context.server';
import { classifyFailure, isNamedCause } from '~/domain/failure';

// Single fetch: how long (ms) a streamed (deferred) answer may take before the render is aborted.
export const streamTimeout = 5_000;

/** The per-request CSP nonce that server.ts puts in the load context (absent when the app runs without it). */
function nonceFrom(loadContext: AppLoadContext): string | undefined {
  const value = (loadContext as { cspNonce?: unknown }).cspNonce;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Remix's error log: one JSON line (method, path, status, reason) for a request-level error (a 404, a 405, a
 * cause with a name such as a full disk), a stack trace only for a real fault. Aborted requests are not logged.
 * Same format as server.ts's (docs/decisions/083-odd-requests-and-error-log.md).
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const url = new URL(request.url);
  const path = `${url.pathname}${url.search}`.slice(0, 200);
  if (isRouteErrorResponse(error) && error.status < 500) {
    const reason = typeof error.data === 'string' ? error.data : error.statusText;
    console.warn(
      JSON.stringify({
        level: 'warn',
        source: 'remix',
        method: request.method,
        path,
        status: error.status,
        reason: reason.slice(0, 300),
      }),
    );
    return;
  }
  const failure = classifyFailure(error);
  console.error(
    JSON.stringify({
      level: 'error',
      source: 'remix',
      method: request.method,
      path,
      status: 500,
      reason: failure.message.slice(0, 300),
    }),
  );
  if (!isNamedCause(failure)) console.error(error);
};

/** What server.ts says of this GET: the rendered-page cache key and the data mark read before the loaders (307). */
function pageCacheFrom(loadContext: AppLoadContext): PageCacheRequest | undefined {
  const value = (loadContext as { pageCache?: PageCacheRequest }).pageCache;
  return value && typeof value.key === 'string' ? value : undefined;
}

/**
 * Whether this page may be served from (and kept in) the rendered pages (decisions 305, 307): a GET of a route that
 * opted in, for a visitor who is not signed in, answered 200 without error and without setting a cookie.
 */
function mayKeep(request: Request, status: number, headers: Headers, context: EntryContext): boolean {
  const handler = context.staticHandlerContext;
  if (request.method !== 'GET' || status !== 200 || handler.errors || headers.has('Set-Cookie')) return false;
  const leaf = handler.matches[handler.matches.length - 1];
  const handle = leaf
    ? (context.routeModules[leaf.route.id]?.handle as CacheRenderedPageHandle | undefined)
    : undefined;
  if (!handle?.cacheRenderedPage) return false;
  const root = handler.loaderData.root as { user?: unknown } | undefined;
  return root !== undefined && root.user === null;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = nonceFrom(loadContext);
  const pageCache = pageCacheFrom(loadContext);
  let pages: RenderedPages | undefined;
  let digest = '';
  if (nonce && pageCache && mayKeep(request, responseStatusCode, responseHeaders, remixContext)) {
    pages = (await getAppContext()).renderedPages;
    digest = loaderDataDigest(remixContext.staticHandlerContext.loaderData);
    const kept = pages?.sameData(pageCache.key, digest, pageCache.mark);
    if (kept) return new Response(pages!.withNonce(kept.html, nonce), { headers: kept.headers, status: 200 });
  }
  // No page streams deferred data (no Suspense): the whole document is rendered, gathered and sent as one body,
  // for browsers and bots alike. One write to the socket instead of one per React chunk, and no stream plumbing
  // per request (docs/decisions/304-page-rendering-cost.md). A page that may be cached is rendered with the nonce
  // placeholder, kept, and sent with this response's nonce (decision 305).
  const renderNonce = pages ? pages.noncePlaceholder : nonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const collector = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        const rendered = Buffer.concat(chunks);
        let body: BodyInit = new Uint8Array(rendered.buffer, rendered.byteOffset, rendered.byteLength);
        if (pages) {
          const html = rendered.toString('utf8');
          if (responseStatusCode === 200)
            pages.keep(pageCache!.key, { headers: [...responseHeaders], html, digest, mark: pageCache!.mark });
          body = pages.withNonce(html, nonce!);
        }
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={renderNonce}>
        <RemixServer context={remixContext} url={request.url} nonce={renderNonce} />
      </NonceProvider>,
      {
        nonce: renderNonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(collector);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is rendered are logged by Remix itself (handleError above).
          if (shellRendered) handleError(error, { request, params: {}, context: loadContext });
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1_000);
  });
}
