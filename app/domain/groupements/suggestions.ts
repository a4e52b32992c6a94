import { isEligibleForReservation } from './rules';
import type { Reservation } from './types';

// Partner suggestions (issue 7 §3) as a weighted set cover, pure: candidate preparation, the score, the exact
// pool reduction, the exhaustive search with bounds and the MIP model (CPLEX LP text) the service hands to
// HiGHS. Docs: docs/decisions/212-partner-suggestions.md.
//
// Score, in integer points (hundredths, so ties are exact):
//   combination = 2000 × (missing sectors it covers) − Σ over its members of (1200 − quality)
//   quality     = 400 if a service area covers the place + 200 if the charter is verified
//               + 100 if eligible for the reservation (everyone, for an unreserved tender)
//               + proximity, 300 at 0 km falling linearly to 0 at 200 km (0 when the distance is unknown)
// Each member thus costs between 200 and 1200 points and each sector covered earns 2000: covering one more
// sector always beats any member's cost, and at equal coverage fewer, better, nearer partners win. A member
// that covers nothing the others do not is never worth it (its net is < 0), so every suggestion is irredundant.

export const SECTOR_POINTS = 2000;
export const PARTNER_COST = 1200;
export const SERVICE_AREA_POINTS = 400;
export const CHARTER_POINTS = 200;
export const ELIGIBILITY_POINTS = 100;
export const PROXIMITY_POINTS = 300;
export const PROXIMITY_RANGE_KM = 200;
export const MAX_PARTNERS = 3;
export const DEFAULT_LIMIT = 5;
/** The sectors are bits of a 32-bit integer mask. */
export const MAX_MISSING_SECTORS = 30;
const MAX_QUALITY = SERVICE_AREA_POINTS + CHARTER_POINTS + ELIGIBILITY_POINTS + PROXIMITY_POINTS;

export interface SuggestionCandidateInput {
  supplierId: number;
  name: string;
  structureKind: string;
  sectors: string[];
  /** Whether one of the supplier's service areas covers the tender's place. */
  servesPlace: boolean;
  charterVerified: boolean;
  /** Distance from the supplier to the place in km, null when unknown. */
  distanceKm: number | null;
}

export interface SuggestionRequest {
  /** The sectors of the uncovered lots that no member covers yet. */
  missingSectors: string[];
  /** French names of the sectors, for the reasons. */
  sectorLabels: Record<string, string>;
  reservation: Reservation;
  maxPartners?: number;
  limit?: number;
}

export interface PreparedCandidate extends SuggestionCandidateInput {
  /** The missing sectors it covers (a bit per index in missingSectors). */
  mask: number;
  eligible: boolean;
  quality: number;
}

export interface Suggestion {
  members: PreparedCandidate[];
  score: number;
  coveredSectors: string[];
  uncoveredSectors: string[];
  complete: boolean;
  /** French, for the person choosing partners: why this combination, then why each member. */
  reasons: string[];
  memberReasons: Record<number, string[]>;
}

export function proximityPoints(distanceKm: number | null): number {
  if (distanceKm === null || !Number.isFinite(distanceKm)) return 0;
  const d = Math.min(Math.max(distanceKm, 0), PROXIMITY_RANGE_KM);
  return Math.round((PROXIMITY_POINTS * (PROXIMITY_RANGE_KM - d)) / PROXIMITY_RANGE_KM);
}

/**
 * Keeps the candidates that cover at least one missing sector and, for a reserved tender, are eligible for it
 * (the others are counted in `ineligible`); sorted best first (quality, distance, id).
 */
export function prepareCandidates(
  request: SuggestionRequest,
  pool: SuggestionCandidateInput[],
): { candidates: PreparedCandidate[]; ineligible: number } {
  const index = new Map(request.missingSectors.map((s, i) => [s, i]));
  const candidates: PreparedCandidate[] = [];
  let ineligible = 0;
  for (const c of pool) {
    let mask = 0;
    for (const s of c.sectors) {
      const i = index.get(s);
      if (i !== undefined) mask |= 1 << i;
    }
    if (mask === 0) continue;
    const eligible = isEligibleForReservation(c.structureKind, request.reservation);
    if (!eligible) {
      ineligible++;
      continue;
    }
    const quality =
      (c.servesPlace ? SERVICE_AREA_POINTS : 0) +
      (c.charterVerified ? CHARTER_POINTS : 0) +
      ELIGIBILITY_POINTS +
      proximityPoints(c.distanceKm);
    candidates.push({ ...c, mask, eligible, quality });
  }
  candidates.sort(compareCandidates);
  return { candidates, ineligible };
}

