import type { Generated, Selectable } from 'kysely';
import type { SiteRole, UserTokenPurpose } from '../app/domain/auth/account';
import type { RateLimitBucket } from '../app/domain/auth/rate-limits';
import type { AuditAction, AuditSubjectType } from '../app/domain/audit';
import type { CharterStatus } from '../app/domain/charter';
import type { AssessmentStatus, CharterAnswer, CriterionReview } from '../app/domain/charter-assessment';
import type {
  BuyerSize,
  BuyerType,
  JoinRequestKind,
  JoinRequestStatus,
  MembershipRole,
  OrganisationKind,
} from '../app/domain/organisation';
import type { PublicationStatus, ServiceAreaKind } from '../app/domain/supplier';

import type {
  TendersTable,
  TenderLotsTable,
  TenderLotSectorsTable,
  TenderSectorsTable,
  TenderCpvCodesTable,
  TenderDocumentsTable,
  TenderLotOutcomesTable,
  TenderMatchesTable,
  NotificationSettingsTable,
  NotificationsTable,
  TenderInterestsTable,
  TenderQuestionsTable,
  BidsTable,
  BidMembersTable,
  BidInvitationsTable,
  BidLotsTable,
  BidAllocationsTable,
  BidSubcontractorsTable,
  BidChecklistItemsTable,
  BidMessagesTable,
  BidActivityTable,
  PartnerPostsTable,
  PartnerPostLotsTable,
  PartnerPostSectorsTable,
  PartnerOffersTable,
} from './schema-tenders';

export type * from './schema-tenders';

// Typed view of the tables created by db/migrations. Keep in step with the migrations.

export interface RegionsTable {
  code: string;
  name: string;
}

export interface DepartementsTable {
  code: string;
  name: string;
  region_code: string;
  latitude: number;
  longitude: number;
}

export interface CommunesTable {
  code: string;
  name: string;
  search_name: string;
  departement_code: string;
  region_code: string;
  postcodes: string;
  population: number;
  latitude: number;
  longitude: number;
  approximate_location: Generated<number>;
}

export interface StructureKindsTable {
  code: string;
  name: string;
  short_name: string;
  family: 'insertion' | 'disability' | 'prison' | 'ess';
  description: string;
  position: number;
}

export interface SectorGroupsTable {
  code: string;
  name: string;
  position: number;
}

export interface SectorsTable {
  code: string;
  group_code: string;
  name: string;
  position: number;
}

export interface SectorCpvDivisionsTable {
  sector_code: string;
  cpv_division: string;
}

export interface LabelsTable {
  code: string;
  name: string;
  description: string;
  position: number;
}

export interface CharterCriteriaTable {
  code: string;
  position: number;
  title: string;
  description: string;
}

export interface SuppliersTable {
  id: Generated<number>;
  slug: string;
  siret: string;
  name: string;
  trade_name: string | null;
  legal_form: string | null;
  structure_kind: string;
  year_founded: number | null;
  address: string | null;
  postcode: string | null;
  commune_code: string;
  description: Generated<string>;
  headcount: number | null;
  insertion_headcount: number | null;
  turnover_band: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  charter_status: Generated<CharterStatus>;
  charter_verified_at: string | null;
  publication_status: Generated<PublicationStatus>;
  created_at: string;
  updated_at: string;
  /** The re-encoded logo (stored_files.id), or null. */
  logo_file_id: string | null;
  /** When the owners were warned that the verified charter expires soon (2026-12-01-004). */
  charter_expiry_warned_at: string | null;
  /** The publication state a moderator's suspension interrupted, given back on restoration. */
  publication_before_suspension: 'draft' | 'published' | null;
}

export interface SupplierOffersTable {
  id: Generated<number>;
  supplier_id: number;
  position: number;
  name: string;
  description: Generated<string>;
}

export interface SupplierSectorsTable {
  supplier_id: number;
  sector_code: string;
}

export interface SupplierServiceAreasTable {
  id: Generated<number>;
  supplier_id: number;
  kind: ServiceAreaKind;
  code: string | null;
  radius_km: number | null;
}

export interface SupplierReferencesTable {
  id: Generated<number>;
  supplier_id: number;
  client_name: string;
  year: number;
  description: Generated<string>;
}

export interface SupplierLabelsTable {
  supplier_id: number;
  label_code: string;
}

/** One change to a supplier's search document (docs/decisions/320-search-change-sequence.md). */
export interface SearchChangesTable {
  seq: Generated<number>;
  supplier_id: number;
  changed_at: string;
}

/** A consumer's position in search_changes, and the claim of the process applying its next batch (320, 321). */
export interface SearchFeedCursorsTable {
  consumer: string;
  seq: number;
  updated_at: string;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
}

/** A change one consumer's engine kept refusing; retried later (docs/decisions/322). */
export interface SearchFeedFailuresTable {
  consumer: string;
  supplier_id: number;
  seq: number;
  attempts: number;
  last_error: string;
  failed_at: string;
  next_attempt_at: string;
}

/** A message waiting to be sent (docs/decisions/084-mail-outbox.md); deleted once the transport took it. */
export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: string;
}

// Accounts (db/migrations/2026-12-01-002-accounts.ts). Timestamps are ISO 8601 UTC strings.

