// The groupement domain's own input shapes (issue 7 §2-3, docs/decisions/210-groupement-rules.md): pure types
// the services map the tenders' and bids' rows to.

import type { BID_MEMBER_ACCEPTANCES, BID_MEMBER_ROLES } from '../bids/status';
import type { Reservation } from '../tenders/tender';

export type { Reservation };

/** A lot of a tender (a tender without lots has one implicit lot, number 1). Values in euro cents, incl. VAT. */
export interface TenderLot {
  number: number;
  title: string;
  sectors: string[];
  estimatedValueCents: number;
}

/** Where the tender is performed: the commune and its département and région codes when known. */
export interface TenderPlace {
  communeCode?: string;
  departementCode?: string;
  regionCode?: string;
  lat?: number;
  lon?: number;
}

export interface TenderForGroupement {
  id: number;
  lots: TenderLot[];
  place: TenderPlace;
  reservation: Reservation;
  /** The submission deadline, ISO 8601 with an offset or Z. */
  submissionDeadline: string;
  /** Whether a firm may bid alone and inside a groupement for this tender (double participation). */
  allowsDualParticipation: boolean;
}

/** The lists of bid_members' CHECK constraints (status.ts). */
export type MemberRole = (typeof BID_MEMBER_ROLES)[number];
export type MemberAcceptance = (typeof BID_MEMBER_ACCEPTANCES)[number];

export interface GroupementMember {
  supplierId: number;
  name: string;
  role: MemberRole;
  acceptance: MemberAcceptance;
  structureKind: string;
  sectors: string[];
  charterVerified: boolean;
  /** Whether one of the member's service areas covers the tender's place. */
  servesPlace: boolean;
  lat?: number;
  lon?: number;
}
