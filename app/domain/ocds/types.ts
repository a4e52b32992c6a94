// What Maillage knows of a tender and its award, as the OCDS export reads it (input types), and the part of
// the OCDS 1.1.5 release and release package that Maillage writes (output types). Pure: no I/O, no database.
// Decisions 220–223 explain the mapping choices.

export type ProcurementMethod = 'open' | 'selective' | 'limited' | 'direct';
export type MainCategory = 'goods' | 'works' | 'services';
/** Maillage's tender life cycle (issue 7): only published and later states are public. */
export type MaillageTenderStatus = 'draft' | 'submitted' | 'published' | 'closed' | 'awarded' | 'cancelled';
export type Reservation = 'none' | 'L2113-12' | 'L2113-13' | 'L2113-14' | 'L2113-15';
export type GroupementForm = 'conjoint' | 'solidaire' | 'conjoint-mandataire-solidaire';
/** The documentType codes (OCDS documentType codelist) a tender's documents can carry. */
export type TenderDocumentType =
  | 'tenderNotice'
  | 'biddingDocuments'
  | 'technicalSpecifications'
  | 'evaluationCriteria'
  | 'eligibilityCriteria'
  | 'clarifications'
  | 'billOfQuantity'
  | 'contractDraft';

export interface OcdsAddressInput {
  streetAddress?: string | null;
  postalCode?: string | null;
  locality?: string | null;
  /** Defaults to « France ». */
  countryName?: string | null;
}

export interface OcdsOrganisationInput {
  name: string;
  /** 14 digits, Luhn-valid (app/domain/siret.ts). */
  siret: string;
  address?: OcdsAddressInput | null;
}

export interface OcdsLotInput {
  /** The lot's number in the tender (1, 2, 3…): the OCDS lot id is its string. */
  number: number;
  title: string;
  description?: string | null;
  /** Estimated value in euros (excl. VAT), if known. */
  estimatedValueEur?: number | null;
  /** CPV codes of the lot, if they differ from the tender's. */
  cpvCodes?: string[];
}

export interface OcdsDocumentInput {
  id: string | number;
  title: string;
  /** Absolute URL where the public can download the document. */
  url: string;
  documentType: TenderDocumentType;
  /** MIME type; the site only accepts PDF. */
  format?: string;
  datePublished?: Date | null;
  /** Lot numbers this document is about; empty or absent for the whole tender. */
  lotNumbers?: number[];
}

export interface OcdsTenderInput {
  /** Maillage's tender id: the ocid is OCID_PREFIX + this id. */
  id: number;
  buyer: OcdsOrganisationInput;
  title: string;
  description?: string | null;
  procurementMethod: ProcurementMethod;
  mainCategory: MainCategory;
  /** CPV codes, 8 digits with an optional check digit ("45210000" or "45210000-2"); the first is the main one. */
  cpvCodes: string[];
  /** Estimated value in euros (excl. VAT); if absent, the sum of the lots' values when they all have one. */
  estimatedValueEur?: number | null;
  /** Empty: a tender without lots (one implicit lot, no `tender.lots` in the export). */
  lots: OcdsLotInput[];
  reservation: Reservation;
  status: MaillageTenderStatus;
  /** When the tender was published on Maillage (tender period start). */
  publishedAt: Date;
  /** Submission deadline: tender period end. */
  submissionDeadline: Date;
  /** Questions deadline: enquiry period end. */
  questionsDeadline?: Date | null;
  contractDurationDays?: number | null;
  documents?: OcdsDocumentInput[];
}

export interface OcdsGroupementMemberInput {
  organisation: OcdsOrganisationInput;
  mandataire: boolean;
}

export type OcdsWinnerInput =
  | { kind: 'supplier'; organisation: OcdsOrganisationInput }
  | { kind: 'groupement'; form: GroupementForm; members: OcdsGroupementMemberInput[] };

export interface OcdsAwardInput {
  /** The lot awarded; null for a tender without lots. */
  lotNumber: number | null;
  /** When the award was decided. */
  date: Date;
  /** Awarded amount in euros (excl. VAT). */
  valueEur: number;
  winner: OcdsWinnerInput;
}

// ---- Output: the subset of OCDS 1.1.5 (plus the Lots extension) that Maillage writes ----

export interface OcdsValue {
  amount: number;
  currency: 'EUR';
}

export interface OcdsPeriod {
  startDate?: string;
  endDate?: string;
  durationInDays?: number;
}

export interface OcdsIdentifier {
  scheme: string;
  id: string;
  legalName?: string;
}

export interface OcdsAddress {
  streetAddress?: string;
  postalCode?: string;
  locality?: string;
  countryName?: string;
}

export interface OcdsOrganizationReference {
  id: string;
  name: string;
}

export interface OcdsParty {
  id: string;
  name: string;
  identifier: OcdsIdentifier;
  address?: OcdsAddress;
  roles: string[];
  /** Maillage's groupement details for a member of a winning groupement (decision 222). */
  details?: { groupements: OcdsGroupementRole[] };
}

/** One award won by a groupement this party belongs to, and its role in it. */
export interface OcdsGroupementRole {
  awardId: string;
  form: GroupementForm;
  role: 'mandataire' | 'cotraitant';
}

export interface OcdsClassification {
  scheme: 'CPV';
  id: string;
}

export interface OcdsItem {
  id: string;
  description: string;
  classification: OcdsClassification;
  additionalClassifications?: OcdsClassification[];
  relatedLot?: string;
}

export interface OcdsLot {
  id: string;
  title: string;
  description?: string;
  status: string;
  value?: OcdsValue;
}

export interface OcdsDocument {
  id: string;
  documentType: TenderDocumentType;
  title: string;
  url: string;
  format?: string;
  datePublished?: string;
  language: 'fr';
  relatedLots?: string[];
}

export interface OcdsTender {
  id: string;
  title: string;
  description?: string;
  status: string;
  procuringEntity: OcdsOrganizationReference;
  items: OcdsItem[];
  value?: OcdsValue;
  procurementMethod: ProcurementMethod;
  mainProcurementCategory: MainCategory;
  submissionMethod: string[];
  eligibilityCriteria?: string;
  tenderPeriod: OcdsPeriod;
  enquiryPeriod?: OcdsPeriod;
  contractPeriod?: OcdsPeriod;
  documents?: OcdsDocument[];
  lots?: OcdsLot[];
}

export interface OcdsAward {
  id: string;
  title: string;
  description: string;
  status: 'active';
  date: string;
  value: OcdsValue;
  suppliers: OcdsOrganizationReference[];
  relatedLots?: string[];
}

export type OcdsReleaseTag = 'tender' | 'tenderUpdate' | 'tenderCancellation' | 'award';

export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: OcdsReleaseTag[];
  initiationType: 'tender';
  language: 'fr';
  parties: OcdsParty[];
  buyer: OcdsOrganizationReference;
  tender: OcdsTender;
  awards?: OcdsAward[];
}

export interface OcdsReleasePackage {
  uri: string;
  version: '1.1';
  extensions: string[];
  publishedDate: string;
  publisher: { name: string; uri?: string };
  license: string;
  publicationPolicy: string;
  releases: OcdsRelease[];
}
