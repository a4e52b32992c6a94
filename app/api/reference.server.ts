import { z } from 'zod';
import { fail, fieldIssuesOf, ok, type FieldIssue, type Result } from '~/domain/result';
import { findCommunesStartingWith } from '~/services/commune-lookup.server';
import type { AppContext } from '~/services/context.server';
import { getReferenceData } from '~/services/reference.server';

// Bodies of the reference-list endpoints, field by field (app/api/openapi.ts documents them).

export const REFERENCE_LISTS = ['kinds', 'sectors', 'labels', 'regions', 'departements'] as const;
export type ReferenceListName = (typeof REFERENCE_LISTS)[number];

export const COMMUNE_QUERY_LIMITS = { qMaxLength: 100, limitMax: 50, limitDefault: 10 } as const;

/** Issues for parameters given to an endpoint that takes none. */
export function rejectParams(params: URLSearchParams, accepted: readonly string[] = []): FieldIssue[] {
  return [...new Set(params.keys())]
    .filter((name) => !accepted.includes(name))
    .map((name) => ({
      field: name,
      message:
        accepted.length === 0
          ? `paramètre inconnu « ${name.slice(0, 40)} » (cette adresse n'accepte aucun paramètre)`
          : `paramètre inconnu « ${name.slice(0, 40)} » (paramètres acceptés : ${accepted.join(', ')})`,
    }));
}

export async function referenceListItems(
  { database }: Pick<AppContext, 'database'>,
  list: ReferenceListName,
): Promise<unknown[]> {
  const reference = await getReferenceData(database.db);
  switch (list) {
    case 'kinds':
      return reference.kinds.map((k) => ({
        code: k.code,
        name: k.name,
        shortName: k.shortName,
        family: k.family,
        description: k.description,
      }));
    case 'sectors':
      return reference.sectors.map((s) => ({
        code: s.code,
        name: s.name,
        group: { ...s.group },
        cpvDivisions: [...s.cpvDivisions],
      }));
    case 'labels':
      return reference.labels.map((l) => ({ code: l.code, name: l.name, description: l.description }));
    case 'regions':
      return reference.regions.map((r) => ({ code: r.code, name: r.name }));
    case 'departements':
      return reference.departements.map((d) => ({ code: d.code, name: d.name, region: { ...d.region } }));
  }
}

export interface CommuneQuery {
  q: string;
  limit: number;
}

const single = (param: string) =>
  z
    .array(z.string())
    .max(1, { message: `${param} ne peut être donné qu'une seule fois` })
    .transform((v) => v[0]?.trim() ?? '');

const communeQuerySchema = z.object({
  q: single('q').pipe(
    z
      .string()
      .min(1, { message: 'q est obligatoire : le début du nom, du code postal ou du code INSEE de la commune' })
      .max(COMMUNE_QUERY_LIMITS.qMaxLength, {
        message: `q ne doit pas dépasser ${COMMUNE_QUERY_LIMITS.qMaxLength} caractères`,
      }),
  ),
  limit: single('limit').pipe(
    z.string().transform((value, ctx) => {
      if (value === '') return COMMUNE_QUERY_LIMITS.limitDefault;
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > COMMUNE_QUERY_LIMITS.limitMax) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `limit doit être un entier entre 1 et ${COMMUNE_QUERY_LIMITS.limitMax}`,
        });
        return z.NEVER;
      }
      return n;
    }),
  ),
});

export function parseCommuneQuery(params: URLSearchParams): Result<CommuneQuery> {
  const issues = rejectParams(params, ['q', 'limit']);
  const result = communeQuerySchema.safeParse({ q: params.getAll('q'), limit: params.getAll('limit') });
  if (!result.success) issues.push(...fieldIssuesOf(result.error));
  if (issues.length > 0 || !result.success) return fail(issues);
  return ok(result.data);
}

export async function communeSuggestions({ database }: Pick<AppContext, 'database'>, query: CommuneQuery) {
  const reference = await getReferenceData(database.db);
  const communes = await findCommunesStartingWith(database.db, query.q, query.limit);
  return communes.map((c) => ({
    code: c.code,
    name: c.name,
    postcodes: [...c.postcodes],
    departement: {
      code: c.departementCode,
      name: reference.departementsByCode.get(c.departementCode)?.name ?? c.departementCode,
    },
    region: { code: c.regionCode, name: reference.regionsByCode.get(c.regionCode)?.name ?? c.regionCode },
    population: c.population,
  }));
}
