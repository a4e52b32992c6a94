import { pingDatabase } from '../../db/connection';
import type { AppContext } from './context.server';

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'ok' | 'down';
  search: 'ok' | 'down';
}

/** Checks that the database answers a query and that the search engine is reachable. */
export async function checkHealth(context: Pick<AppContext, 'database' | 'search'>): Promise<HealthReport> {
  const db = (await pingDatabase(context.database.db)) ? ('ok' as const) : ('down' as const);
  const search = await context.search
    .health()
    .then((ok) => (ok ? ('ok' as const) : ('down' as const)))
    .catch(() => 'down' as const);
  return { status: db === 'ok' && search === 'ok' ? 'ok' : 'error', db, search };
}
