import type { Executor } from '../../../db/connection';
import { insertNotifications } from '../../../db/repositories/notifications';
import { siteSubject } from '~/domain/mail';
import { mailOwners } from '../charter/mail.server';

// Telling organisations something (decision 230): an in-site notification to each, seen by every member, and,
// unless `mail` is false, a mail to the owners of each; both in the caller's transaction (decision 084).

export interface OrganisationNotice {
  organisationIds: readonly number[];
  /** A stable notification kind: 'bid-decision', 'question-asked', 'partner-offer', … */
  kind: string;
  title: string;
  body: string;
  /** A path on this site. */
  link: string;
  /**
   * The owners' mail: its subject (the title by default, « — Maillage » added), its paragraphs (the body by
   * default) and the label of its link (« Voir sur Maillage » by default); false for the notification alone.
   */
  mail: false | { subject?: string; paragraphs?: string[]; actionLabel?: string };
}

export async function notifyOrganisations(
  trx: Executor,
  notice: OrganisationNotice,
  origin: string,
  now: Date,
): Promise<void> {
  const { kind, title, body, link, mail } = notice;
  await insertNotifications(trx, notice.organisationIds, { kind, title, body, link }, now);
  if (mail === false) return;
  for (const organisationId of new Set(notice.organisationIds))
    await mailOwners(
      trx,
      organisationId,
      {
        subject: siteSubject(mail.subject ?? title),
        paragraphs: mail.paragraphs ?? [body],
        action: { label: mail.actionLabel ?? 'Voir sur Maillage', url: `${origin}${link}` },
      },
      now,
    );
}
