import type { SheetData } from '../../app/domain/sheet/sheet';

/** A draft offer sheet with only what the database requires (name, kind, commune): every other field empty. */
export const EMPTY_SHEET: SheetData = {
  name: 'Atelier',
  tradeName: null,
  legalForm: null,
  yearFounded: null,
  address: null,
  postcode: null,
  communeCode: '69123',
  structureKind: 'EI',
  description: '',
  offers: [],
  sectors: [],
  serviceAreas: [],
  headcount: null,
  insertionHeadcount: null,
  turnoverBand: null,
  references: [],
  labels: [],
  email: null,
  phone: null,
  website: null,
};
