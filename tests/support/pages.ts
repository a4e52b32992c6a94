import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { expect } from 'vitest';
import { parseEnv } from '../../app/env.server';
import { setAppContext, type AppContext } from '../../app/services/context.server';

// Calling the pages' loaders and actions directly in the integration tests: requests with a cookie and a
// client address, and the data() answers (or the thrown redirects) read back.

/**
 * The app context the pages read in a test: this database, the default settings (with `uploadsDir` as
 * UPLOADS_DIR when given), and no search engine unless `search` is given.
 */
export function setPageContext(
  database: AppContext['database'],
  options: { uploadsDir?: string; search?: AppContext['search'] } = {},
): void {
  setAppContext({
    env: parseEnv(options.uploadsDir === undefined ? {} : { UPLOADS_DIR: options.uploadsDir }),
    database,
    search: options.search ?? ({} as AppContext['search']),
  } as AppContext);
}

export function postArgs(path: string, fields: Record<string, string>, init: { cookie?: string; ip: string }) {
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
  });
  return { request, params: {}, context: { clientIp: init.ip } } as unknown as ActionFunctionArgs;
}

export function getArgs(path: string, cookie?: string): LoaderFunctionArgs {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { request, params: {}, context: {} } as unknown as LoaderFunctionArgs;
}

/** A data() answer, or the Response it threw (redirects). */
export async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function asData(answer: unknown): { status: number; headers: Headers; data: Record<string, unknown> } {
  const d = answer as { type: string; data: unknown; init: { status?: number; headers?: HeadersInit } | null };
  expect(d.type).toBe('DataWithResponseInit');
  return {
    status: d.init?.status ?? 200,
    headers: new Headers(d.init?.headers),
    data: d.data as Record<string, unknown>,
  };
}
