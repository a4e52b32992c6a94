import type { LoaderFunctionArgs } from '@remix-run/node';
import { rejectParams } from '~/api/reference.server';
import { badRequest, errorResponse, guarded, jsonResponse, methodNotAllowed, notFound } from '~/api/responses.server';
import { toApiTender } from '~/api/tenders.server';
import { getAppContext } from '~/services/context.server';
import { getPublicTender } from '~/services/tenders/public.server';

// GET /api/v1/tenders/:id: one public tender (published, closed or awarded), decision 205.

export async function loader({ request, params }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/tenders/:id', async () => {
    const issues = rejectParams(new URL(request.url).searchParams);
    if (issues.length > 0) return badRequest(issues);
    const id = params.id ?? '';
    if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(Number(id)))
      return errorResponse(400, 'Identifiant invalide', [{ field: 'id', message: 'Un identifiant numérique.' }]);
    const { database } = await getAppContext();
    const tender = await getPublicTender(database.db, Number(id));
    if (!tender) return notFound('Appel d’offres introuvable ou non publié.');
    return jsonResponse(toApiTender(tender));
  });
}

export async function action() {
  return methodNotAllowed();
}
