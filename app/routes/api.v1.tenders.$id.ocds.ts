import type { LoaderFunctionArgs } from '@remix-run/node';
import { rejectParams } from '~/api/reference.server';
import {
  badRequest,
  errorResponse,
  guarded,
  jsonResponse,
  methodNotAllowed,
  notFound,
  numericIdParam,
} from '~/api/responses.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { getAppContext } from '~/services/context.server';
import { tenderReleasePackage } from '~/services/ocds/export.server';

// GET /api/v1/tenders/:id/ocds: one tender's OCDS 1.1.5 release package (decisions 220–223, 262): its `tender`
// release, plus its `award` or `tenderCancellation` release. Only calls for tenders published at some point
// (published, closed, awarded, cancelled) are open data; any other id is a 404.

export async function loader({ request, params }: LoaderFunctionArgs) {
  return guarded('GET /api/v1/tenders/:id/ocds', async () => {
    const issues = rejectParams(new URL(request.url).searchParams);
    if (issues.length > 0) return badRequest(issues);
    const parsed = numericIdParam(params.id);
    if (!parsed.ok) return parsed.response;
    const { id } = parsed;
    const { database } = await getAppContext();
    const origin = siteOrigin(request);
    const pkg = await tenderReleasePackage(database.db, id, {
      origin,
      uri: `${origin}/api/v1/tenders/${id}/ocds`,
    });
    if (pkg.ok) return jsonResponse(pkg.value);
    if (pkg.error.kind === 'not-found')
      return notFound(
        'Appel d’offres introuvable ou absent des données ouvertes (seuls les appels d’offres publiés le sont).',
      );
    return errorResponse(
      404,
      'Cet appel d’offres ne peut pas être publié au format OCDS : ses données sont incomplètes.',
      pkg.error.issues,
    );
  });
}

export async function action() {
  return methodNotAllowed();
}
