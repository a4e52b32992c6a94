// The workspace's activity log (decision 230): each entry is a stable action name, shown with its French label
// and a short detail (names, lots). `activityLabel` (activity-labels.ts) looks here first.

export const BID_ACTIVITY_LABELS: Record<string, string> = {
  'bid.created': 'Réponse créée',
  'bid.lots-changed': 'Lots et prix modifiés',
  'bid.form-changed': 'Forme du groupement modifiée',
  'bid.member-invited': 'Partenaire invité',
  'bid.email-invited': 'Invitation envoyée par e-mail',
  'bid.invitation-revoked': 'Invitation annulée',
  'bid.member-accepted': 'Invitation acceptée',
  'bid.member-declined': 'Invitation refusée',
  'bid.member-removed': 'Membre retiré',
  'bid.member-left': 'Membre parti',
  'bid.mandataire-changed': 'Mandataire changé',
  'bid.submitted': 'Offre déposée',
  'bid.withdrawn': 'Offre retirée',
  'bid.dissolved': 'Réponse abandonnée',
};
