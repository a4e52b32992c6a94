import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, guarded, jsonResponse, methodNotAllowed } from '~/api/responses.server';
import { parseReleasesQuery } from '~/domain/ocds/listing';
import { siteOrigin } from '~/services/auth/current-user.server';
import { getAppContext } from '~/services/context.server';
import { releasesSince } from '~/services/ocds/export.server';

// GET /api/v1/ocds/releases?since=…[&after=…][&limit=…]: every OCDS release dated `since` or later, oldest
// first, in one release package per page with `links.next` (decision 262). A missing or malformed `since` is a
// 400 with its French message; nothing new is an answer with an empty `releases` list.

export async function loader({ request }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/ocds/releases', async () => {
    const url = new URL(request.url);
    const query = parseReleasesQuery(url.searchParams);
    if (!query.ok) return badRequest(query.error);
    const { database } = await getAppContext();
    const origin = siteOrigin(request);
    const page = await releasesSince(database.db, query.value, {
      origin,
      uri: `${origin}/api/v1/ocds/releases${url.search}`,
      pageUri: (params) => `${origin}/api/v1/ocds/releases?${params}`,
    });
    return jsonResponse(page);
  });
}

export async function action() {
  return methodNotAllowed();
}
