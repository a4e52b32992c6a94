import type { LoaderFunctionArgs } from '@remix-run/node';
import { idParam } from '~/services/auth/authorize.server';
import { authorizeBid } from '~/services/bids/access.server';
import { readBidDocument } from '~/services/bids/checklist.server';
import { getAppContext } from '~/services/context.server';
import { pdfDownload } from '~/services/uploads/pdf-download.server';

// GET /reponses/:bidId/pieces/:itemId/fichier: the PDF of a checklist item (decision 246), for the bid's
// members and, once the bid is opened (submitted, deadline passed), the buyer: bid.view. Always a download
// (Content-Disposition: attachment), never sniffed, never stored by a cache.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const bidId = idParam(params.bidId);
  const itemId = idParam(params.itemId);
  const ctx = await getAppContext();
  const { setCookie } = await authorizeBid({ request, context }, ctx, bidId, 'bid.view');
  return pdfDownload(await readBidDocument(ctx.database.db, ctx.env.UPLOADS_DIR, bidId, itemId), { setCookie });
}
