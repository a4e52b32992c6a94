import type { LoaderFunctionArgs } from '@remix-run/node';
import { rejectParams } from '~/api/reference.server';
import { badRequest, guarded, jsonResponse, methodNotAllowed, notFound, numericIdParam } from '~/api/responses.server';
import { toApiTender } from '~/api/tenders.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { getAppContext } from '~/services/context.server';
import { listPublicTenderDocuments } from '~/services/tenders/documents.server';
import { getPublicTender } from '~/services/tenders/public.server';

// GET /api/v1/tenders/:id: one public tender (published, closed, awarded, or cancelled after publication),
// decision 205, with its documents (decision 255).

export async function loader({ request, params }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/tenders/:id', async () => {
    const issues = rejectParams(new URL(request.url).searchParams);
    if (issues.length > 0) return badRequest(issues);
    const parsed = numericIdParam(params.id);
    if (!parsed.ok) return parsed.response;
    const { id } = parsed;
    const { database } = await getAppContext();
    const tender = await getPublicTender(database.db, id);
    if (!tender) return notFound('Appel d’offres introuvable ou non publié.');
    const documents = await listPublicTenderDocuments(database.db, tender.id);
    return jsonResponse(toApiTender(tender, documents, siteOrigin(request)));
  });
}

export async function action() {
  return methodNotAllowed();
}
