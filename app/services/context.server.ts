import type { OpenedDatabase } from '../../db/connection';
import { openDatabaseOfRecord } from '../../db/open';
import { createSearchEngine } from '../../search/index';
import type { OutboxWorkerStatus } from '../../search/outbox';
import type { SearchEngine } from '../../search/types';
import { getEnv, type Env } from '../env.server';
import type { RenderedPages } from './cache/rendered-pages.server';
import type { MailWorkerStatus } from './mail/sender.server';

// The process-wide handles the loaders and actions use: one database connection and one search engine,
// opened on first use from the environment. The server (server.ts) and tests may install their own.

export interface AppContext {
  env: Env;
  database: OpenedDatabase;
  search: SearchEngine;
  /** Names the application's code in ETags (server.ts sets the build's version); absent in tests. */
  buildId?: string;
  /** The search outbox worker the server runs (server.ts), for /healthz; absent where none runs. */
  outboxWorker?: { status(): OutboxWorkerStatus };
  /** The mail sender the server runs (server.ts), for /healthz; absent where none runs. */
  mailWorker?: { status(): MailWorkerStatus };
  /** Rendered public pages (decisions 305, 307), set by server.ts when HTML_CACHE_ENTRIES > 0; absent: none kept. */
  renderedPages?: RenderedPages;
  /** In a cluster's worker (scripts/start.ts): which worker this process is, shown by /healthz (decision 332). */
  processInfo?: ProcessInfo;
}

/** A cluster worker's number (1, 2…, a replaced worker gets the next one) and how many workers serve. */
export interface ProcessInfo {
  worker: number;
  workers: number;
}

declare global {
  // Survives module re-evaluation in development (`declare global` needs `var`).
  var __maillageContext: Promise<AppContext> | undefined;
}

export async function createAppContext(env: Env): Promise<AppContext> {
  const database = openDatabaseOfRecord(env);
  const search = createSearchEngine(env, database);
  await search.init();
  return { env, database, search };
}

export function getAppContext(): Promise<AppContext> {
  globalThis.__maillageContext ??= createAppContext(getEnv());
  return globalThis.__maillageContext;
}

export function setAppContext(context: AppContext): void {
  globalThis.__maillageContext = Promise.resolve(context);
}
