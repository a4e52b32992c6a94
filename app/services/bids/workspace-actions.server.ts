import type { ActionFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { idParam, privateHeaders } from '../auth/authorize.server';
import { siteOrigin } from '../auth/current-user.server';
import { parseUnchecked, replyWithIssues } from '../auth/form-reply.server';
import { getAppContext } from '../context.server';
import { authorizeBid, type BidAction } from './access.server';
import { inviteByEmail } from './email-invitations.server';
import {
  answerBidInvitation,
  changeBidForm,
  changeMandataire,
  dissolveBid,
  inviteSupplier,
  leaveBid,
  removeBidMember,
  revokeBidInvitation,
  saveBidLots,
  type BidActionInput,
} from './membership.server';
import { actorMembers } from './overview.server';
import { submitBid, withdrawBid } from './submission.server';

// The action of /reponses/:bidId (decision 240): one `intent` per form, each with its bid permission (decision
// 231), asked through authorizeBid before anything is read from the form; the service checks the data's rules.
// Success answers the page with a message; a refusal is a 400 with the messages (next to the fields of the
// lots, form and invitation forms), a rate limit a 429.

export const BID_INTENTS = {
  'save-lots': 'bid.lead',
  'change-form': 'bid.lead',
  'invite-supplier': 'bid.lead',
  'invite-email': 'bid.lead',
  'remove-member': 'bid.lead',
  'revoke-invitation': 'bid.lead',
  'change-mandataire': 'bid.lead',
  dissolve: 'bid.lead',
  submit: 'bid.lead',
  withdraw: 'bid.lead',
  accept: 'bid.respond',
  decline: 'bid.respond',
  leave: 'bid.work',
} as const satisfies Record<string, BidAction>;
export type BidIntent = keyof typeof BID_INTENTS;

function isIntent(value: unknown): value is BidIntent {
  return typeof value === 'string' && Object.hasOwn(BID_INTENTS, value);
}

/** The fields whose messages are shown next to them, per form. */
const VISIBLE_FIELDS: Partial<Record<BidIntent, (fields: Record<string, unknown>) => string[]>> = {
  'save-lots': (fields) => ['lots', ...Object.keys(fields).filter((k) => k.startsWith('price-'))],
  'change-form': () => ['form'],
  'invite-email': () => ['email'],
};

export async function bidWorkspaceAction({ request, context, params }: ActionFunctionArgs, now: Date = new Date()) {
  const bidId = idParam(params.bidId);
  const ctx = await getAppContext();
  const formData = await request.formData();
  const intent = formData.get('intent');
  const access = await authorizeBid(
    { request, context },
    ctx,
    bidId,
    isIntent(intent) ? BID_INTENTS[intent] : 'bid.view',
    now,
  );
  const headers = privateHeaders(access.setCookie);
  if (!isIntent(intent)) throw data(null, { status: 400, headers });
  const db = ctx.database.db;
  // Repeated fields (the lots' checkboxes) are kept whole.
  const fields: Record<string, unknown> = { ...Object.fromEntries(formData), lots: formData.getAll('lots') };
  const me = actorMembers(access);
  const actorSupplierId =
    (BID_INTENTS[intent] === 'bid.respond' ? me.pending : intent === 'leave' ? (me.leaving ?? me.lead) : me.lead)
      ?.supplier_id ?? 0;
  const input: BidActionInput = {
    bidId,
    actor: { userId: access.user.id, email: access.user.email },
    actorSupplierId,
    fields,
    origin: siteOrigin(request),
  };
  const submission = parseUnchecked(formData);
  const answer = (
    ok: boolean,
    message: string,
    extra: { issues?: string[]; status?: number; init?: ResponseInit; result?: unknown } = {},
  ) =>
    data(
      {
        intent,
        ok,
        message,
        issues: extra.issues ?? [],
        result: (extra.result ?? null) as ReturnType<typeof replyWithIssues> | null,
      },
      {
        status: extra.status ?? (ok ? 200 : 400),
        headers: { ...headers, ...(extra.init?.headers as Record<string, string>) },
      },
    );
  const refused = (outcome: {
    kind: string;
    issues?: { field: string; message: string }[];
    message?: string;
    retryAfterSeconds?: number;
  }) => {
    if (outcome.kind === 'rate-limited')
      return answer(false, outcome.message ?? '', {
        status: 429,
        init: { headers: { 'Retry-After': String(outcome.retryAfterSeconds ?? 60) } },
      });
    const issues = outcome.issues ?? [];
    const visible = VISIBLE_FIELDS[intent]?.(fields) ?? [];
    return answer(false, issues.length === 1 ? issues[0].message : 'La demande n’a pas pu aboutir :', {
      issues: issues.length === 1 ? [] : issues.map((i) => i.message),
      result: visible.length > 0 ? replyWithIssues(submission, issues, visible) : null,
    });
  };

  switch (intent) {
    case 'save-lots': {
      const done = await saveBidLots(db, input, now);
      return done.ok ? answer(true, 'Les lots et les prix sont enregistrés.') : refused(done.error);
    }
    case 'change-form': {
      const done = await changeBidForm(db, input, now);
      return done.ok ? answer(true, 'La forme du groupement est enregistrée.') : refused(done.error);
    }
    case 'invite-supplier': {
      const done = await inviteSupplier(db, input, now);
      if (!done.ok) return refused(done.error);
      return answer(
        true,
        done.value.told
          ? `${done.value.name} est invitée à rejoindre le groupement ; ses responsables sont prévenus.`
          : `${done.value.name} est invitée, mais personne ne gère encore cette structure sur Maillage : invitez-la aussi par e-mail.`,
      );
    }
    case 'invite-email': {
      const done = await inviteByEmail(db, input, now);
      if (!done.ok) return refused(done.error);
      return answer(true, `Invitation envoyée à ${done.value.email}.`, {
        result: submission.reply({ resetForm: true }),
      });
    }
    case 'remove-member': {
      const done = await removeBidMember(db, input, now);
      return done.ok ? answer(true, `${done.value.name} a été retirée du groupement.`) : refused(done.error);
    }
    case 'revoke-invitation': {
      const done = await revokeBidInvitation(db, input, now);
      return done.ok ? answer(true, `L’invitation envoyée à ${done.value.email} est annulée.`) : refused(done.error);
    }
    case 'change-mandataire': {
      const done = await changeMandataire(db, input, now);
      return done.ok ? answer(true, `${done.value.name} est désormais mandataire du groupement.`) : refused(done.error);
    }
    case 'dissolve': {
      const done = await dissolveBid(db, input, now);
      return done.ok ? answer(true, 'La réponse est abandonnée.') : refused(done.error);
    }
    case 'submit': {
      const done = await submitBid(db, input, now);
      if (done.ok) return answer(true, 'L’offre est déposée. La composition du groupement est désormais figée.');
      return answer(false, 'L’offre ne peut pas encore être déposée :', {
        issues: done.error.issues.map((i) => i.message),
      });
    }
    case 'withdraw': {
      const done = await withdrawBid(db, input, now);
      return done.ok
        ? answer(true, 'L’offre est retirée : modifiez-la et déposez-la de nouveau avant la date limite.')
        : refused(done.error);
    }
    case 'accept':
    case 'decline': {
      const done = await answerBidInvitation(db, { ...input, accept: intent === 'accept' }, now);
      if (!done.ok) return refused(done.error);
      if (intent === 'accept') return answer(true, 'Vous avez rejoint le groupement.');
      throw redirect(`/organisations/${done.value.organisationId}/reponses?fait=refuse`, { headers });
    }
    case 'leave': {
      const done = await leaveBid(db, input, now);
      if (!done.ok) return refused(done.error);
      throw redirect(`/organisations/${done.value.organisationId}/reponses?fait=quitte`, { headers });
    }
  }
}
