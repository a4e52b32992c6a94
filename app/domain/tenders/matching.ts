import { haversineKm } from '../geo';
import { areasCoverPlace, proximityPoints, type CandidateArea } from '../groupements/suggestions';
import type { MatchChannel, TenderAlertMode } from './alerts';
import { isKindEligibleForReservation, type PlaceKind, type Reservation } from './tender';

// Which suppliers a published tender fits, and how well (issue 7 §1, docs/decisions/250-tender-matching.md).
// Pure: the same rules rank the suppliers at publication (app/services/tenders/matching.server.ts, on candidates
// pre-filtered in SQL) and list a supplier's open opportunities live (app/services/tenders/opportunities.server.ts).
//
// A supplier fits when it is published (the callers' SQL), has a sector of a lot (a lot without sectors, or a
// tender without lots, counts the tender's sectors), one of its service areas covers the place (areasCoverPlace:
// national, the place's région, département or commune, or a radius reaching the place's reference point) and
// its structure kind is eligible for the reservation.
//
// Score, integer points: 600 × (lots covered / lots) + 100 per sector matched (at most 5) + 200 charter verified
// + proximity (300 at 0 km, falling to 0 at 200 km; 0 when unknown). Ties: nearer first, then smaller ids.

export const LOTS_POINTS = 600;
export const MATCH_SECTOR_POINTS = 100;
export const MAX_COUNTED_SECTORS = 5;
export const MATCH_CHARTER_POINTS = 200;

/** Where the tender is performed, resolved from the reference data. */
export interface MatchPlace {
  kind: PlaceKind;
  communeCode?: string;
  departementCode?: string;
  regionCode?: string;
  /** The place's reference point: the commune, the département's centre, the mean of the région's départements. */
  lat?: number;
  lon?: number;
  /** French name, for the reasons (« Lyon », « Rhône », « Auvergne-Rhône-Alpes », « France entière »). */
  name: string;
}

export interface MatchTender {
  reservation: Reservation;
  place: MatchPlace;
  /** The tender's own sectors. */
  sectors: string[];
  /** Explicit lots; none means one implicit lot with the tender's sectors. */
  lots: { number: number; title: string; sectors: string[] }[];
}

export interface MatchCandidate {
  supplierId: number;
  structureKind: string;
  charterVerified: boolean;
  /** The supplier's sectors (at least those of the tender). */
  sectors: string[];
  areas: CandidateArea[];
  /** The supplier's commune, null when unknown. */
  lat: number | null;
  lon: number | null;
}

export interface SupplierMatch {
  supplierId: number;
  score: number;
  sectorsMatched: string[];
  /** Numbers of the lots whose sectors the supplier has (1 for a tender without lots). */
  lotsCovered: number[];
  distanceKm: number | null;
  /** French, for the supplier: why this tender fits. */
  reasons: string[];
}

export interface RankedMatch extends SupplierMatch {
  rank: number;
}

/** The lots as matching sees them: a lot without sectors counts the tender's; no lot is one implicit lot. */
export function matchingLots(tender: Pick<MatchTender, 'sectors' | 'lots'>): { number: number; sectors: string[] }[] {
  if (tender.lots.length === 0) return [{ number: 1, sectors: [...tender.sectors] }];
  return tender.lots.map((l) => ({
    number: l.number,
    sectors: l.sectors.length > 0 ? l.sectors : [...tender.sectors],
  }));
}

/** Every sector that can make a supplier fit the tender (the SQL pre-filter's list). */
export function matchingSectors(tender: Pick<MatchTender, 'sectors' | 'lots'>): string[] {
  return [...new Set(matchingLots(tender).flatMap((l) => l.sectors))].sort();
}

function frenchList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function lotsReason(covered: number[], total: number): string {
  if (covered.length === total) return total === 1 ? 'Couvre le lot unique' : `Couvre les ${total} lots`;
  return covered.length === 1
    ? `Couvre le lot ${covered[0]} sur ${total}`
    : `Couvre les lots ${frenchList(covered.map(String))} sur ${total}`;
}

function areaReason(areas: CandidateArea[], place: MatchPlace, distanceKm: number | null): string {
  const covering = (kind: string) => areas.find((a) => a.kind === kind && areasCoverPlace([a], place, distanceKm));
  if (covering('commune')) return `Intervient à ${place.name}`;
  const departement = covering('departement');
  if (departement) return `Intervient dans le département ${departement.code}`;
  if (covering('region')) return 'Intervient dans la région';
  const radius = covering('radius');
  if (radius) return `Intervient dans un rayon de ${radius.radiusKm} km`;
  return 'Intervient dans toute la France';
}

