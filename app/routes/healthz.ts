import { checkHealth } from '~/services/health.server';
import { getAppContext } from '~/services/context.server';

export async function loader() {
  const report = await getAppContext()
    .then(checkHealth)
    .catch(() => ({ status: 'error' as const, db: 'down' as const, search: 'down' as const }));
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
