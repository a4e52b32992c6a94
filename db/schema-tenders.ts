import type { Generated } from 'kysely';
import type {
  BidInvitationStatus,
  BidKind,
  BidLotDecision,
  BidStatus,
  ChecklistStatus,
  LotOutcome,
  PartnerOfferStatus,
  PartnerPostStatus,
} from '../app/domain/bids/status';
import type { MemberAcceptance, MemberRole } from '../app/domain/groupements/types';
import type { GroupementForm } from '../app/domain/groupements/rules';
import type { MatchChannel, TenderAlertMode, TenderInterest } from '../app/domain/tenders/alerts';
import type {
  MainCategory,
  NeedKind,
  PlaceKind,
  ProcurementMethod,
  Reservation,
  TenderStatus,
} from '../app/domain/tenders/tender';

// Typed view of the tenders' and bids' tables (db/schema.ts lists every table in `Database`).

// Tenders (db/migrations/2026-12-01-005-tenders.ts, decisions 200-203).

export interface TendersTable {
  id: Generated<number>;
  buyer_organisation_id: number;
  kind: NeedKind;
  status: TenderStatus;
  title: string;
  description: Generated<string>;
  method: ProcurementMethod | null;
  category: MainCategory | null;
  place_kind: PlaceKind | null;
  place_code: string | null;
  estimated_value_euros: number | null;
  reservation: Generated<Reservation>;
  social_clause_hours: number | null;
  questions_deadline: string | null;
  submission_deadline: string | null;
  contract_duration_months: number | null;
  /** 0 or 1. */
  allow_dual_bidding: Generated<number>;
  contact_name: Generated<string>;
  contact_email: Generated<string>;
  contact_phone: Generated<string>;
  moderation_note: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
  closed_at: string | null;
  awarded_at: string | null;
  cancelled_at: string | null;
  cancellation_reason: string | null;
}

export interface TenderLotsTable {
  id: Generated<number>;
  tender_id: number;
  number: number;
  title: string;
  description: Generated<string>;
  estimated_value_euros: number | null;
}

export interface TenderLotSectorsTable {
  lot_id: number;
  sector_code: string;
}

export interface TenderSectorsTable {
  tender_id: number;
  sector_code: string;
}

export interface TenderCpvCodesTable {
  tender_id: number;
  code: string;
  position: number;
}

// Bids, groupements and what surrounds them (db/migrations/2026-12-01-006-bids-and-groupements.ts, decision 230).

export interface TenderDocumentsTable {
  id: Generated<number>;
  tender_id: number;
  file_id: string;
  title: string;
  position: number;
  created_at: string;
}

export interface TenderLotOutcomesTable {
  tender_id: number;
  lot_number: number;
  outcome: LotOutcome;
  reason: string | null;
  decided_by_user_id: number | null;
  decided_at: string;
}

export interface TenderMatchesTable {
  tender_id: number;
  supplier_id: number;
  rank: number;
  score: number;
  /** JSON array of French reasons. */
  reasons: Generated<string>;
  channel: MatchChannel;
  mailed_at: string | null;
  created_at: string;
}

export interface NotificationSettingsTable {
  organisation_id: number;
  tender_alerts: TenderAlertMode;
  daily_cap: number;
  last_digest_at: string | null;
  updated_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  organisation_id: number;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface TenderInterestsTable {
  tender_id: number;
  supplier_id: number;
  interest: TenderInterest;
  reason: string | null;
  user_id: number | null;
  updated_at: string;
}

export interface TenderQuestionsTable {
  id: Generated<number>;
  tender_id: number;
  supplier_id: number;
  asked_by_user_id: number | null;
  question: string;
  answer: string | null;
  answered_by_user_id: number | null;
  answered_at: string | null;
  created_at: string;
}

export interface BidsTable {
  id: Generated<number>;
  tender_id: number;
  kind: BidKind;
  name: string;
  form: GroupementForm | null;
  status: BidStatus;
  /** 0 or 1: a DUME per member in place of the DC2. */
  use_dume: Generated<number>;
  submitted_at: string | null;
  submitted_by_user_id: number | null;
  submission_count: Generated<number>;
  withdrawn_at: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface BidMembersTable {
  bid_id: number;
  supplier_id: number;
  role: MemberRole;
  acceptance: MemberAcceptance;
  invited_by_user_id: number | null;
  invited_at: string;
  responded_at: string | null;
}

export interface BidInvitationsTable {
  id: Generated<number>;
  bid_id: number;
  email: string;
  token_hash: string;
  invited_by_user_id: number | null;
  status: BidInvitationStatus;
  created_at: string;
  expires_at: string;
  responded_at: string | null;
}

export interface BidLotsTable {
  bid_id: number;
  lot_number: number;
  /** Euro cents excluding VAT. */
  price_cents: number | null;
  decision: Generated<BidLotDecision>;
  decision_reason: string | null;
  decided_at: string | null;
}

export interface BidAllocationsTable {
  bid_id: number;
  lot_number: number;
  supplier_id: number;
  /** Basis points: 10 000 = 100 %. */
  share_bp: number;
  tasks: Generated<string>;
}

export interface BidSubcontractorsTable {
  id: Generated<number>;
  bid_id: number;
  name: string;
  siret: string;
  services: string;
  amount_cents_ttc: number;
  lot_number: number | null;
  created_at: string;
}

export interface BidChecklistItemsTable {
  id: Generated<number>;
  bid_id: number;
  key: string;
  kind: string;
  label: string;
  assignee_supplier_id: number | null;
  due_date: string | null;
  status: ChecklistStatus;
  file_id: string | null;
  updated_by_user_id: number | null;
  updated_at: string;
}

export interface BidMessagesTable {
  id: Generated<number>;
  bid_id: number;
  supplier_id: number;
  author_user_id: number | null;
  body: string;
  created_at: string;
}

export interface BidActivityTable {
  id: Generated<number>;
  bid_id: number;
  supplier_id: number | null;
  user_id: number | null;
  action: string;
  detail: Generated<string>;
  created_at: string;
}

export interface PartnerPostsTable {
  id: Generated<number>;
  tender_id: number;
  supplier_id: number;
  bid_id: number | null;
  message: string;
  status: PartnerPostStatus;
  created_by_user_id: number | null;
  created_at: string;
}

export interface PartnerPostLotsTable {
  post_id: number;
  lot_number: number;
}

export interface PartnerPostSectorsTable {
  post_id: number;
  sector_code: string;
}

export interface PartnerOffersTable {
  id: Generated<number>;
  post_id: number;
  supplier_id: number;
  message: string;
  status: PartnerOfferStatus;
  created_by_user_id: number | null;
  created_at: string;
  responded_at: string | null;
}
