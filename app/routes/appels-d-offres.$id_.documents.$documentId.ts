import type { LoaderFunctionArgs } from '@remix-run/node';
import { getAppContext } from '~/services/context.server';
import { downloadTenderDocument } from '~/services/tenders/documents.server';
import { pdfDownload } from '~/services/uploads/pdf-download.server';

// GET /appels-d-offres/:id/documents/:documentId: a tender's document (decision 255). Anyone for a public tender
// (published, closed, awarded, or cancelled after publication); the buyer's members and the moderators for the
// others; everybody else a 404, as the public page. Always a download (attachment), never sniffed, sandboxed.

const ID = /^[1-9]\d{0,15}$/;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  if (!ID.test(params.id ?? '') || !ID.test(params.documentId ?? '')) return pdfDownload(null, { setCookie: null });
  const ctx = await getAppContext();
  const { file, setCookie, isPublic } = await downloadTenderDocument(
    { request, context },
    ctx,
    Number(params.id),
    Number(params.documentId),
  );
  // A public tender's document never changes (no removal once published); a private one is never stored.
  return pdfDownload(file, { setCookie, cacheControl: isPublic ? 'public, max-age=300' : 'no-store' });
}
