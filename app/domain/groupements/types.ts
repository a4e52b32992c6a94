// The groupement domain's own input shapes (issue 7 §2-3). Pure types: the tenders tables do not exist yet, so
// the services will map their rows to these when they are wired (docs/decisions/210-groupement-rules.md).

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

export type MemberRole = 'mandataire' | 'membre';
export type MemberAcceptance = 'pending' | 'accepted' | 'declined';

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
