import type { Executor } from '../../../db/connection';
import { enqueueMail } from '../../../db/repositories/mail-outbox';
import { composeMail } from '~/domain/mail';
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from '~/domain/organisation';

// The mails of organisations and memberships (decisions 121, 122), built with composeMail and enqueued in the
// caller's transaction (decision 084): a mail exists if and only if what it announces was committed. `origin`
// is the site's own origin (siteOrigin(request)), for the absolute links.

const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

async function send(trx: Executor, to: string, content: Parameters<typeof composeMail>[1], now: Date): Promise<void> {
  const message = composeMail(to, content);
  // The addresses come from accounts or from the invitation form, both checked: a failure is a bug.
  if (!message.ok) throw new Error(`organisation mail: ${message.error}`);
  await enqueueMail(trx, message.value, now);
}

export function invitationUrl(origin: string, token: string): string {
  return `${origin}/invitations/${encodeURIComponent(token)}`;
}

/** To the person who claimed a supplier nobody manages yet: the moderators will check. */
export function enqueueClaimPendingMail(
  trx: Executor,
  input: { to: string; organisationName: string; origin: string },
  now: Date,
): Promise<void> {
  return send(
    trx,
    input.to,
    {
      subject: `Demande de rattachement à « ${input.organisationName} » reçue — Maillage`,
      paragraphs: [
        `Votre demande pour gérer la fiche de « ${input.organisationName} » sur Maillage a bien été reçue.`,
        'L’équipe de modération vérifie votre lien avec la structure avant de vous en confier la gestion. Vous recevrez un message dès que la décision sera prise.',
      ],
      action: { label: 'Voir mes organisations', url: `${input.origin}/organisations` },
    },
    now,
  );
}

/** To each owner of a supplier organisation someone asked to join. */
export async function enqueueJoinRequestedMails(
  trx: Executor,
  input: {
    owners: string[];
    requester: string;
    organisationId: number;
    organisationName: string;
    message: string;
    origin: string;
  },
  now: Date,
): Promise<void> {
  for (const owner of input.owners)
    await send(
      trx,
      owner,
      {
        subject: `${input.requester} demande à rejoindre « ${input.organisationName} » — Maillage`,
        paragraphs: [
          `${input.requester} demande à rejoindre l’organisation « ${input.organisationName} » sur Maillage, dont vous êtes propriétaire.`,
          ...(input.message ? [`Son message : « ${input.message} »`] : []),
          'Acceptez la demande (la personne deviendra éditrice de la fiche et de la charte) ou refusez-la depuis la page des membres.',
        ],
        action: { label: 'Voir la demande', url: `${input.origin}/organisations/${input.organisationId}/membres` },
      },
      now,
    );
}

/** To the person whose claim or join request was decided. */
export function enqueueRequestDecidedMail(
  trx: Executor,
  input: {
    to: string;
    approved: boolean;
    role: MembershipRole;
    organisationId: number;
    organisationName: string;
    note: string | null;
    origin: string;
  },
  now: Date,
): Promise<void> {
  const role = MEMBERSHIP_ROLE_LABELS[input.role].toLowerCase();
  return send(
    trx,
    input.to,
    input.approved
      ? {
          subject: `Demande acceptée : « ${input.organisationName} » — Maillage`,
          paragraphs: [
            `Votre demande pour rejoindre « ${input.organisationName} » sur Maillage a été acceptée : vous en êtes désormais ${role}.`,
            ...(input.note ? [`Note : « ${input.note} »`] : []),
          ],
          action: { label: 'Ouvrir l’organisation', url: `${input.origin}/organisations/${input.organisationId}` },
        }
      : {
          subject: `Demande refusée : « ${input.organisationName} » — Maillage`,
          paragraphs: [
            `Votre demande pour rejoindre « ${input.organisationName} » sur Maillage a été refusée.`,
            input.note ? `Motif : « ${input.note} »` : 'Aucun motif n’a été donné.',
            'Si vous pensez que c’est une erreur, vous pouvez faire une nouvelle demande en expliquant votre lien avec la structure.',
          ],
          action: { label: 'Voir mes organisations', url: `${input.origin}/organisations` },
        },
    now,
  );
}

/** To the invited address: the single-use link. */
export function enqueueInvitationMail(
  trx: Executor,
  input: {
    to: string;
    invitedBy: string;
    role: MembershipRole;
    organisationName: string;
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
      subject: `Invitation à rejoindre « ${input.organisationName} » — Maillage`,
      paragraphs: [
        `${input.invitedBy} vous invite à rejoindre l’organisation « ${input.organisationName} » sur Maillage, comme ${MEMBERSHIP_ROLE_LABELS[input.role].toLowerCase()}.`,
        `Pour accepter, ouvrez le lien ci-dessous en étant connecté avec cette adresse (${input.to}). Si vous n’avez pas encore de compte, créez-le avec cette adresse et confirmez-la, puis ouvrez de nouveau ce lien.`,
        `Ce lien est valable jusqu’au ${DATE_FORMAT.format(input.expiresAt)} et ne sert qu’une fois.`,
        'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
      ],
      action: { label: 'Voir l’invitation', url: invitationUrl(input.origin, input.token) },
    },
    now,
  );
}

/** To a member removed by an owner. */
export function enqueueMemberRemovedMail(
  trx: Executor,
  input: { to: string; organisationName: string; origin: string },
  now: Date,
): Promise<void> {
  return send(
    trx,
    input.to,
    {
      subject: `Vous ne faites plus partie de « ${input.organisationName} » — Maillage`,
      paragraphs: [
        `Un propriétaire de l’organisation « ${input.organisationName} » vous en a retiré sur Maillage : vous n’y avez plus accès.`,
        'Si vous pensez que c’est une erreur, contactez les propriétaires de l’organisation.',
      ],
      action: { label: 'Voir mes organisations', url: `${input.origin}/organisations` },
    },
    now,
  );
}

/** To the member who became owner. */
export function enqueueOwnershipTransferredMail(
  trx: Executor,
  input: { to: string; from: string; organisationId: number; organisationName: string; origin: string },
  now: Date,
): Promise<void> {
  return send(
    trx,
    input.to,
    {
      subject: `Vous êtes propriétaire de « ${input.organisationName} » — Maillage`,
      paragraphs: [
        `${input.from} vous a transféré la propriété de l’organisation « ${input.organisationName} » sur Maillage. Vous gérez désormais ses membres et ses invitations ; ${input.from} en reste éditeur.`,
      ],
      action: { label: 'Ouvrir l’organisation', url: `${input.origin}/organisations/${input.organisationId}` },
    },
    now,
  );
}
