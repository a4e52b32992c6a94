import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceProvider } from '~/components/nonce';
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

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = nonceFrom(loadContext);
  // No page streams deferred data (no Suspense): the whole document is rendered, gathered and sent as one body,
  // for browsers and bots alike. One write to the socket instead of one per React chunk, and no stream plumbing
  // per request (docs/decisions/304-page-rendering-cost.md).
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
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
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
