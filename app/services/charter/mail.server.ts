import type { Executor } from '../../../db/connection';
import { listOwnerEmails } from '../../../db/repositories/memberships';
import { enqueueMail } from '../../../db/repositories/mail-outbox';
import { composeMail, type MailContent } from '~/domain/mail';

// The charter's and the moderation's mails to an organisation's owners (French, text and HTML through
// composeMail), enqueued in the caller's transaction (docs/decisions/084-mail-outbox.md).

export const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** One message per owner of the organisation; an address composeMail refuses is skipped. Returns the count. */
export async function mailOwners(
  trx: Executor,
  organisationId: number,
  content: MailContent,
  now: Date,
): Promise<number> {
  let sent = 0;
  for (const email of await listOwnerEmails(trx, organisationId)) {
    const message = composeMail(email, content);
    if (!message.ok) continue;
    await enqueueMail(trx, message.value, now);
    sent += 1;
  }
  return sent;
}

export function charterPageUrl(origin: string, organisationId: number): string {
  return `${origin}/organisations/${organisationId}/charte`;
}
