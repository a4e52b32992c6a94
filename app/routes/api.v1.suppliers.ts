import type { LoaderFunctionArgs } from '@remix-run/node';
import { guarded, methodNotAllowed } from '~/api/responses.server';
import { supplierSearchResponse } from '~/api/suppliers.server';
import { getAppContext } from '~/services/context.server';

// GET /api/v1/suppliers: the catalogue search (app/api/openapi.ts; docs/decisions/053-public-api-responses.md).

export async function loader({ request }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/suppliers', async () => {
    return supplierSearchResponse(await getAppContext(), request);
  });
}

export async function action() {
  return methodNotAllowed();
}
