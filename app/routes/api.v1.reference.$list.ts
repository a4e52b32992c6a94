import type { LoaderFunctionArgs } from '@remix-run/node';
import { guarded, jsonResponse, methodNotAllowed, notFound, badRequest } from '~/api/responses.server';
import {
  communeSuggestions,
  parseCommuneQuery,
  REFERENCE_LISTS,
  referenceListItems,
  rejectParams,
  type ReferenceListName,
} from '~/api/reference.server';
import { getAppContext } from '~/services/context.server';

// GET /api/v1/reference/{kinds,sectors,labels,regions,departements}: the codes a CSV file or an API query
// uses, with their French names. GET /api/v1/reference/communes?q=…: commune lookup by name, postcode or
// INSEE code (the search page's autocomplete, and people preparing an import file).

export async function loader({ request, params }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/reference/:list', async () => {
    const list = params.list ?? '';
    const searchParams = new URL(request.url).searchParams;
    const context = await getAppContext();
    if (list === 'communes') {
      const parsed = parseCommuneQuery(searchParams);
      if (!parsed.ok) return badRequest(parsed.error);
      return jsonResponse({ items: await communeSuggestions(context, parsed.value) }, { cache: 'reference' });
    }
    if (!(REFERENCE_LISTS as readonly string[]).includes(list)) {
      return notFound(
        `Liste de référence inconnue « ${list.slice(0, 40)} » (listes disponibles : ${[...REFERENCE_LISTS, 'communes'].join(', ')})`,
      );
    }
    const issues = rejectParams(searchParams);
    if (issues.length > 0) return badRequest(issues);
    return jsonResponse(
      { items: await referenceListItems(context, list as ReferenceListName) },
      { cache: 'reference' },
    );
  });
}

export async function action() {
  return methodNotAllowed();
}
