import type { PublicationStatus } from '~/domain/supplier';

// How the organisation pages name a supplier's publication status.

export const PUBLICATION_STATUS_TEXT: Record<PublicationStatus, string> = {
  draft: 'Fiche non publiée (brouillon)',
  published: 'Fiche publiée dans le catalogue',
  suspended: 'Fiche suspendue par la modération',
};

export function PublicationStatusText({ status }: { status: PublicationStatus }) {
  return <>{PUBLICATION_STATUS_TEXT[status]}</>;
}
