import type { LoaderFunctionArgs } from '@remix-run/node';
import { authorize, idParam } from '~/services/auth/authorize.server';
import { readCharterDocument } from '~/services/charter/files.server';
import { getAppContext } from '~/services/context.server';
import { pdfDownload } from '~/services/uploads/pdf-download.server';

// GET /organisations/:orgId/charte/pieces/:fileId: a supporting PDF of the charter, for the organisation's
// members and the moderators (organisation.view) only. Always a download (Content-Disposition: attachment),
// never sniffed, never stored by a cache. Decision 140.

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'organisation.view', organisationId });
  const file = await readCharterDocument(ctx.database.db, ctx.env.UPLOADS_DIR, organisationId, params.fileId ?? '');
  return pdfDownload(file, { setCookie });
}
