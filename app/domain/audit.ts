// The audit log (issue 6, docs/decisions/120-organisations-and-permissions.md): every moderation and
// permission-relevant decision, who took it, when and why. Rows are only ever added; the database refuses
// UPDATE and DELETE on the table (triggers in db/migrations/2026-12-01-003-organisations.ts).

export const AUDIT_ACTIONS = [
  // organisations and memberships
  'organisation.created',
  'organisation.updated',
  'membership.requested',
  'membership.approved',
  'membership.rejected',
  'membership.invited',
  'membership.invitation-revoked',
  'membership.joined',
  'membership.role-changed',
  'membership.removed',
  'membership.left',
  'membership.ownership-transferred',
  // the offer sheet
  'supplier.sheet-updated',
  'supplier.logo-updated',
  'supplier.suspended',
  'supplier.restored',
  'supplier.published',
  // the charter
  'charter.submitted',
  'charter.criterion-validated',
  'charter.criterion-rejected',
  'charter.verified',
  'charter.rejected',
  'charter.expiry-warned',
  'charter.expired',
  // buyers' needs and tenders (decisions 200–204)
  'tender.created',
  'tender.submitted',
  'tender.published',
  'tender.rejected',
  'tender.closed',
  // documents, cancellation and the buyer's decisions on bids (decisions 255–258; subject: the tender)
  'tender.document-added',
  'tender.document-removed',
  'tender.cancelled',
  'tender.bid-shortlisted',
  'tender.bid-rejected',
  'tender.bid-awarded',
  'tender.lot-unsuccessful',
  'tender.awarded',
  // site roles
  'user.site-role-changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECT_TYPES = [
  'organisation',
  'supplier',
  'user',
  'charter-assessment',
  'join-request',
  'tender',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
