import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, guarded, jsonResponse, methodNotAllowed, serviceUnavailable } from '~/api/responses.server';
import { toApiSearchAnswer } from '~/api/suppliers.server';
import { getAppContext } from '~/services/context.server';
import { searchSuppliers } from '~/services/supplier-search.server';

// GET /api/v1/suppliers: the catalogue search (app/api/openapi.ts; docs/decisions/053-public-api-responses.md).

export async function loader({ request }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/suppliers', async () => {
    const ctx = await getAppContext();
    const outcome = await searchSuppliers(ctx, new URL(request.url).searchParams, { unknownParams: 'reject' });
    if (outcome.ok) return jsonResponse(toApiSearchAnswer(outcome.value.result));
    return outcome.error.kind === 'invalid'
      ? badRequest(outcome.error.issues)
      : serviceUnavailable(outcome.error.message);
  });
}

export async function action() {
  return methodNotAllowed();
}
