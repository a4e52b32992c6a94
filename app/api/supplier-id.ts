import { z } from 'zod';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';

// The :id of /api/v1/suppliers/:id: a positive integer id, or a slug (lower-case ASCII words joined by
// hyphens, as slugify in app/domain/supplier.ts makes them). All digits always means an id
// (docs/decisions/053-public-api-responses.md).

export const SUPPLIER_NOT_FOUND_MESSAGE = 'Fournisseur introuvable';
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
/**
 * slugify stops at 80 characters, but a homonym's slug gets its commune's slug and then a counter appended
 * (uniqueSlug in db/repositories/suppliers.ts), so stored slugs can be longer: this only bounds the input.
 */
export const MAX_SLUG_LENGTH = 200;
const SLUG = new RegExp(SLUG_PATTERN);

function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

const supplierIdSchema = z.string().transform((raw, ctx): number | string => {
  if (/^\d+$/.test(raw)) {
    const id = Number(raw);
    if (/^[1-9]/.test(raw) && Number.isSafeInteger(id)) return id;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `id doit être un entier positif sans zéro initial, « ${shown(raw)} » ne convient pas`,
    });
    return z.NEVER;
  }
  if (raw.length <= MAX_SLUG_LENGTH && SLUG.test(raw)) return raw;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: `id doit être un identifiant numérique (par exemple 42) ou l'adresse courte d'une fiche (par exemple atelier-du-rhone), « ${shown(raw)} » ne convient pas`,
  });
  return z.NEVER;
});

export function parseSupplierIdParam(raw: string): Result<number | string, FieldIssue> {
  const result = supplierIdSchema.safeParse(raw);
  if (result.success) return ok(result.data);
  return fail({ field: 'id', message: result.error.issues[0]?.message ?? 'id invalide' });
}
