import type { Executor } from '../../../db/connection';
import type { BidMemberRecord } from '../../../db/repositories/bids';
import { listGroupementCandidates } from '../../../db/repositories/groupement-candidates';
import { placeFacts, sectorNames, supplierSectors } from '../../../db/repositories/bid-workspace';
import type { TenderRecord } from '../../../db/repositories/tenders';
import { uncoveredSectors } from '../../domain/bids/workspace';
import { haversineKm } from '../../domain/geo';
import { areasCoverPlace, type SuggestionCandidateInput } from '../../domain/groupements/suggestions';
import { lotsOf } from '../../domain/tenders/form';
import { suggestPartners, type SuggestionMethod } from '../groupements/suggestions.server';

// Partner suggestions on a groupement's allocation page (issue 7 §3, decision 245): the sectors of the
// answered lots that no accepted or invited member covers, the candidates pre-filtered in SQL around the
// tender's place (decision 213), and the exact weighted set cover of suggestPartners, which says its method.

export interface SuggestedPartner {
  supplierId: number;
  name: string;
  reasons: string[];
}

export interface BidSuggestions {
  method: SuggestionMethod;
  /** The French names of the sectors still to cover, and the lots holding them. */
  missingSectors: string[];
  uncoveredLots: number[];
  combinations: { partners: SuggestedPartner[]; reasons: string[]; complete: boolean }[];
}

export interface CoverageGap {
  lots: number[];
  sectors: string[];
  labels: Record<string, string>;
}

/** What the members (not declined) leave uncovered among the answered lots. */
export async function coverageGap(
  db: Executor,
  tender: TenderRecord,
  members: BidMemberRecord[],
  answeredLots: number[],
): Promise<CoverageGap> {
  const active = members.filter((m) => m.acceptance !== 'declined');
  const sectors = await supplierSectors(
    db,
    active.map((m) => m.supplier_id),
  );
  const gap = uncoveredSectors(
    lotsOf(tender).map((l) => ({ number: l.number, sectors: l.sectors })),
    answeredLots,
    [...sectors.values()],
  );
  return { ...gap, labels: await sectorNames(db, gap.sectors) };
}

/** Suggestions for the gap, or null when nothing is missing. Current members (even declined) are left out. */
export async function suggestionsForBid(
  db: Executor,
  tender: TenderRecord,
  members: BidMemberRecord[],
  gap: CoverageGap,
): Promise<BidSuggestions | null> {
  if (gap.sectors.length === 0) return null;
  const place = await placeFacts(db, tender.placeKind, tender.placeCode);
  // A national or regional place reaches only the national (and that région's) service areas.
  const rows = await listGroupementCandidates(
    db,
    { departementCode: place.departementCode ?? '', regionCode: place.regionCode ?? '' },
    gap.sectors,
  );
  const excluded = new Set(members.map((m) => m.supplier_id));
  const pool: SuggestionCandidateInput[] = rows
    .filter((r) => !excluded.has(r.id))
    .map((r) => {
      const distanceKm =
        place.lat !== undefined && place.lon !== undefined ? haversineKm(r.lat, r.lon, place.lat, place.lon) : null;
      return {
        supplierId: r.id,
        name: r.name,
        structureKind: r.structureKind,
        sectors: r.sectors,
        servesPlace: areasCoverPlace(r.areas, place, distanceKm),
        charterVerified: r.charterStatus === 'verified',
        distanceKm,
      };
    });
  const answer = await suggestPartners(
    { missingSectors: gap.sectors, sectorLabels: gap.labels, reservation: tender.reservation },
    pool,
  );
  return {
    method: answer.method,
    missingSectors: gap.sectors.map((s) => gap.labels[s] ?? s),
    uncoveredLots: gap.lots,
    combinations: answer.suggestions.map((s) => ({
      partners: s.members.map((m) => ({
        supplierId: m.supplierId,
        name: m.name,
        reasons: s.memberReasons[m.supplierId] ?? [],
      })),
      reasons: s.reasons,
      complete: s.complete,
    })),
  };
}
