import type { LoaderFunctionArgs } from '@remix-run/node';
import { getAppContext } from '~/services/context.server';
import { readLogo } from '~/services/sheet/logo.server';

// GET /logos/:fileId: a supplier's current logo (docs/decisions/131-uploads-and-logos.md). The name is random
// and never reused, so the answer is cached for a year; a replaced or removed logo is simply not found any
// more. The bytes are the re-encoded image, served with the type found from them and nosniff.

const NOT_FOUND_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { env, database } = await getAppContext();
  const logo = await readLogo(database.db, env.UPLOADS_DIR, params.fileId);
  if (!logo) return new Response('Logo introuvable.', { status: 404, headers: NOT_FOUND_HEADERS });
  const headers = {
    'Content-Type': logo.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    // server.ts adds it to every answer too; repeated here so the route is safe wherever it is mounted.
    'X-Content-Type-Options': 'nosniff',
    ETag: logo.etag,
  };
  if (request.headers.get('If-None-Match') === logo.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(logo.bytes), {
    headers: { ...headers, 'Content-Length': String(logo.bytes.length) },
  });
}
