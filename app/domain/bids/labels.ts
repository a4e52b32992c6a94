import type { BidKind, BidStatus } from './status';

// French labels of a bid's states, for the pages (decision 240).

export const BID_STATUS_LABELS: Record<BidStatus, string> = {
  forming: 'En préparation',
  submitted: 'Déposée',
  withdrawn: 'Retirée (modifiable jusqu’à la date limite)',
  dissolved: 'Abandonnée',
};

export const BID_KIND_LABELS: Record<BidKind, string> = {
  seul: 'Réponse seule',
  groupement: 'Groupement',
};

export const MEMBER_ROLE_LABELS = { mandataire: 'Mandataire', membre: 'Membre' } as const;
export const MEMBER_ACCEPTANCE_LABELS = {
  pending: 'Invitation en attente',
  accepted: 'A accepté',
  declined: 'A refusé',
} as const;