function distanceReason(km: number): string {
  return km < 1 ? 'À moins d’un kilomètre du lieu d’exécution' : `À ${Math.round(km)} km du lieu d’exécution`;
}

export function distanceToPlace(candidate: Pick<MatchCandidate, 'lat' | 'lon'>, place: MatchPlace): number | null {
  if (candidate.lat === null || candidate.lon === null || place.lat === undefined || place.lon === undefined)
    return null;
  return haversineKm(candidate.lat, candidate.lon, place.lat, place.lon);
}

/** The match of one supplier with the tender, or null when it does not fit. */
export function matchSupplier(
  tender: MatchTender,
  candidate: MatchCandidate,
  sectorLabels: Readonly<Record<string, string>> = {},
): SupplierMatch | null {
  if (!isKindEligibleForReservation(tender.reservation, candidate.structureKind)) return null;
  const own = new Set(candidate.sectors);
  const sectorsMatched = matchingSectors(tender).filter((s) => own.has(s));
  if (sectorsMatched.length === 0) return null;
  const distanceKm = distanceToPlace(candidate, tender.place);
  if (!areasCoverPlace(candidate.areas, tender.place, distanceKm)) return null;
  const lots = matchingLots(tender);
  const lotsCovered = lots.filter((l) => l.sectors.some((s) => own.has(s))).map((l) => l.number);
  const score =
    Math.round((LOTS_POINTS * lotsCovered.length) / lots.length) +
    MATCH_SECTOR_POINTS * Math.min(sectorsMatched.length, MAX_COUNTED_SECTORS) +
    (candidate.charterVerified ? MATCH_CHARTER_POINTS : 0) +
    proximityPoints(distanceKm);
  const labels = sectorsMatched.map((s) => sectorLabels[s] ?? s);
  const reasons = [
    `${labels.length === 1 ? 'Secteur correspondant' : 'Secteurs correspondants'} : ${labels.join(', ')}`,
    ...(tender.lots.length > 0 ? [lotsReason(lotsCovered, lots.length)] : []),
    areaReason(candidate.areas, tender.place, distanceKm),
    ...(tender.reservation !== 'none' ? [`Éligible au marché réservé (article ${tender.reservation})`] : []),
    ...(candidate.charterVerified ? ['Charte vérifiée'] : []),
    ...(distanceKm !== null ? [distanceReason(distanceKm)] : []),
  ];
  return { supplierId: candidate.supplierId, score, sectorsMatched, lotsCovered, distanceKm, reasons };
}

/** Best first: score, then the nearer (unknown distance last), then the smaller supplier id. */
export function compareMatches(a: SupplierMatch, b: SupplierMatch): number {
  return (
    b.score - a.score ||
    (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
    a.supplierId - b.supplierId
  );
}

/** The suppliers among the candidates that fit the tender, ranked from 1. */
export function rankMatches(
  tender: MatchTender,
  candidates: readonly MatchCandidate[],
  sectorLabels: Readonly<Record<string, string>> = {},
): RankedMatch[] {
  const matches: SupplierMatch[] = [];
  for (const c of candidates) {
    const m = matchSupplier(tender, c, sectorLabels);
    if (m) matches.push(m);
  }
  return matches.sort(compareMatches).map((m, i) => ({ ...m, rank: i + 1 }));
}

// ---------------------------------------------------------------------------------------------------------
// How a matched supplier is told (docs/decisions/251-tender-alerts-and-digest.md)

export interface AlertSetting {
  mode: TenderAlertMode;
  dailyCap: number;
}

/**
 * The channel of a new match: no organisation (or no one to tell) → none; off → none (in-site only); digest →
 * digest; immediate → immediate while fewer than `dailyCap` immediate tender mails went out in the last 24 h,
 * capped (left for the digest) beyond.
 */
export function matchChannel(setting: AlertSetting | null, immediateMailsLast24h: number): MatchChannel {
  if (setting === null) return 'none';
  switch (setting.mode) {
    case 'off':
      return 'none';
    case 'digest':
      return 'digest';
    case 'immediate':
      return immediateMailsLast24h < setting.dailyCap ? 'immediate' : 'capped';
  }
}

/** The window of the daily cap. */
export const CAP_WINDOW_MS = 24 * 60 * 60 * 1000;
