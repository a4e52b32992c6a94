import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { createAppContext, setAppContext, type AppContext } from './app/services/context.server';
import { parseEnv, type Env } from './app/env.server';
import {
  answerClientError,
  answerConnect,
  lastErrorHandler,
  oddRequests,
  pageMethods,
  rootStylesheets,
} from './app/http/request-errors.server';
import { pageCacheRequest, sendKeptPages } from './app/http/rendered-pages.server';
import { contentSecurityPolicy, sameOriginForWrites } from './app/http/security.server';
import { createRenderedPages, type PageCacheRequest } from './app/services/cache/rendered-pages.server';
import { startDailyJobs } from './app/services/jobs/daily-jobs.server';
import { startMailWorker, type MailWorkerStatus } from './app/services/mail/sender.server';
import { createMailTransport } from './app/services/mail/transport.server';
import { startOutboxWorker, type OutboxWorkerStatus } from './search/outbox';
import { databaseLocation } from './db/open';

// HTTP glue: security headers, odd requests (app/http/), static files, the Remix handler, the search outbox worker,
// the mail sender and the daily jobs.

export const BUILD_PATH = path.resolve(import.meta.dirname, 'build/index.js');

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string;
    /** This GET's rendered-page cache key and data mark (app/http/rendered-pages.server.ts), when pages are kept. */
    pageCache?: PageCacheRequest;
  }
}

export interface RunningServer {
  url: string;
  context: AppContext;
  close(): Promise<void>;
}

/** The background work of a site: the search outbox worker, the mail sender and the daily jobs. */
export interface BackgroundWork {
  outboxWorker: { status(): OutboxWorkerStatus };
  mailWorker: { status(): MailWorkerStatus };
  /** Stops the three, each after the run in progress. */
  stop(): Promise<void>;
}

/**
 * Starts the background work on `context` and installs the workers' state in it for /healthz. Exactly one
 * process runs it: the server itself, or the primary of a cluster (scripts/start.ts, docs/decisions/330).
 */
export function startBackgroundWork(
  env: Env,
  context: AppContext,
  options: { clock?: () => Date } = {},
): BackgroundWork {
  // Follows the search change sequence (docs/decisions/320) into this process's engine and its cursor.
  const worker = startOutboxWorker(context.database.db, context.search, {
    intervalMs: 1000,
    database: context.database,
    hints: { path: databaseLocation(env), url: env.MEILI_HOST },
  });
  context.outboxWorker = worker;
  // The mail sender (docs/decisions/084-mail-outbox.md): SMTP when SMTP_URL is set, else .eml files in MAIL_DIR.
  const mailTransport = createMailTransport(env);
  const mailWorker = startMailWorker(context.database.db, mailTransport, {
    intervalMs: 1000,
  });
  context.mailWorker = mailWorker;
  // The daily jobs (decision 144: charter expiry, accounts' housekeeping): at start, then checked every hour.
  const dailyJobs = startDailyJobs(context.database.db, env, { intervalMs: 60 * 60 * 1000, clock: options.clock });
  return {
    outboxWorker: worker,
    mailWorker,
    async stop() {
      await worker.stop();
      await mailWorker.stop();
      await dailyJobs.stop();
      mailTransport.close();
    },
  };
}

/**
 * Starts the HTTP server on env.PORT (0 picks a free port) with the built Remix app. `context` reuses handles
 * the caller already opened (scripts/start.ts), so the search engine's state is not loaded twice at start.
 * `background: false` (a cluster's workers) serves without the background work, which another process runs.
 */
export async function startServer(
  env: Env,
  options: { build?: ServerBuild; context?: AppContext; clock?: () => Date; background?: boolean } = {},
): Promise<RunningServer> {
  const serverBuild: ServerBuild = options.build ?? ((await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild);
  const context = options.context ?? (await createAppContext(env));
  context.buildId = serverBuild.assets.version;
  if (env.HTML_CACHE_ENTRIES > 0) context.renderedPages ??= createRenderedPages(context, env.HTML_CACHE_ENTRIES);
  setAppContext(context);
  const background = options.background === false ? null : startBackgroundWork(env, context, options);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(compression());
  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    // A page may ask for a stricter policy (links that carry a token): Remix's adapter appends headers, so its value
    // would follow the default in one list; it replaces the default instead.
    const append = res.append.bind(res);
    res.append = ((field: string, value?: string | string[]) =>
      field.toLowerCase() === 'referrer-policy' && value !== undefined
        ? res.set(field, value)
        : append(field, value)) as typeof res.append;
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    // Production is served over HTTPS (behind a proxy): browsers keep to HTTPS for a year (docs/decisions/004).
    if (env.NODE_ENV === 'production')
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  const stylesheets = rootStylesheets(serverBuild);
  app.use(oddRequests(stylesheets));
  app.use(sameOriginForWrites);
  app.use(pageMethods(serverBuild, stylesheets));
  const publicDir = path.resolve(import.meta.dirname, 'public');
  app.use('/build', express.static(path.join(publicDir, 'build'), { immutable: true, maxAge: '1y' }));
  // The other public files (favicon, robots.txt) are listed once: a page request does not stat the disk for them.
  const publicFiles = new Set(
    fs
      .readdirSync(publicDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const servePublic = express.static(publicDir, { maxAge: '1h' });
  app.use((req, res, next) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()));
  app.use(sendKeptPages(context.renderedPages));
  app.all(
    '*',
    createRequestHandler({
      build: serverBuild,
      mode: env.NODE_ENV === 'production' ? 'production' : 'development',
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientIp: req.ip ?? '',
        pageCache: pageCacheRequest(res),
      }),
    }),
  );
  app.use(lastErrorHandler(stylesheets, env));

  // A port already in use rejects (the caller reports it and exits; a cluster's primary counts the worker's exit).
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(env.PORT, () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
  server.on('clientError', answerClientError);
  server.on('connect', answerConnect);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return {
    url: `http://localhost:${port}`,
    context,
    async close() {
      await background?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      context.renderedPages?.close();
      await context.search.close();
      await context.database.close();
    },
  };
}

// `tsx server.ts` serves an already migrated database (see scripts/start.ts for the full start).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (!fs.existsSync(BUILD_PATH)) {
    console.error('No build found: run `npm run build` first (or `npm start`, which builds when needed).');
    process.exit(1);
  }
  const running = await startServer(parseEnv());
  console.log(`Maillage écoute sur ${running.url}`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
