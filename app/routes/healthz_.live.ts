// GET /healthz/live: the process is up and its event loop answers (a load balancer's liveness probe). It reads
// neither the database nor the search engine: /healthz says whether they serve (docs/decisions/300).
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
