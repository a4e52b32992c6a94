import { z } from 'zod';
import type { ServiceArea } from '../supplier';
import { checkSiret } from './siret-check';
import type { ImportColumn } from './columns';
import { parseCount, parseEmail, parseFrenchPhone, parseWebsite, splitList, type FieldResult } from './fields';
import type { ImportReference } from './reference';
import { parseServiceArea } from './service-area';

// The zod schema of one census row. Input: the row's cells keyed by column (a column absent from the file is
// undefined). Output: what the import writes. An absent optional column means "keep what is stored"; an
// empty cell clears the field (docs/decisions/041).

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 150;
export const DESCRIPTION_MAX_LENGTH = 5000;

export const IMPORT_CHARTER_STATUSES = ['none', 'pending', 'verified'] as const;
export type ImportCharterStatus = (typeof IMPORT_CHARTER_STATUSES)[number];

export interface ImportRow {
  siret: string;
  name: string;
  structureKind: string;
  sectors: string[];
  communeCode: string;
  description?: string;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  headcount?: number | null;
  insertionHeadcount?: number | null;
  /** Resolved: an empty cell already became the commune's département. */
  serviceAreas?: ServiceArea[];
  labels?: string[];
  /** Undefined when the column is absent or the cell empty: the import policy decides (decisions/042). */
  charterStatus?: ImportCharterStatus;
}

export type RowCells = Partial<Record<ImportColumn, string>>;

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  return z.NEVER as never;
}

function unwrap<T>(result: FieldResult<T>, ctx: Ctx): T {
  return result.ok ? result.value : fail(ctx, result.message);
}

/** A column that may be absent (undefined, keep) or empty (null, clear). */
function optionalCell<T>(parse: (value: string, ctx: Ctx) => T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | null | undefined => {
      if (value === undefined) return undefined;
      const trimmed = value.trim();
      return trimmed === '' ? null : parse(trimmed, ctx);
    });
}

function requiredCell<T>(label: string, parse: (value: string, ctx: Ctx) => T) {
  return z
    .string({ required_error: `${label} obligatoire` })
    .transform((value, ctx): T => {
      const trimmed = value.trim();
      return trimmed === '' ? fail(ctx, `${label} obligatoire`) : parse(trimmed, ctx);
    });
}

function codes(list: string[], known: ReadonlyMap<string, string>, noun: string, help: string, ctx: Ctx): string[] {
  const unknown: string[] = [];
  const found: string[] = [];
  for (const item of list) {
    const code = known.get(item.toLowerCase());
    if (code === undefined) unknown.push(item);
    else if (!found.includes(code)) found.push(code);
  }
  if (unknown.length > 0) {
    const plural = unknown.length > 1 ? 's' : '';
    fail(ctx, `${noun}${plural} inconnu${plural} : ${unknown.map((u) => `« ${u} »`).join(', ')} (${help})`);
  }
  return found;
}

export function createRowSchema(reference: ImportReference) {
  const kindList = [...reference.kinds.values()].join(', ');
  return z
    .object({
      siret: requiredCell('SIRET', (value, ctx) => {
        const result = checkSiret(value);
        return result.ok ? result.siret : fail(ctx, result.message);
      }),
      name: requiredCell('nom', (value, ctx) => {
        if (/[\n\t]/.test(value)) return fail(ctx, 'le nom doit tenir sur une ligne');
        if (value.length < NAME_MIN_LENGTH) return fail(ctx, `nom trop court (${NAME_MIN_LENGTH} caractères au moins)`);
        if (value.length > NAME_MAX_LENGTH) return fail(ctx, `nom trop long (${value.length} caractères, ${NAME_MAX_LENGTH} au plus)`);
        return value;
      }),
      kind: requiredCell('type de structure', (value, ctx) => {
        const code = reference.kinds.get(value.toLowerCase());
        return code ?? fail(ctx, `type de structure inconnu « ${value} » (codes acceptés : ${kindList})`);
      }),
      sectors: requiredCell('secteur', (value, ctx) => {
        const list = splitList(value);
        if (list.length === 0) return fail(ctx, 'au moins un code de secteur est obligatoire');
        return codes(list, reference.sectors, 'secteur', 'liste des codes : /api/v1/reference/sectors', ctx);
      }),
      commune_insee: requiredCell('code INSEE de la commune', (value, ctx) => {
        const commune = reference.communes.get(value.toLowerCase());
        if (commune) return commune;
        if (!/^[0-9][0-9AB][0-9]{3}$/i.test(value)) return fail(ctx, `code INSEE de commune invalide « ${value} » (5 caractères, par exemple 75056)`);
        return fail(ctx, `commune inconnue : code INSEE « ${value} »`);
      }),
      description: optionalCell((value, ctx) =>
        value.length > DESCRIPTION_MAX_LENGTH
          ? fail(ctx, `description trop longue (${value.length} caractères, ${DESCRIPTION_MAX_LENGTH} au plus)`)
          : value,
      ),
      email: optionalCell((value, ctx) => unwrap(parseEmail(value), ctx)),
      phone: optionalCell((value, ctx) => unwrap(parseFrenchPhone(value), ctx)),
      website: optionalCell((value, ctx) => unwrap(parseWebsite(value), ctx)),
      headcount: optionalCell((value, ctx) => unwrap(parseCount(value), ctx)),
      insertion_headcount: optionalCell((value, ctx) => unwrap(parseCount(value), ctx)),
      service_area: z
        .string()
        .optional()
        .transform((value, ctx) => {
          if (value === undefined) return undefined;
          const result = parseServiceArea(value, reference);
          if (result.ok) return result.areas;
          for (const message of result.messages) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `zone d'intervention : ${message}` });
          return z.NEVER;
        }),
      labels: optionalCell((value, ctx) => codes(splitList(value), reference.labels, 'label', 'liste des codes : /api/v1/reference/labels', ctx)),
      charter_status: optionalCell((value, ctx) => {
        const status = value.toLowerCase();
        return (IMPORT_CHARTER_STATUSES as readonly string[]).includes(status)
          ? (status as ImportCharterStatus)
          : fail(ctx, `statut de charte inconnu « ${value} » (valeurs acceptées : ${IMPORT_CHARTER_STATUSES.join(', ')}, ou vide)`);
      }),
    })
    .superRefine((row, ctx) => {
      if (typeof row.headcount === 'number' && typeof row.insertion_headcount === 'number' && row.insertion_headcount > row.headcount) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['insertion_headcount'],
          message: `l'effectif en insertion (${row.insertion_headcount}) dépasse l'effectif total (${row.headcount})`,
        });
      }
    })
    .transform(
      (row): ImportRow => ({
        siret: row.siret,
        name: row.name,
        structureKind: row.kind,
        sectors: row.sectors,
        communeCode: row.commune_insee.code,
        description: row.description === null ? '' : row.description,
        email: row.email,
        phone: row.phone,
        website: row.website,
        headcount: row.headcount,
        insertionHeadcount: row.insertion_headcount,
        serviceAreas:
          row.service_area === 'own-departement' ? [{ kind: 'departement', code: row.commune_insee.departement }] : row.service_area,
        labels: row.labels === null ? [] : row.labels,
        charterStatus: row.charter_status ?? undefined,
      }),
    );
}
