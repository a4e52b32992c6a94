import type { CharterStatus } from '~/domain/charter';
import type { PublicationStatus } from '~/domain/supplier';
import { CharterStatusBadge } from './charter-status';

// How the organisation pages name a supplier's publication status.

export const PUBLICATION_STATUS_TEXT: Record<PublicationStatus, string> = {
  draft: 'Fiche non publiée (brouillon)',
  published: 'Fiche publiée dans le catalogue',
  suspended: 'Fiche suspendue par la modération',
};

/** The « Fiche » and « Charte » terms of a supplier organisation's definition list (its list entry, its page). */
export function SupplierStatusTerms({
  supplier,
}: {
  supplier: { publicationStatus: PublicationStatus; charterStatus: CharterStatus };
}) {
  return (
    <>
      <dt>Fiche</dt>
      <dd>{PUBLICATION_STATUS_TEXT[supplier.publicationStatus]}</dd>
      <dt>Charte</dt>
      <dd>
        <CharterStatusBadge status={supplier.charterStatus} />
      </dd>
    </>
  );
}
