import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, guarded, jsonResponse, methodNotAllowed, serviceUnavailable } from '~/api/responses.server';
import { toApiSearchAnswer } from '~/api/suppliers.server';
import { getAppContext } from '~/services/context.server';
import { searchSuppliers } from '~/services/supplier-search.server';

// GET /api/v1/suppliers: the catalogue search (docs/decisions/053-public-api-responses.md; app/api/openapi.ts).

export async function loader({ request }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/suppliers', async () => {
    const ctx = await getAppContext();
    const outcome = await searchSuppliers(ctx, new URL(request.url).searchParams, { unknownParams: 'reject' });
    switch (outcome.kind) {
      case 'invalid':
        return badRequest(outcome.issues);
      case 'unavailable':
        return serviceUnavailable(outcome.message);
      case 'ok':
        return jsonResponse(toApiSearchAnswer(outcome.result));
    }
  });
}

export async function action() {
  return methodNotAllowed();
}
