import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerBuild } from '@remix-run/node';
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router';
import type express from 'express';
import { databaseLocation } from '../../db/open';
import { classifyFailure, isNamedCause } from '../domain/failure';
import type { Env } from '../env.server';

// Odd requests (docs/decisions/083-odd-requests-and-error-log.md): every one gets a clear 4xx or 501, in JSON
// under /api/v1 and as the site's French error page elsewhere, and one structured log line, never a stack trace.

/** The methods the site knows; Remix answers 405 for those a route does not take, the rest get 501 here. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const MAX_LOGGED_PATH = 200;

const REQUEST_ERROR_TITLES: Record<number, string> = {
  400: 'Requête invalide',
  405: 'Méthode non autorisée',
  414: 'Adresse trop longue',
  431: 'En-têtes trop longs',
  501: 'Méthode non prise en charge',
  503: 'Service momentanément indisponible',
};

function isApiPath(pathname: string): boolean {
  return pathname === '/api/v1' || pathname.startsWith('/api/v1/');
}

/** One JSON line per request-level error: method, path, status and reason; bounded, so a flood stays readable. */
export function logRequestError(entry: { method?: string; path?: string; status: number; reason: string }): void {
  // 501 answers a client's odd method: a request-level error like a 4xx, not a fault of the server.
  const fault = entry.status >= 500 && entry.status !== 501;
  const line = {
    level: fault ? 'error' : 'warn',
    source: 'http',
    method: entry.method?.slice(0, 20),
    path: entry.path?.slice(0, MAX_LOGGED_PATH),
    status: entry.status,
    reason: entry.reason.slice(0, 300),
  };
  (fault ? console.error : console.warn)(JSON.stringify(line));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The French error page for requests that never reach Remix (a malformed address, an unknown method): the same
 * words and links as app/components/error-page.tsx, with the site's stylesheet, and no script.
 */
function errorPageHtml(status: number, message: string, stylesheets: string[]): string {
  const title = REQUEST_ERROR_TITLES[status] ?? 'Une erreur est survenue';
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Maillage</title>${links}</head><body><main id="contenu"><div class="container page error-page"><p class="error-page__code">Erreur ${status}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><h2>Que faire ?</h2><ul class="error-page__links"><li><a href="/">Revenir à l’accueil</a></li><li><a href="/fournisseurs">Rechercher parmi tous les fournisseurs</a></li><li><a href="/charte">Découvrir la charte d’engagement</a></li></ul></div></main></body></html>`;
}

/** The root route's stylesheets (its links()), for the error pages server.ts writes itself. */
export function rootStylesheets(build: ServerBuild): string[] {
  const links = (build.routes.root?.module as { links?: () => { rel?: string; href?: string }[] }).links?.() ?? [];
  return links.filter((l) => l.rel === 'stylesheet' && typeof l.href === 'string').map((l) => l.href as string);
}

function sendRequestError(
  req: express.Request,
  res: express.Response,
  stylesheets: string[],
  status: number,
  message: string,
  reason: string,
  headers: Record<string, string> = {},
): void {
  logRequestError({ method: req.method, path: req.originalUrl, status, reason });
  res.status(status).set({ 'Cache-Control': 'no-store', ...headers });
  if (isApiPath(req.path)) {
    res.set('Access-Control-Allow-Origin', '*').type('application/json; charset=utf-8');
    res.send(JSON.stringify({ error: { message } }));
  } else {
    res.type('text/html; charset=utf-8').send(errorPageHtml(status, message, stylesheets));
  }
}

/** A Host header Remix can build a URL from (it throws on `Host: a b`). */
function validHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return true;
  try {
    return new URL(`http://${host}/`).host !== '';
  } catch {
    return false;
  }
}