export interface UsersTable {
  id: Generated<number>;
  /** Normalised by app/domain/auth/account.ts (normaliseEmail). */
  email: string;
  email_verified_at: string | null;
  /** argon2id PHC string. */
  password_hash: string;
  site_role: SiteRole | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 of the token's secret half. */
  secret_hash: Uint8Array;
  user_id: number;
  created_at: string;
  last_verified_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface UserTokensTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: number;
  purpose: UserTokenPurpose;
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitsTable {
  bucket: RateLimitBucket;
  key: string;
  window_start: string;
  hits: number;
}

// Organisations (db/migrations/2026-12-01-003-organisations.ts, decision 120).

export interface OrganisationsTable {
  id: Generated<number>;
  kind: OrganisationKind;
  name: string;
  supplier_id: number | null;
  siret: string | null;
  buyer_type: BuyerType | null;
  buyer_size: BuyerSize | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  organisation_id: number;
  user_id: number;
  role: MembershipRole;
  created_at: string;
}

export interface JoinRequestsTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: number;
  kind: JoinRequestKind;
  status: JoinRequestStatus;
  message: Generated<string>;
  created_at: string;
  decided_at: string | null;
  decided_by_user_id: number | null;
  decision_note: string | null;
}

export interface InvitationsTable {
  id: string;
  secret_hash: Uint8Array;
  organisation_id: number;
  email: string;
  role: MembershipRole;
  invited_by_user_id: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

/** Append-only: the database refuses UPDATE and DELETE. */
export interface AuditLogTable {
  id: Generated<number>;
  created_at: string;
  actor_user_id: number | null;
  actor_email: string | null;
  action: AuditAction;
  subject_type: AuditSubjectType;
  subject_id: number;
  organisation_id: number | null;
  supplier_id: number | null;
  reason: string | null;
  /** JSON object. */
  details: Generated<string>;
}

export type StoredFilePurpose = 'logo' | 'charter-evidence' | 'tender-document' | 'bid-document';

export interface StoredFilesTable {
  id: string;
  purpose: StoredFilePurpose;
  content_type: string;
  byte_size: number;
  sha256: string;
  original_name: string | null;
  organisation_id: number | null;
  uploaded_by_user_id: number | null;
  created_at: string;
}

// Charter assessments (db/migrations/2026-12-01-004-charter-assessments.ts, decisions 140-141).

export interface CharterAssessmentsTable {
  id: Generated<number>;
  supplier_id: number;
  version: number;
  status: AssessmentStatus;
  previous_charter_status: CharterStatus | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submitted_by_user_id: number | null;
  reviewed_at: string | null;
  reviewed_by_user_id: number | null;
  review_note: string | null;
}

export interface CharterAnswersTable {
  assessment_id: number;
  criterion_code: string;
  answer: CharterAnswer | null;
  evidence: Generated<string>;
  document_file_id: string | null;
  review: CriterionReview | null;
  review_note: string | null;
}

/** The daily jobs' last runs (decision 141). */
export interface JobRunsTable {
  name: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_ok_at: string | null;
  last_error: string | null;
  next_due_at: string | null;
}

export interface Database {
  regions: RegionsTable;
  departements: DepartementsTable;
  communes: CommunesTable;
  structure_kinds: StructureKindsTable;
  sector_groups: SectorGroupsTable;
  sectors: SectorsTable;
  sector_cpv_divisions: SectorCpvDivisionsTable;
  labels: LabelsTable;
  charter_criteria: CharterCriteriaTable;
  suppliers: SuppliersTable;
  supplier_offers: SupplierOffersTable;
  supplier_sectors: SupplierSectorsTable;
  supplier_service_areas: SupplierServiceAreasTable;
  supplier_references: SupplierReferencesTable;
  supplier_labels: SupplierLabelsTable;
  search_changes: SearchChangesTable;
  search_feed_cursors: SearchFeedCursorsTable;
  search_feed_failures: SearchFeedFailuresTable;
  mail_outbox: MailOutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  rate_limits: RateLimitsTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  join_requests: JoinRequestsTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  stored_files: StoredFilesTable;
  charter_assessments: CharterAssessmentsTable;
  charter_answers: CharterAnswersTable;
  job_runs: JobRunsTable;
  tenders: TendersTable;
  tender_lots: TenderLotsTable;
  tender_lot_sectors: TenderLotSectorsTable;
  tender_sectors: TenderSectorsTable;
  tender_cpv_codes: TenderCpvCodesTable;
  tender_documents: TenderDocumentsTable;
  tender_lot_outcomes: TenderLotOutcomesTable;
  tender_matches: TenderMatchesTable;
  notification_settings: NotificationSettingsTable;
  notifications: NotificationsTable;
  tender_interests: TenderInterestsTable;
  tender_questions: TenderQuestionsTable;
  bids: BidsTable;
  bid_members: BidMembersTable;
  bid_invitations: BidInvitationsTable;
  bid_lots: BidLotsTable;
  bid_allocations: BidAllocationsTable;
  bid_subcontractors: BidSubcontractorsTable;
  bid_checklist_items: BidChecklistItemsTable;
  bid_messages: BidMessagesTable;
  bid_activity: BidActivityTable;
  partner_posts: PartnerPostsTable;
  partner_post_lots: PartnerPostLotsTable;
  partner_post_sectors: PartnerPostSectorsTable;
  partner_offers: PartnerOffersTable;
}

export type Supplier = Selectable<SuppliersTable>;
export type Commune = Selectable<CommunesTable>;
export type User = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type UserTokenRow = Selectable<UserTokensTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type JoinRequest = Selectable<JoinRequestsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type StoredFile = Selectable<StoredFilesTable>;
export type CharterAssessment = Selectable<CharterAssessmentsTable>;
export type CharterAnswerRow = Selectable<CharterAnswersTable>;
export type JobRun = Selectable<JobRunsTable>;
