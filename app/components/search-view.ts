import type { CharterStatus } from '../../db/schema';

// Shapes of what the search page loader sends to its components (plain JSON).

export interface FacetEntry {
  code: string;
  name: string;
  /** Matching suppliers if this value were (also) selected; null when counts are not known. */
  count: number | null;
  selected: boolean;
}

export interface SectorGroupEntry {
  code: string;
  name: string;
  sectors: FacetEntry[];
}

export interface FacetView {
  kind: FacetEntry[];
  sectorGroups: SectorGroupEntry[];
  region: FacetEntry[];
  departement: FacetEntry[];
  label: FacetEntry[];
  charter: FacetEntry[];
}

export interface HitView {
  id: number;
  slug: string;
  name: string;
  kind: { code: string; name: string };
  commune: { code: string; name: string };
  departement: { code: string; name: string };
  sectors: string[];
  charterStatus: CharterStatus;
  distanceKm?: number;
  snippet?: string;
}
