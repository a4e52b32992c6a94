import { Link } from '@remix-run/react';
import { BidWorkspaceNav } from '~/components/bid-workspace-nav';
import { formatDate } from '~/components/format';
import { BID_STATUS_TEXT } from '~/domain/bids/workspace';
import type { BidStatus } from '~/domain/bids/status';

// The top of each page of a bid's workspace (decision 245): the page's h1, the tender, the bid's state and the
// tabs; a notice when the bid is frozen (submitted) or the visitor only reads.

export interface WorkspaceHeading {
  id: number;
  name: string;
  kind: 'seul' | 'groupement';
  status: BidStatus;
  tender: { id: number; title: string; submissionDeadline: string | null };
}

export function WorkspaceHeader({
  bid,
  title,
  readOnly,
}: {
  bid: WorkspaceHeading;
  title: string;
  /** Why the visitor cannot change this page, when they cannot. */
  readOnly: string | null;
}) {
  return (
    <>
      <p>
        <Link to={`/appels-d-offres/${bid.tender.id}`}>{bid.tender.title}</Link>
      </p>
      <h1>
        {title} — {bid.name}
      </h1>
      <p>
        {bid.kind === 'groupement' ? 'Réponse en groupement' : 'Réponse seule'} · {BID_STATUS_TEXT[bid.status]}
        {bid.tender.submissionDeadline
          ? ` · date limite de remise des offres : ${formatDate(bid.tender.submissionDeadline)}`
          : null}
      </p>
      <BidWorkspaceNav bidId={bid.id} />
      {readOnly ? (
        <div className="notice" role="note">
          <p>{readOnly}</p>
        </div>
      ) : null}
    </>
  );
}
