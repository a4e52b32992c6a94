import type { LoaderFunctionArgs } from '@remix-run/node';
import { idParam } from '~/services/auth/authorize.server';
import { authorizeBid } from '~/services/bids/access.server';
import { readBidDocument } from '~/services/bids/checklist.server';
import { getAppContext } from '~/services/context.server';

// GET /reponses/:bidId/pieces/:itemId/fichier: the PDF of a checklist item (decision 246), for the bid's
// members and, once the bid is opened (submitted, deadline passed), the buyer: bid.view. Always a download
// (Content-Disposition: attachment), never sniffed, never stored by a cache.

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const bidId = idParam(params.bidId);
  const itemId = idParam(params.itemId);
  const ctx = await getAppContext();
  const { setCookie } = await authorizeBid({ request, context }, ctx, bidId, 'bid.view');
  const file = await readBidDocument(ctx.database.db, ctx.env.UPLOADS_DIR, bidId, itemId);
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
