import { AUDIT_ACTIONS, type AuditAction } from './audit';

// The audit log's actions in French, for /moderation/journal (decision 143). An action added to
// app/domain/audit.ts without a label here shows its code.

const LABELS: Partial<Record<AuditAction, string>> = {
  'organisation.created': 'Organisation créée',
  'organisation.updated': 'Organisation modifiée',
  'membership.requested': 'Demande de rattachement',
  'membership.approved': 'Rattachement accepté',
  'membership.rejected': 'Rattachement refusé',
  'membership.invited': 'Invitation envoyée',
  'membership.invitation-revoked': 'Invitation annulée',
  'membership.joined': 'Membre ajouté',
  'membership.role-changed': 'Rôle changé',
  'membership.removed': 'Membre retiré',
  'membership.left': 'Membre parti',
  'membership.ownership-transferred': 'Responsabilité transférée',
  'supplier.sheet-updated': 'Fiche modifiée',
  'supplier.logo-updated': 'Logo modifié',
  'supplier.suspended': 'Fournisseur suspendu',
  'supplier.restored': 'Fournisseur rétabli',
  'supplier.published': 'Fiche publiée',
  'charter.submitted': 'Auto-évaluation envoyée',
  'charter.criterion-validated': 'Critère de la charte validé',
  'charter.criterion-rejected': 'Critère de la charte refusé',
  'charter.verified': 'Charte vérifiée',
  'charter.rejected': 'Auto-évaluation refusée',
  'charter.expiry-warned': 'Expiration de la charte annoncée',
  'charter.expired': 'Charte expirée',
  'tender.created': 'Besoin créé',
  'tender.submitted': 'Besoin envoyé à la modération',
  'tender.published': 'Besoin publié',
  'tender.rejected': 'Besoin renvoyé à l’acheteur',
  'tender.closed': 'Besoin clos à la date limite',
  'tender.document-added': 'Document du besoin ajouté',
  'tender.document-removed': 'Document du besoin retiré',
  'tender.cancelled': 'Besoin annulé',
  'tender.bid-shortlisted': 'Offre présélectionnée',
  'tender.bid-rejected': 'Offre écartée',
  'tender.bid-awarded': 'Offre retenue (lot attribué)',
  'tender.lot-unsuccessful': 'Lot déclaré infructueux',
  'tender.awarded': 'Besoin attribué',
  'user.site-role-changed': 'Rôle sur le site changé',
};

export function auditActionLabel(action: string): string {
  return LABELS[action as AuditAction] ?? action;
}

/** Every action with its label, for the journal's filter. */
export const AUDIT_ACTION_OPTIONS = AUDIT_ACTIONS.map((value) => ({ value, label: auditActionLabel(value) }));
