import type { Executor } from '../../../db/connection';
import { enqueueMail } from '../../../db/repositories/mail-outbox';
import { composeMail } from '~/domain/mail';
import type { SignUpOutcome } from './accounts.server';
import type { EmailChangeHook } from './email-change.server';
import type { PasswordResetRequested } from './password-reset.server';

// The mails of the account pages, built with composeMail and written to the mail outbox inside the caller's
// transaction (docs/decisions/084-mail-outbox.md): the mail exists if and only if what it announces does.
// `origin` is the site's own origin (scheme and host of the request), for the absolute links.

const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function verifyEmailUrl(origin: string, token: string): string {
  return `${origin}/verifier-email?token=${encodeURIComponent(token)}`;
}

function composed(result: ReturnType<typeof composeMail>) {
  // The recipient was checked by the sign-up form and the texts are constants: a failure is a bug.
  if (!result.ok) throw new Error(`account mail: ${result.error}`);
  return result.value;
}

/** The verification link mail (sign-up, « renvoyer le lien »). */
export async function enqueueVerifyEmailMail(
  trx: Executor,
  input: { email: string; token: string; expiresAt: Date; origin: string },
  now: Date = new Date(),
): Promise<void> {
  const message = composeMail(input.email, {
    subject: 'Confirmez votre adresse e-mail — Maillage',
    paragraphs: [
      'Pour confirmer l’adresse de votre compte Maillage, ouvrez le lien ci-dessous puis validez.',
      `Ce lien est valable jusqu’au ${DATE_FORMAT.format(input.expiresAt)} et ne sert qu’une fois.`,
      'Si vous n’avez pas créé de compte sur Maillage, ignorez ce message : aucun compte ne sera activé.',
    ],
    action: { label: 'Confirmer mon adresse', url: verifyEmailUrl(input.origin, input.token) },
  });
  await enqueueMail(trx, composed(message), now);
}

/** To the owner of an address someone tried to sign up with again (the page answers the same either way). */
export async function enqueueAlreadyRegisteredMail(
  trx: Executor,
  input: { email: string; origin: string },
  now: Date = new Date(),
): Promise<void> {
  const message = composeMail(input.email, {
    subject: 'Tentative de création de compte — Maillage',
    paragraphs: [
      'Quelqu’un a tenté de créer un compte Maillage avec votre adresse, qui a déjà un compte. Aucun compte n’a été créé.',
      'Si c’était vous, connectez-vous avec votre mot de passe habituel. Sinon, vous pouvez ignorer ce message.',
    ],
    action: { label: 'Se connecter', url: `${input.origin}/connexion` },
  });
  await enqueueMail(trx, composed(message), now);
}

/** The sign-up hook of the /inscription page: the mail of either outcome, in the sign-up's transaction. */
export function signUpMails(origin: string, now: Date = new Date()) {
  return async (trx: Executor, outcome: SignUpOutcome): Promise<void> => {
    if (outcome.kind === 'created')
      await enqueueVerifyEmailMail(
        trx,
        { email: outcome.email, token: outcome.verifyEmailToken, expiresAt: outcome.verifyEmailExpiresAt, origin },
        now,
      );
    else await enqueueAlreadyRegisteredMail(trx, { email: outcome.email, origin }, now);
  };
}

export function resetPasswordUrl(origin: string, token: string): string {
  return `${origin}/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`;
}

/** The « mot de passe oublié » hook: the reset link mail when the address has an account, nothing otherwise. */
export function passwordResetMails(origin: string, now: Date = new Date()) {
  return async (trx: Executor, requested: PasswordResetRequested): Promise<void> => {
    if (!requested.delivery) return;
    const message = composeMail(requested.email, {
      subject: 'Réinitialiser votre mot de passe — Maillage',
      paragraphs: [
        'Pour choisir un nouveau mot de passe pour votre compte Maillage, ouvrez le lien ci-dessous.',
        `Ce lien est valable jusqu’au ${DATE_FORMAT.format(requested.delivery.expiresAt)} et ne sert qu’une fois. Une fois le mot de passe changé, toutes vos sessions sont fermées.`,
        'Si vous n’avez pas demandé de nouveau mot de passe, ignorez ce message : votre mot de passe actuel reste valable.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: resetPasswordUrl(origin, requested.delivery.token) },
    });
    await enqueueMail(trx, composed(message), now);
  };
}

export function confirmEmailChangeUrl(origin: string, token: string): string {
  return `${origin}/confirmer-adresse?token=${encodeURIComponent(token)}`;
}

/** The « changer d’adresse » hook: the confirmation link to the new address, a notice to the current one. */
export function emailChangeMails(origin: string, now: Date = new Date()): EmailChangeHook {
  return async (trx, requested) => {
    const link = composeMail(requested.newEmail, {
      subject: 'Confirmez votre nouvelle adresse e-mail — Maillage',
      paragraphs: [
        'Pour que votre compte Maillage utilise désormais cette adresse, ouvrez le lien ci-dessous puis validez.',
        `Ce lien est valable jusqu’au ${DATE_FORMAT.format(requested.expiresAt)} et ne sert qu’une fois. D’ici là, le compte garde son adresse actuelle.`,
        'Si vous n’avez rien demandé, ignorez ce message : rien ne changera.',
      ],
      action: { label: 'Confirmer la nouvelle adresse', url: confirmEmailChangeUrl(origin, requested.token) },
    });
    await enqueueMail(trx, composed(link), now);
    const notice = composeMail(requested.oldEmail, {
      subject: 'Changement d’adresse demandé — Maillage',
      paragraphs: [
        `Un changement de l’adresse de votre compte Maillage vers ${requested.newEmail} a été demandé. Il ne prendra effet que si le lien envoyé à la nouvelle adresse est ouvert.`,
        'Si ce n’est pas vous, changez votre mot de passe : la demande a été faite avec lui.',
      ],
      action: { label: 'Changer de mot de passe', url: `${origin}/compte/mot-de-passe` },
    });
    await enqueueMail(trx, composed(notice), now);
  };
}
