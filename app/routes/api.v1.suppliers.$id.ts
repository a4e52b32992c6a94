import type { LoaderFunctionArgs } from '@remix-run/node';
import { rejectParams } from '~/api/reference.server';
import { badRequest, errorResponse, guarded, jsonResponse, methodNotAllowed, notFound } from '~/api/responses.server';
import { parseSupplierIdParam, SUPPLIER_NOT_FOUND_MESSAGE } from '~/api/supplier-id';
import { getAppContext } from '~/services/context.server';
import { getPublicSupplierSheet } from '~/services/supplier-sheet.server';

// GET /api/v1/suppliers/:id: the public offer sheet of a published supplier, by numeric id or by slug
// (docs/decisions/053-public-api-responses.md).

export async function loader({ request, params }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/suppliers/:id', async () => {
    const issues = rejectParams(new URL(request.url).searchParams);
    if (issues.length > 0) return badRequest(issues);
    const parsed = parseSupplierIdParam(params.id ?? '');
    if (!parsed.ok) return errorResponse(400, 'Identifiant invalide', [parsed.error]);
    const { database } = await getAppContext();
    const sheet = await getPublicSupplierSheet(database.db, parsed.value);
    if (!sheet) return notFound(SUPPLIER_NOT_FOUND_MESSAGE);
    return jsonResponse(sheet);
  });
}

export async function action() {
  return methodNotAllowed();
}
