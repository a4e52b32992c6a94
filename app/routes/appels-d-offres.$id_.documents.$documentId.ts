import type { LoaderFunctionArgs } from '@remix-run/node';
import { getAppContext } from '~/services/context.server';
import { downloadTenderDocument } from '~/services/tenders/documents.server';

// GET /appels-d-offres/:id/documents/:documentId: a tender's document (decision 255). Anyone for a public tender
// (published, closed, awarded, or cancelled after publication); the buyer's members and the moderators for the
// others; everybody else a 404, as the public page. Always a download (attachment), never sniffed, sandboxed.

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const ID = /^[1-9]\d{0,15}$/;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const notFound = (setCookie: string | null) =>
    new Response('Document introuvable.', {
      status: 404,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
      },
    });
  if (!ID.test(params.id ?? '') || !ID.test(params.documentId ?? '')) return notFound(null);
  const ctx = await getAppContext();
  const { file, setCookie, isPublic } = await downloadTenderDocument(
    { request, context },
    ctx,
    Number(params.id),
    Number(params.documentId),
  );
  if (!file) return notFound(setCookie);
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': contentDisposition(file.name),
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      // A public tender's document never changes (no removal once published); a private one is never stored.
      'Cache-Control': isPublic ? 'public, max-age=300' : 'no-store',
      ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
    },
  });
}
