import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, guarded, jsonResponse, methodNotAllowed } from '~/api/responses.server';
import { apiIssues, toApiTenderList, translateTenderParams } from '~/api/tenders.server';
import { getAppContext } from '~/services/context.server';
import { listPublicTenderPage } from '~/services/tenders/public.server';

// GET /api/v1/tenders: the public tenders with the filters of /appels-d-offres (app/api/openapi.ts, decision 205).

export async function loader({ request }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/tenders', async () => {
    const { params, issues } = translateTenderParams(new URL(request.url).searchParams);
    if (issues.length > 0) return badRequest(issues);
    const { database } = await getAppContext();
    const list = await listPublicTenderPage(database.db, params);
    return list.ok ? jsonResponse(toApiTenderList(list.value)) : badRequest(apiIssues(list.error));
  });
}

export async function action() {
  return methodNotAllowed();
}
