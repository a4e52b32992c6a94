import type { Executor } from '../../../db/connection';
import { notifyOrganisations } from '../notifications/notify.server';

// Telling bidders what the buyer did (decisions 256–258): an in-site notification to each member organisation
// of the bid, and a mail to the owners of each, both in the caller's transaction (decision 084).

export interface BidderNotice {
  bidId: number;
  /** The member organisations to tell (bidderOrganisations). */
  organisationIds: readonly number[];
  /** A stable notification kind: 'bid-decision', 'tender-cancelled', 'tender-document-added'. */
  kind: string;
  title: string;
  body: string;
  /** A path on this site. */
  link: string;
  /** Whether the owners also get a mail (the in-site notification is always written). */
  mail: boolean;
}

export async function sendBidderNotices(
  trx: Executor,
  notices: readonly BidderNotice[],
  origin: string,
  now: Date,
): Promise<void> {
  for (const { organisationIds, kind, title, body, link, mail } of notices)
    await notifyOrganisations(trx, { organisationIds, kind, title, body, link, mail: mail ? {} : false }, origin, now);
}
