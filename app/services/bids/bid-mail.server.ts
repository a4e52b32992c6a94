import type { Executor } from '../../../db/connection';
import { enqueueMail } from '../../../db/repositories/mail-outbox';
import { listOwnerEmails } from '../../../db/repositories/memberships';
import { insertNotifications } from '../../../db/repositories/notifications';
import { composeMail, siteSubject } from '~/domain/mail';

// The mails and in-site notifications of a bid's membership (decisions 240–242), enqueued in the caller's
// transaction (decision 084): a mail exists if and only if what it announces was committed. `origin` is the
// site's own origin (siteOrigin(request)), for the absolute links.

const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function formatParisDateTime(iso: string): string {
  return DATE_FORMAT.format(new Date(iso));
}

async function send(trx: Executor, to: string, content: Parameters<typeof composeMail>[1], now: Date): Promise<void> {
  const message = composeMail(to, content);
  // Addresses come from accounts or from the invitation form, both checked: a failure is a bug.
  if (!message.ok) throw new Error(`bid mail: ${message.error}`);
  await enqueueMail(trx, message.value, now);
}

export function bidInvitationUrl(origin: string, token: string): string {
  return `${origin}/groupements/invitations/${encodeURIComponent(token)}`;
}

/** A catalogue supplier invited into a groupement: its organisation is notified, its owners mailed. */
export async function announceSupplierInvitation(
  trx: Executor,
  input: {
    organisationId: number;
    bidId: number;
    groupementName: string;
    leadName: string;
    tenderTitle: string;
    deadline: string;
    origin: string;
  },
  now: Date,
): Promise<void> {
  const link = `/reponses/${input.bidId}`;
  await insertNotifications(
    trx,
    [input.organisationId],
    {
      kind: 'bid-invitation',
      title: `${input.leadName} vous invite dans le groupement « ${input.groupementName} »`,
      body: `Appel d’offres : ${input.tenderTitle}. Acceptez ou refusez l’invitation depuis l’espace de la réponse.`,
      link,
    },
    now,
  );
  for (const owner of await listOwnerEmails(trx, input.organisationId))
    await send(
      trx,
      owner,
      {
        subject: siteSubject(`Invitation à rejoindre le groupement « ${input.groupementName} »`),
        paragraphs: [
          `${input.leadName} invite votre structure à rejoindre le groupement « ${input.groupementName} » pour répondre à l’appel d’offres « ${input.tenderTitle} ».`,
          `Les offres sont à remettre avant le ${formatParisDateTime(input.deadline)}. Ouvrez l’espace de la réponse pour voir les lots et accepter ou refuser l’invitation.`,
        ],
        action: { label: 'Voir l’invitation', url: `${input.origin}${link}` },
      },
      now,
    );
}

/** An invitation by e-mail to a structure not found in the catalogue (or whose managers are unknown). */
export function enqueueEmailInvitation(
  trx: Executor,
  input: {
    to: string;
    invitedBy: string;
    groupementName: string;
    leadName: string;
    tenderTitle: string;
    token: string;
    expiresAt: Date;
    origin: string;
  },
  now: Date,
): Promise<void> {
  return send(
    trx,
    input.to,
    {
      subject: siteSubject(`Invitation à rejoindre le groupement « ${input.groupementName} »`),
      paragraphs: [
        `${input.leadName} (${input.invitedBy}) invite votre structure à rejoindre le groupement « ${input.groupementName} » pour répondre ensemble à l’appel d’offres « ${input.tenderTitle} » sur Maillage.`,
        'Connectez-vous (ou créez un compte et rattachez-le à votre structure), puis acceptez ou refusez l’invitation au nom de votre structure.',
        `Ce lien est valable jusqu’au ${formatParisDateTime(input.expiresAt.toISOString())} et ne sert qu’une fois.`,
      ],
      action: { label: 'Répondre à l’invitation', url: bidInvitationUrl(input.origin, input.token) },
    },
    now,
  );
}

/** Tells every member organisation (notification, and a mail to its owners when `mail`) of an event of the bid. */
export async function announceToMembers(
  trx: Executor,
  input: {
    organisationIds: readonly number[];
    bidId: number;
    kind: string;
    title: string;
    paragraphs: string[];
    origin: string | null;
    mail: boolean;
  },
  now: Date,
): Promise<void> {
  const link = `/reponses/${input.bidId}`;
  await insertNotifications(
    trx,
    input.organisationIds,
    { kind: input.kind, title: input.title, body: input.paragraphs.join(' '), link },
    now,
  );
  if (!input.mail || input.origin === null) return;
  const sent = new Set<string>();
  for (const organisationId of new Set(input.organisationIds))
    for (const owner of await listOwnerEmails(trx, organisationId)) {
      if (sent.has(owner)) continue;
      sent.add(owner);
      await send(
        trx,
        owner,
        {
          subject: siteSubject(input.title),
          paragraphs: input.paragraphs,
          action: { label: 'Ouvrir l’espace de la réponse', url: `${input.origin}${link}` },
        },
        now,
      );
    }
}
