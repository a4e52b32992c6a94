import { z } from 'zod';
import { parseCount, parseEmail, parseFrenchPhone, parseWebsite } from '../import/fields';
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, NAME_MIN_LENGTH } from '../import/row';
import type { FieldIssue, Result } from '../result';
import {
  MAX_RADIUS_KM,
  TURNOVER_BANDS,
  type ClientReferenceInput,
  type OfferInput,
  type TurnoverBand,
} from '../supplier';

// The offer-sheet form (issue 6, docs/decisions/130-sheet-editor-and-drafts.md): one zod schema over the raw
// payload Conform builds from the posted fields (`offers[0].name`, repeated `sectors`…), French messages named
// after the field. A draft may leave anything empty; a malformed value (bad e-mail, year in the future, unknown
// code, too long…) is refused. Communes are resolved by the service (they need the database); the codes of the
// reference lists are checked here against the sets the caller gives. Pure.

export const OFFERS_MAX = 20;
export const REFERENCES_MAX = 20;
export const AREA_COMMUNES_MAX = 30;
export const OFFER_NAME_MAX_LENGTH = 150;
export const OFFER_DESCRIPTION_MAX_LENGTH = 2000;
export const REFERENCE_CLIENT_MAX_LENGTH = 150;
export const REFERENCE_DESCRIPTION_MAX_LENGTH = 1000;
export const SHORT_TEXT_MAX_LENGTH = 150;
export const ADDRESS_MAX_LENGTH = 300;
export const COMMUNE_TEXT_MAX_LENGTH = 100;
export const YEAR_MIN = 1800;
/** A published sheet's description needs at least this many characters. */
export const DESCRIPTION_MIN_LENGTH_TO_PUBLISH = 50;
export { DESCRIPTION_MAX_LENGTH };

/** The codes the form may hold, from the reference data, and the current year (no foundation in the future). */
export interface SheetReference {
  kinds: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  labels: ReadonlySet<string>;
  regions: ReadonlySet<string>;
  departements: ReadonlySet<string>;
  currentYear: number;
}

/** The parsed form. `null` for an empty name, kind or commune: a draft keeps the stored value (decision 130). */
export interface SheetForm {
  name: string | null;
  tradeName: string | null;
  legalForm: string | null;
  yearFounded: number | null;
  address: string | null;
  postcode: string | null;
  /** What the person typed in the commune field (an INSEE code, « Lyon (69123) », a name), or null. */
  commune: string | null;
  structureKind: string | null;
  description: string;
  offers: OfferInput[];
  sectors: string[];
  areaNational: boolean;
  areaRegions: string[];
  areaDepartements: string[];
  /** The commune rows that are not empty, with their index in the form (for the messages). */
  areaCommunes: { index: number; text: string }[];
  areaRadiusKm: number | null;
  headcount: number | null;
  insertionHeadcount: number | null;
  turnoverBand: TurnoverBand | null;
  references: ClientReferenceInput[];
  labels: string[];
  email: string | null;
  phone: string | null;
  website: string | null;
}

/** A text field: a string (an absent field is empty), trimmed, at most `max` characters. */
function text(label: string, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ invalid_type_error: `${label} : une seule valeur est attendue.` })
      .trim()
      .max(max, { message: `${label} : ${max} caractères au plus.` })
      .refine((v) => ![...v].some(isControl), {
        message: `${label} : caractères de contrôle interdits.`,
      }),
  );
}

/** C0 control characters other than tab, line feed and carriage return. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r';
}

const orNull = (v: string) => (v === '' ? null : v);

/** A one-line optional text: null when empty. */
function line(label: string, max: number) {
  return text(label, max)
    .refine((v) => !/[\n\r\t]/.test(v), { message: `${label} : le texte doit tenir sur une ligne.` })
    .transform(orNull);
}