function compareCandidates(a: PreparedCandidate, b: PreparedCandidate): number {
  return (
    b.quality - a.quality || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.supplierId - b.supplierId
  );
}

/**
 * Exact reduction: among candidates covering the same set of missing sectors, only the best
 * `limit + maxPartners - 1` can appear in the best `limit` combinations of at most `maxPartners` members (any
 * combination using a worse one can swap it for one of at least `limit` better ones it does not hold). The
 * input must be sorted best first (prepareCandidates).
 */
export function reducePool(candidates: PreparedCandidate[], limit: number, maxPartners: number): PreparedCandidate[] {
  const keep = limit + maxPartners - 1;
  const perMask = new Map<number, number>();
  return candidates.filter((c) => {
    const n = perMask.get(c.mask) ?? 0;
    perMask.set(c.mask, n + 1);
    return n < keep;
  });
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export function scoreCombination(members: PreparedCandidate[]): number {
  const mask = members.reduce((m, c) => m | c.mask, 0);
  return SECTOR_POINTS * popcount(mask) - members.reduce((s, c) => s + PARTNER_COST - c.quality, 0);
}

/** Every member covers a missing sector no other member does. */
export function isIrredundant(members: PreparedCandidate[]): boolean {
  return members.every((c, i) => {
    const others = members.reduce((m, o, j) => (j === i ? m : m | o.mask), 0);
    return (c.mask & ~others) !== 0;
  });
}

/** Ranking: score, then fewer members, then the nearer in total, then the supplier ids. */
export function compareCombinations(a: PreparedCandidate[], b: PreparedCandidate[]): number {
  const d = scoreCombination(b) - scoreCombination(a) || a.length - b.length;
  if (d !== 0) return d;
  const dist = (m: PreparedCandidate[]) => m.reduce((s, c) => s + (c.distanceKm ?? PROXIMITY_RANGE_KM), 0);
  const dd = dist(a) - dist(b);
  if (dd !== 0) return dd;
  const ka = a.map((c) => c.supplierId).sort((x, y) => x - y);
  const kb = b.map((c) => c.supplierId).sort((x, y) => x - y);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return 0;
}

/**
 * Exhaustive search with bounds over a (reduced) pool: every irredundant combination of 1 to maxPartners
 * candidates, pruning a branch when even covering every remaining sector for free could not reach the
 * current `limit`-th best. Gives the best `limit`, ranked.
 */
export function exhaustiveSearch(
  candidates: PreparedCandidate[],
  sectorCount: number,
  limit: number,
  maxPartners: number,
): PreparedCandidate[][] {
  if (sectorCount > MAX_MISSING_SECTORS) throw new RangeError(`at most ${MAX_MISSING_SECTORS} missing sectors`);
  const full = (1 << sectorCount) - 1;
  const best: { members: PreparedCandidate[]; score: number }[] = [];
  const threshold = () => (best.length < limit ? -Infinity : best[best.length - 1].score);
  const chosen: PreparedCandidate[] = [];
  const visit = (start: number, mask: number, cost: number) => {
    for (let i = start; i < candidates.length; i++) {
      const c = candidates[i];
      if ((c.mask & ~mask) === 0) continue; // brings nothing new
      const newMask = mask | c.mask;
      const newCost = cost + PARTNER_COST - c.quality;
      chosen.push(c);
      const score = SECTOR_POINTS * popcount(newMask) - newCost;
      if (score >= threshold() && isIrredundant(chosen)) {
        best.push({ members: [...chosen], score });
        best.sort((a, b) => compareCombinations(a.members, b.members));
        if (best.length > limit) best.pop();
      }
      const bound = SECTOR_POINTS * popcount(full) - newCost - (PARTNER_COST - MAX_QUALITY); // a further member costs at least that
      if (chosen.length < maxPartners && newMask !== full && bound >= threshold()) visit(i + 1, newMask, newCost);
      chosen.pop();
    }
  };
  visit(0, 0, 0);
  return best.map((b) => b.members);
}

// ---------------------------------------------------------------------------------------------------------
// The MIP model for HiGHS

/**
 * CPLEX LP text: binary x_i (candidate i chosen), binary y_s (missing sector s covered);
 *   maximise Σ 2000 y_s − Σ (1200 − quality_i) x_i
 *   subject to y_s ≤ Σ_{i covers s} x_i, Σ x_i ≤ maxPartners,
 *   and for each combination already found, Σ_{i ∈ it} x_i ≤ |it| − 1 (the next-best one is asked for).
 * The exclusion also forbids supersets, which never rank lower than their subset unless they are redundant.
 */
export function buildCoverModel(
  candidates: PreparedCandidate[],
  sectorCount: number,
  maxPartners: number,
  exclusions: number[][] = [],
): string {
  const objective: string[] = [];
  for (let s = 0; s < sectorCount; s++) objective.push(`+ ${SECTOR_POINTS} y${s}`);
  candidates.forEach((c, i) => objective.push(`- ${PARTNER_COST - c.quality} x${i}`));
  const rows: string[] = [];
  for (let s = 0; s < sectorCount; s++) {
    const terms = candidates.flatMap((c, i) => ((c.mask >> s) & 1 ? [`- x${i}`] : []));
    rows.push(` cov${s}: y${s} ${terms.join(' ')} <= 0`);
  }
  if (candidates.length > 0) rows.push(` size: ${candidates.map((_, i) => `+ x${i}`).join(' ')} <= ${maxPartners}`);
  exclusions.forEach((ex, k) => rows.push(` cut${k}: ${ex.map((i) => `+ x${i}`).join(' ')} <= ${ex.length - 1}`));
  const binaries = [...Array.from({ length: sectorCount }, (_, s) => `y${s}`), ...candidates.map((_, i) => `x${i}`)];
  return [
    'Maximize',
    ` obj: ${objective.join(' ')}`,
    'Subject To',
    ...(rows.length > 0 ? rows : [` none: y0 <= 1`]),
    'Binary',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
}

/** The chosen candidates' indices from HiGHS' column values (name → primal). */
export function decodeSelection(columns: Record<string, { Primal?: number }>, candidateCount: number): number[] {
  const chosen: number[] = [];
  for (let i = 0; i < candidateCount; i++) if ((columns[`x${i}`]?.Primal ?? 0) > 0.5) chosen.push(i);
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------
// Reasons

function listFr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

export function describeSuggestion(request: SuggestionRequest, members: PreparedCandidate[]): Suggestion {
  const label = (s: string) => request.sectorLabels[s] ?? s;
  const mask = members.reduce((m, c) => m | c.mask, 0);
  const covered = request.missingSectors.filter((_, i) => (mask >> i) & 1);
  const uncovered = request.missingSectors.filter((_, i) => !((mask >> i) & 1));
  const memberReasons: Record<number, string[]> = {};
  for (const c of members) {
    const sectors = request.missingSectors.filter((_, i) => (c.mask >> i) & 1).map(label);
    const r = [`couvre ${listFr(sectors)}`];
    r.push(c.servesPlace ? 'intervient sur le lieu d’exécution' : 'zone d’intervention hors du lieu d’exécution');
    if (c.charterVerified) r.push('charte vérifiée');
    if (request.reservation !== 'none') r.push(`éligible au marché réservé (${request.reservation})`);
    if (c.distanceKm !== null) r.push(`à ${Math.round(c.distanceKm)} km`);
    memberReasons[c.supplierId] = r;
  }
  const reasons = [
    uncovered.length === 0
      ? `couvre tous les secteurs manquants (${listFr(covered.map(label))})`
      : `couvre ${covered.length} secteur${covered.length > 1 ? 's' : ''} sur ${request.missingSectors.length} ; reste à couvrir : ${listFr(uncovered.map(label))}`,
    members.length === 1 ? 'un seul partenaire' : `${members.length} partenaires`,
  ];
  return {
    members,
    score: scoreCombination(members),
    coveredSectors: covered,
    uncoveredSectors: uncovered,
    complete: uncovered.length === 0,
    reasons,
    memberReasons,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Service-area coverage of the place

export interface CandidateArea {
  kind: string;
  code: string | null;
  radiusKm: number | null;
}

/**
 * Whether one of the areas covers the place: national; the place's région, département or commune; a radius
 * at least the distance from the supplier's commune to the place (unknown distance: not covered).
 */
export function areasCoverPlace(
  areas: CandidateArea[],
  place: { communeCode?: string; departementCode?: string; regionCode?: string },
  distanceKm: number | null,
): boolean {
  return areas.some((a) => {
    switch (a.kind) {
      case 'national':
        return true;
      case 'region':
        return a.code !== null && a.code === place.regionCode;
      case 'departement':
        return a.code !== null && a.code === place.departementCode;
      case 'commune':
        return a.code !== null && a.code === place.communeCode;
      case 'radius':
        return distanceKm !== null && a.radiusKm !== null && distanceKm <= a.radiusKm;
      default:
        return false;
    }
  });
}
