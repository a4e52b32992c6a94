import type { Executor } from '../connection';

// In-site notifications (decision 230): addressed to an organisation, every member sees them. The services
// insert them in the transaction of what they announce, next to the mail.

export interface NewNotification {
  /** A stable kind: 'tender-match', 'bid-invitation', 'question-answered', 'bid-decision', … */
  kind: string;
  title: string;
  body?: string;
  /** A path on this site. */
  link?: string | null;
}

export async function insertNotifications(
  db: Executor,
  organisationIds: readonly number[],
  notification: NewNotification,
  now: Date,
): Promise<void> {
  const unique = [...new Set(organisationIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      unique.map((organisationId) => ({
        organisation_id: organisationId,
        kind: notification.kind,
        title: notification.title,
        body: notification.body ?? '',
        link: notification.link ?? null,
        created_at: now.toISOString(),
      })),
    )
    .execute();
}