/** An optional value checked by one of the import's cell parsers (e-mail, phone, website, counts). */
function parsed<T>(label: string, max: number, parse: (v: string) => Result<T, string>) {
  return text(label, max).transform((v, ctx): T | null => {
    if (v === '') return null;
    const r = parse(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: `${label} : ${r.error}.` });
    return z.NEVER;
  });
}

/** A list of codes (checkboxes): absent is empty, one value is a list of one; every code must be known. */
function codes(label: string, known: (ref: SheetReference) => ReadonlySet<string>, ref: SheetReference) {
  return z
    .preprocess(
      (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string({ invalid_type_error: `${label} : valeur invalide.` })).max(500),
    )
    .superRefine((list, ctx) => {
      const unknown = list.filter((c) => !known(ref).has(c));
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `${label} : code${unknown.length > 1 ? 's' : ''} inconnu${unknown.length > 1 ? 's' : ''} ${unknown
            .slice(0, 5)
            .map((c) => `« ${c.slice(0, 40)} »`)
            .join(', ')}.`,
        });
    })
    .transform((list) => [...new Set(list)]);
}

/** A repeated group (offers, references): absent is empty; at most `max` rows. */
function rows<T extends z.ZodTypeAny>(label: string, row: T, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(row).max(max, { message: `${label} : ${max} au plus.` }),
  );
}

function yearIn(label: string, ref: SheetReference) {
  return text(label, 10).transform((v, ctx): number | null => {
    if (v === '') return null;
    if (!/^\d{4}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: `${label} : une année sur quatre chiffres est attendue (ex. 2012).` });
      return z.NEVER;
    }
    const year = Number(v);
    if (year > ref.currentYear) {
      ctx.addIssue({ code: 'custom', message: `${label} : l’année ne peut pas être dans le futur.` });
      return z.NEVER;
    }
    if (year < YEAR_MIN) {
      ctx.addIssue({ code: 'custom', message: `${label} : l’année doit être ${YEAR_MIN} ou après.` });
      return z.NEVER;
    }
    return year;
  });
}

