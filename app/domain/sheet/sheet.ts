import {
  normaliseServiceAreas,
  type ClientReferenceInput,
  type OfferInput,
  type ServiceArea,
  type SupplierInput,
  type TurnoverBand,
} from '../supplier';
import type { SheetForm } from './form';

// The offer sheet as its editor sees it (issue 6, docs/decisions/130-sheet-editor-and-drafts.md): the stored
// values in one plain object, the comparison that names the fields a save changed (for the audit log), and the
// mapping to the repository's SupplierInput. Pure.

export interface SheetData {
  name: string;
  tradeName: string | null;
  legalForm: string | null;
  yearFounded: number | null;
  address: string | null;
  postcode: string | null;
  communeCode: string;
  structureKind: string;
  description: string;
  offers: OfferInput[];
  sectors: string[];
  serviceAreas: ServiceArea[];
  headcount: number | null;
  insertionHeadcount: number | null;
  turnoverBand: TurnoverBand | null;
  references: ClientReferenceInput[];
  labels: string[];
  email: string | null;
  phone: string | null;
  website: string | null;
}

export const SHEET_FIELDS = [
  'name',
  'tradeName',
  'legalForm',
  'yearFounded',
  'address',
  'postcode',
  'communeCode',
  'structureKind',
  'description',
  'offers',
  'sectors',
  'serviceAreas',
  'headcount',
  'insertionHeadcount',
  'turnoverBand',
  'references',
  'labels',
  'email',
  'phone',
  'website',
] as const satisfies readonly (keyof SheetData)[];

/** A canonical form of a field's value, so two sheets compare whatever the order of their sets. */
function canonical(data: SheetData, field: keyof SheetData): string {
  switch (field) {
    case 'sectors':
    case 'labels':
      return JSON.stringify([...new Set(data[field])].sort());
    case 'serviceAreas':
      return JSON.stringify(normaliseServiceAreas(data.serviceAreas));
    default:
      return JSON.stringify(data[field]);
  }
}

/** The fields whose value differs between the stored sheet and the saved one, in the form's order. */
export function changedSheetFields(before: SheetData, after: SheetData): (keyof SheetData)[] {
  return SHEET_FIELDS.filter((field) => canonical(before, field) !== canonical(after, field));
}

/** Everything the editor writes, for the one supplier write path (collections replace, nothing is left out). */
export function toSupplierInput(siret: string, data: SheetData): SupplierInput {
  return { siret, ...data };
}

/** What the form left unchanged because it was empty in a draft (decision 130), for the confirmation. */
export type KeptField = 'name' | 'structureKind' | 'communeCode';

export const KEPT_FIELD_LABELS: Record<KeptField, string> = {
  name: 'la raison sociale',
  structureKind: 'le type de structure',
  communeCode: 'la commune',
};

/**
 * The sheet to store from the parsed form (`SheetForm` of ./form.ts, communes resolved by the caller): an
 * empty name, kind or commune keeps the stored value (the columns are NOT NULL and were set at creation).
 */
export function buildSheetData(
  form: Omit<SheetForm, 'commune' | 'areaCommunes'>,
  resolved: { communeCode: string | null; areaCommuneCodes: string[] },
  stored: SheetData,
): { data: SheetData; kept: KeptField[] } {
  const kept: KeptField[] = [];
  if (form.name === null) kept.push('name');
  if (form.structureKind === null) kept.push('structureKind');
  if (resolved.communeCode === null) kept.push('communeCode');
  const areas: ServiceArea[] = [];
  if (form.areaNational) areas.push({ kind: 'national' });
  for (const code of form.areaRegions) areas.push({ kind: 'region', code });
  for (const code of form.areaDepartements) areas.push({ kind: 'departement', code });
  for (const code of resolved.areaCommuneCodes) areas.push({ kind: 'commune', code });
  if (form.areaRadiusKm !== null) areas.push({ kind: 'radius', radiusKm: form.areaRadiusKm });
  const data: SheetData = {
    name: form.name ?? stored.name,
    tradeName: form.tradeName,
    legalForm: form.legalForm,
    yearFounded: form.yearFounded,
    address: form.address,
    postcode: form.postcode,
    communeCode: resolved.communeCode ?? stored.communeCode,
    structureKind: form.structureKind ?? stored.structureKind,
    description: form.description,
    offers: form.offers,
    sectors: [...form.sectors].sort(),
    serviceAreas: normaliseServiceAreas(areas),
    headcount: form.headcount,
    insertionHeadcount: form.insertionHeadcount,
    turnoverBand: form.turnoverBand,
    references: form.references,
    labels: [...form.labels].sort(),
    email: form.email,
    phone: form.phone,
    website: form.website,
  };
  return { data, kept };
}

/**
 * What a published sheet must keep (decision 130): a draft may be saved without it, a published sheet may
 * not lose it. The messages are named after the form's fields.
 */
export function publicationIssues(
  kept: readonly KeptField[],
  data: SheetData,
  descriptionMinLength: number,
): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (kept.includes('name')) issues.push({ field: 'name', message: 'Raison sociale : obligatoire.' });
  if (kept.includes('structureKind'))
    issues.push({ field: 'structureKind', message: 'Type de structure : obligatoire.' });
  if (kept.includes('communeCode')) issues.push({ field: 'commune', message: 'Commune : obligatoire.' });
  if (data.description.length < descriptionMinLength)
    issues.push({
      field: 'description',
      message: `Présentation : ${descriptionMinLength} caractères au moins pour une fiche publiée.`,
    });
  if (data.offers.length === 0)
    issues.push({ field: 'offers', message: 'Offres : une offre au moins pour une fiche publiée.' });
  if (data.sectors.length === 0)
    issues.push({ field: 'sectors', message: 'Secteurs : un secteur au moins pour une fiche publiée.' });
  if (data.serviceAreas.length === 0)
    issues.push({ field: 'areaNational', message: 'Zone d’intervention : obligatoire pour une fiche publiée.' });
  if (data.email === null && data.phone === null)
    issues.push({ field: 'email', message: 'Contact : un e-mail ou un téléphone pour une fiche publiée.' });
  return issues;
}
