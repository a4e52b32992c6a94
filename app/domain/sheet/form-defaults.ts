import type { SheetData } from './sheet';

// The editor's initial values from the stored sheet (docs/decisions/130-sheet-editor-and-drafts.md): every value
// as the form's text, and one blank row after the offers, the client references and the served communes, so a
// row can be added without JavaScript (« Ajouter une offre » adds another). Pure.

// A type alias, not an interface: Conform's form types need an implicit index signature.
export type SheetFormValues = {
  name: string;
  tradeName: string;
  legalForm: string;
  yearFounded: string;
  address: string;
  postcode: string;
  commune: string;
  structureKind: string;
  description: string;
  offers: { name: string; description: string }[];
  sectors: string[];
  areaNational: string;
  areaRegions: string[];
  areaDepartements: string[];
  areaCommunes: string[];
  areaRadiusKm: string;
  headcount: string;
  insertionHeadcount: string;
  turnoverBand: string;
  references: { clientName: string; year: string; description: string }[];
  labels: string[];
  email: string;
  phone: string;
  website: string;
};

/** « Lyon (69123) », what the commune field shows and accepts (decision 061). */
export function communeText(code: string, names: Readonly<Record<string, string>>): string {
  const name = names[code];
  return name ? `${name} (${code})` : code;
}

const str = (v: string | number | null) => (v === null ? '' : String(v));

export function sheetFormDefaults(sheet: SheetData, communeNames: Readonly<Record<string, string>>): SheetFormValues {
  const areas = sheet.serviceAreas;
  const radius = areas.find((a) => a.kind === 'radius');
  return {
    name: sheet.name,
    tradeName: str(sheet.tradeName),
    legalForm: str(sheet.legalForm),
    yearFounded: str(sheet.yearFounded),
    address: str(sheet.address),
    postcode: str(sheet.postcode),
    commune: communeText(sheet.communeCode, communeNames),
    structureKind: sheet.structureKind,
    description: sheet.description,
    offers: [...sheet.offers.map((o) => ({ name: o.name, description: o.description })), { name: '', description: '' }],
    sectors: [...sheet.sectors],
    areaNational: areas.some((a) => a.kind === 'national') ? 'on' : '',
    areaRegions: areas.flatMap((a) => (a.kind === 'region' ? [a.code] : [])),
    areaDepartements: areas.flatMap((a) => (a.kind === 'departement' ? [a.code] : [])),
    areaCommunes: [...areas.flatMap((a) => (a.kind === 'commune' ? [communeText(a.code, communeNames)] : [])), ''],
    areaRadiusKm: radius && radius.kind === 'radius' ? String(radius.radiusKm) : '',
    headcount: str(sheet.headcount),
    insertionHeadcount: str(sheet.insertionHeadcount),
    turnoverBand: str(sheet.turnoverBand),
    references: [
      ...sheet.references.map((r) => ({ clientName: r.clientName, year: String(r.year), description: r.description })),
      { clientName: '', year: '', description: '' },
    ],
    labels: [...sheet.labels],
    email: str(sheet.email),
    phone: str(sheet.phone),
    website: str(sheet.website),
  };
}