/** The schema of the form, against this reference data. */
export function createSheetFormSchema(ref: SheetReference) {
  const offer = z
    .object({
      name: text('Nom de l’offre', OFFER_NAME_MAX_LENGTH),
      description: text('Description de l’offre', OFFER_DESCRIPTION_MAX_LENGTH),
    })
    .superRefine((o, ctx) => {
      if (o.name === '' && o.description !== '')
        ctx.addIssue({
          code: 'custom',
          path: ['name'],
          message: 'Donnez un nom à cette offre, ou videz sa description.',
        });
    });
  const reference = z
    .object({
      clientName: text('Nom du client', REFERENCE_CLIENT_MAX_LENGTH),
      year: yearIn('Année de la référence', ref),
      description: text('Description de la référence', REFERENCE_DESCRIPTION_MAX_LENGTH),
    })
    .superRefine((r, ctx) => {
      const empty = r.clientName === '' && r.year === null && r.description === '';
      if (empty) return;
      if (r.clientName === '')
        ctx.addIssue({
          code: 'custom',
          path: ['clientName'],
          message: 'Nom du client : obligatoire pour une référence.',
        });
      if (r.year === null)
        ctx.addIssue({
          code: 'custom',
          path: ['year'],
          message: 'Année de la référence : obligatoire pour une référence.',
        });
    });

  return z
    .object({
      name: text('Raison sociale', NAME_MAX_LENGTH)
        .refine((v) => v === '' || v.length >= NAME_MIN_LENGTH, {
          message: `Raison sociale : ${NAME_MIN_LENGTH} caractères au moins.`,
        })
        .refine((v) => !/[\n\r\t]/.test(v), { message: 'Raison sociale : le nom doit tenir sur une ligne.' })
        .transform(orNull),
      tradeName: line('Nom commercial', SHORT_TEXT_MAX_LENGTH),
      legalForm: line('Forme juridique', SHORT_TEXT_MAX_LENGTH),
      yearFounded: yearIn('Année de création', ref),
      address: line('Adresse', ADDRESS_MAX_LENGTH),
      postcode: line('Code postal', 10).refine((v) => v === null || /^\d{5}$/.test(v), {
        message: 'Code postal : cinq chiffres sont attendus (ex. 69003).',
      }),
      commune: line('Commune', COMMUNE_TEXT_MAX_LENGTH),
      structureKind: line('Type de structure', 40).refine((v) => v === null || ref.kinds.has(v), {
        message: 'Type de structure : choisissez un type de la liste.',
      }),
      description: text('Présentation', DESCRIPTION_MAX_LENGTH),
      offers: rows('Offres', offer, OFFERS_MAX).transform((list) =>
        list.filter((o) => o.name !== '').map((o) => ({ name: o.name, description: o.description })),
      ),
      sectors: codes('Secteurs', (r) => r.sectors, ref),
      areaNational: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
      areaRegions: codes('Régions', (r) => r.regions, ref),
      areaDepartements: codes('Départements', (r) => r.departements, ref),
      areaCommunes: rows(
        'Communes desservies',
        text('Commune desservie', COMMUNE_TEXT_MAX_LENGTH),
        AREA_COMMUNES_MAX,
      ).transform((list) => list.map((t, index) => ({ index, text: t })).filter((c) => c.text !== '')),
      areaRadiusKm: text('Rayon', 10).transform((v, ctx): number | null => {
        if (v === '') return null;
        const km = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!(km >= 1 && km <= MAX_RADIUS_KM)) {
          ctx.addIssue({ code: 'custom', message: `Rayon : un nombre entier de kilomètres, de 1 à ${MAX_RADIUS_KM}.` });
          return z.NEVER;
        }
        return km;
      }),
      headcount: parsed('Effectif', 20, parseCount),
      insertionHeadcount: parsed('Effectif en insertion', 20, parseCount),
      turnoverBand: line('Chiffre d’affaires', 20).refine(
        (v) => v === null || (TURNOVER_BANDS as readonly string[]).includes(v),
        { message: 'Chiffre d’affaires : choisissez une tranche de la liste.' },
      ) as unknown as z.ZodType<TurnoverBand | null>,
      references: rows('Références', reference, REFERENCES_MAX).transform((list) =>
        list
          .filter((r) => r.clientName !== '')
          .map((r) => ({ clientName: r.clientName, year: r.year as number, description: r.description })),
      ),
      labels: codes('Labels', (r) => r.labels, ref),
      email: parsed('E-mail de contact', 254, parseEmail),
      phone: parsed('Téléphone', 40, parseFrenchPhone),
      website: parsed('Site web', 500, parseWebsite),
    })
    .superRefine((form, ctx) => {
      if (form.insertionHeadcount !== null && form.headcount !== null && form.insertionHeadcount > form.headcount)
        ctx.addIssue({
          code: 'custom',
          path: ['insertionHeadcount'],
          message: 'Effectif en insertion : il ne peut pas dépasser l’effectif total.',
        });
    });
}

/** Zod's path as Conform names the field: `offers[0].name`. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name === '' ? part : `${name}.${part}`),
    '',
  );
}

/** The posted payload as a SheetForm, or every problem, each named after its field. */
export function parseSheetForm(payload: unknown, ref: SheetReference): Result<SheetForm, FieldIssue[]> {
  const result = createSheetFormSchema(ref).safeParse(payload ?? {});
  if (result.success) return { ok: true, value: result.data as SheetForm };
  return {
    ok: false,
    error: result.error.issues.map((issue) => ({ field: fieldName(issue.path), message: issue.message })),
  };
}

/**
 * The schema the page gives Conform to build its submission (decision 110): any payload. The real schema needs
 * the reference data, so the service parses the payload with createSheetFormSchema and returns the issues.
 */
export const SHEET_PAYLOAD_SCHEMA = z.record(z.unknown());
