import type { CharterStatus } from './charter';
import { normaliseForSearch } from './text';

// The supplier aggregate as the rest of the application writes it. Pure types and rules, no I/O.

/** Only published suppliers are searchable and have a public sheet; suspended ones are hidden by a moderator. */
export const PUBLICATION_STATUSES = ['draft', 'published', 'suspended'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export const SERVICE_AREA_KINDS = ['national', 'region', 'departement', 'commune', 'radius'] as const;
export type ServiceAreaKind = (typeof SERVICE_AREA_KINDS)[number];

export const TURNOVER_BANDS = ['lt-100k', '100k-500k', '500k-1m', '1m-5m', '5m-20m', 'gt-20m'] as const;
export type TurnoverBand = (typeof TURNOVER_BANDS)[number];
export const TURNOVER_BAND_LABELS: Record<TurnoverBand, string> = {
  'lt-100k': 'Moins de 100 000 €',
  '100k-500k': 'De 100 000 à 500 000 €',
  '500k-1m': 'De 500 000 € à 1 M€',
  '1m-5m': 'De 1 à 5 M€',
  '5m-20m': 'De 5 à 20 M€',
  'gt-20m': 'Plus de 20 M€',
};

export const MAX_RADIUS_KM = 1000;

export type ServiceArea =
  | { kind: 'national' }
  | { kind: 'region' | 'departement' | 'commune'; code: string }
  | { kind: 'radius'; radiusKm: number };

export interface OfferInput {
  name: string;
  description: string;
}

export interface ClientReferenceInput {
  clientName: string;
  year: number;
  description: string;
}

/**
 * What a writer (seed, CSV import, later the supplier's own form) gives to the repository.
 * Optional fields left undefined keep their stored value on update; null clears them.
 * Collections left undefined are kept as they are; an array replaces them.
 */
export interface SupplierInput {
  siret: string;
  name: string;
  structureKind: string;
  communeCode: string;
  tradeName?: string | null;
  legalForm?: string | null;
  yearFounded?: number | null;
  address?: string | null;
  postcode?: string | null;
  description?: string;
  headcount?: number | null;
  insertionHeadcount?: number | null;
  turnoverBand?: TurnoverBand | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  charterStatus?: CharterStatus;
  publicationStatus?: PublicationStatus;
  offers?: OfferInput[];
  sectors?: string[];
  serviceAreas?: ServiceArea[];
  references?: ClientReferenceInput[];
  labels?: string[];
}

/** URL slug: the search normalisation (text.ts) kept to ASCII words joined by hyphens, at most 80 characters. */
export function slugify(text: string): string {
  return (
    normaliseForSearch(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/g, '') || 'fournisseur'
  );
}

/** Canonical form of a service-area list, so two lists can be compared (order and duplicates ignored). */
export function normaliseServiceAreas(areas: ServiceArea[]): ServiceArea[] {
  const key = (a: ServiceArea) =>
    a.kind === 'national' ? 'national' : a.kind === 'radius' ? `radius:${a.radiusKm}` : `${a.kind}:${a.code}`;
  const seen = new Map<string, ServiceArea>();
  for (const a of areas) seen.set(key(a), a);
  if (seen.has('national')) return [{ kind: 'national' }];
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}
