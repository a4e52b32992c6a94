import { checkHealth, type HealthReport } from '~/services/health.server';
import { getAppContext } from '~/services/context.server';

// 200 for ok and degraded (the instance still serves pages and the API: a load balancer keeps it), 503 when
// the database or the search engine is down. See docs/decisions/082-outbox-worker-state-and-healthz.md.
export async function loader() {
  const report: HealthReport = await getAppContext()
    .then(checkHealth)
    .catch(() => ({
      status: 'error' as const,
      db: 'down' as const,
      search: 'down' as const,
      outbox: null,
      mail: null,
      jobs: null,
      reasons: ['application non démarrée'],
    }));
  return Response.json(report, {
    status: report.status === 'error' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
}
