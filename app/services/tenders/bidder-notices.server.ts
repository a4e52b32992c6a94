import type { Executor } from '../../../db/connection';
import { insertNotifications } from '../../../db/repositories/notifications';
import { mailOwners } from '../charter/mail.server';

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

const SUBJECT_TITLE_MAX = 150;

/** A title short enough for a mail subject (composeMail refuses more than 200 characters). */
export function subjectTitle(title: string): string {
  return title.length > SUBJECT_TITLE_MAX ? `${title.slice(0, SUBJECT_TITLE_MAX - 1)}…` : title;
}

export async function sendBidderNotices(
  trx: Executor,
  notices: readonly BidderNotice[],
  origin: string,
  now: Date,
): Promise<void> {
  for (const notice of notices) {
    await insertNotifications(
      trx,
      notice.organisationIds,
      { kind: notice.kind, title: notice.title, body: notice.body, link: notice.link },
      now,
    );
    if (!notice.mail) continue;
    for (const organisationId of new Set(notice.organisationIds))
      await mailOwners(
        trx,
        organisationId,
        {
          subject: `${subjectTitle(notice.title)} — Maillage`,
          paragraphs: [notice.body],
          action: { label: 'Voir sur Maillage', url: `${origin}${notice.link}` },
        },
        now,
      );
  }
}
