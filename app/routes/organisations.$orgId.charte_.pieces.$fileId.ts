import type { LoaderFunctionArgs } from '@remix-run/node';
import { authorize, idParam } from '~/services/auth/authorize.server';
import { readCharterDocument } from '~/services/charter/files.server';
import { getAppContext } from '~/services/context.server';

// GET /organisations/:orgId/charte/pieces/:fileId: a supporting PDF of the charter, for the organisation's
// members and the moderators (organisation.view) only. Always a download (Content-Disposition: attachment),
// never sniffed, never stored by a cache. Decision 140.

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'organisation.view', organisationId });
  const file = await readCharterDocument(ctx.database.db, ctx.env.UPLOADS_DIR, organisationId, params.fileId ?? '');
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
  };
  if (!file)
    return new Response('Document introuvable.', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': contentDisposition(file.name),
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