/** Refuses, before Remix, what Remix or Express would answer with a 500: unknown methods, bad addresses and hosts. */
export function oddRequests(stylesheets: string[]) {
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!KNOWN_METHODS.has(req.method)) {
      sendRequestError(
        req,
        res,
        stylesheets,
        501,
        `Méthode ${req.method} non prise en charge : le site répond à GET, HEAD et POST.`,
        'unknown method',
        { Allow: 'GET, HEAD, POST' },
      );
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      sendRequestError(
        req,
        res,
        stylesheets,
        400,
        'Adresse mal formée : un « % » n’est pas suivi d’un code valide.',
        'malformed URL',
      );
      return;
    }
    if (pathname.includes('\0')) {
      sendRequestError(req, res, stylesheets, 400, 'Adresse mal formée : caractère nul.', 'NUL in URL');
      return;
    }
    if (!validHost(req.get('host')) || !validHost(req.get('x-forwarded-host'))) {
      sendRequestError(req, res, stylesheets, 400, 'Requête invalide : en-tête Host incorrect.', 'bad Host header');
      return;
    }
    next();
  };
}

type RouteNode = AgnosticRouteObject & { id: string };

/** The build's routes as the tree Remix matches a path against. */
function routeTree(build: Pick<ServerBuild, 'routes'>, parentId?: string): RouteNode[] {
  return Object.values(build.routes)
    .filter((route) => route?.parentId === parentId)
    .map((route) =>
      route!.index
        ? { id: route!.id, index: true, path: route!.path, caseSensitive: route!.caseSensitive }
        : {
            id: route!.id,
            path: route!.path,
            caseSensitive: route!.caseSensitive,
            children: routeTree(build, route!.id),
          },
    );
}

/** Whether the route Remix would run for a path (or its `.data` request) has an action. */
export function postAcceptor(build: Pick<ServerBuild, 'routes'>): (pathname: string) => boolean {
  const tree = routeTree(build);
  return (pathname) => {
    const leaf = matchRoutes(tree, pathname.replace(/\.data$/, ''))?.at(-1)?.route as RouteNode | undefined;
    return Boolean(leaf && build.routes[leaf.id]?.module.action);
  };
}

/**
 * Pages (everything outside /api/v1) take GET and HEAD, and POST where the route Remix would run has an action.
 * Any other request is answered here: Remix's own 405 would carry "did not provide an `action` for route
 * \"routes/…\"" in the page's data, naming a module. Which routes have an action is read from the build, so a
 * page that gets a form action takes POST with nothing to declare here.
 */
export function pageMethods(build: ServerBuild, stylesheets: string[]) {
  const takesPost = postAcceptor(build);
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || isApiPath(req.path)) return next();
    const post = takesPost(req.path);
    if (req.method === 'POST' && post) return next();
    sendRequestError(
      req,
      res,
      stylesheets,
      405,
      post
        ? `Méthode ${req.method} non autorisée ici : cette adresse se consulte (GET) ou reçoit un formulaire (POST).`
        : `Méthode ${req.method} non autorisée ici : cette adresse se consulte (GET).`,
      'method not allowed',
      { Allow: post ? 'GET, HEAD, POST' : 'GET, HEAD' },
    );
  };
}

/** Anything that still reaches Express's error handler: a 4xx it carries, or a fault (logged with its stack). */
export function lastErrorHandler(stylesheets: string[], env: Env) {
  return (error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const carried =
      (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof carried === 'number' && carried >= 400 && carried < 500) {
      sendRequestError(req, res, stylesheets, carried, 'Requête invalide.', (error as Error).message ?? 'bad request');
      return;
    }
    const failure = classifyFailure(error, { path: databaseLocation(env), url: env.MEILI_HOST });
    if (isNamedCause(failure)) {
      sendRequestError(
        req,
        res,
        stylesheets,
        503,
        'Service momentanément indisponible. Réessayez dans quelques instants.',
        failure.message,
        {
          'Retry-After': '5',
        },
      );
      return;
    }
    console.error(error);
    sendRequestError(req, res, stylesheets, 500, 'Le service a rencontré un problème inattendu.', failure.message);
  };
}

/** Requests Node's parser refuses (a method it does not know, a URL or headers too long): a short French answer. */
export function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  logRequestError({ status, reason: error.code ?? 'client error' });
  const body = `${status === 431 ? 'Adresse ou en-têtes trop longs.' : 'Requête invalide.'}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** CONNECT (a proxy request) bypasses Express: answer it 501 and close. */
export function answerConnect(req: IncomingMessage, socket: Duplex): void {
  logRequestError({ method: req.method, path: req.url, status: 501, reason: 'CONNECT' });
  const body = 'Méthode CONNECT non prise en charge : ce serveur n’est pas un mandataire.\n';
  socket.end(
    `HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
