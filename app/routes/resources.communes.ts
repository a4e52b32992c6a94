import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { getAppContext } from '~/services/context.server';
import { COMMUNE_INPUT_MAX_LENGTH, suggestCommunes } from '~/services/commune-lookup.server';

// Commune autocomplete for the search page: GET /resources/communes?q=lyo -> { communes: [...] }.

const querySchema = z.object({
  q: z
    .string({
      required_error: 'Le paramètre q (début du nom, code postal ou code INSEE de la commune) est obligatoire.',
    })
    .trim()
    .min(1, { message: 'Le paramètre q ne doit pas être vide.' })
    .max(COMMUNE_INPUT_MAX_LENGTH, {
      message: `Le paramètre q ne doit pas dépasser ${COMMUNE_INPUT_MAX_LENGTH} caractères.`,
    }),
});

// X-Content-Type-Options comes from server.ts, like every other response's.
const headers = { 'Cache-Control': 'public, max-age=3600' };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const values = url.searchParams.getAll('q');
  const parsed = values.length > 1 ? null : querySchema.safeParse({ q: values[0] });
  if (!parsed || !parsed.success) {
    const message = parsed ? parsed.error.issues[0].message : 'Le paramètre q ne peut être donné qu’une seule fois.';
    return Response.json({ error: { message } }, { status: 400, headers });
  }
  const { database } = await getAppContext();
  const communes = await suggestCommunes(database.db, parsed.data.q);
  return Response.json({ communes }, { headers });
}
