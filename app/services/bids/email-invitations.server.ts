import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DB, Executor } from '../../../db/connection';
import {
  closeBidInvitation,
  findBidInvitationByHash,
  insertBidInvitation,
  type BidInvitation,
} from '../../../db/repositories/bid-invitations';
import {
  appendBidActivity,
  findBid,
  listBidMembers,
  listTenderBidSummaries,
  touchBid,
  upsertBidMember,
} from '../../../db/repositories/bids';
import type { SupplierOrganisationRef } from '../../../db/repositories/tender-participants';
import { findTender } from '../../../db/repositories/tenders';
import { BID_FORM_MESSAGES, parseId, parseInviteEmail } from '~/domain/bids/forms';
import { checkBidEditable } from '~/domain/bids/rules';
import { INVITATION_LIFETIME_MS } from '~/domain/organisation';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { lotsOf } from '~/domain/tenders/form';
import { consumeRateLimit, rateLimited, type RateLimited } from '../auth/rate-limit.server';
import { generateRandomString } from '../auth/tokens.server';
import { announceToMembers, enqueueEmailInvitation } from './bid-mail.server';
import type { BidActionInput, BidRefusal } from './membership.server';
import { participationIssues } from './start.server';

// Invitations to a groupement by e-mail (decision 242), for a structure not found in the catalogue or whose
// managers the lead does not know: a random token of 240 bits in the link /groupements/invitations/:token, only
// its SHA-256 stored, single use, valid 14 days. Whoever opens it signed in accepts it for one of their supplier
// organisations (tender.participate: owner or editor, address confirmed), or declines it. The token is the proof: the
// address it was sent to is often a structure's shared one, so the account's address need not match.

export const BID_INVITATION_MESSAGES = {
  invalid: 'Cette invitation est introuvable : vérifiez le lien reçu par e-mail.',
  expired: 'Cette invitation a expiré. Demandez au mandataire du groupement de vous inviter de nouveau.',
  used: 'Cette invitation a déjà été utilisée.',
  revoked: 'Cette invitation a été annulée par le mandataire du groupement.',
  alreadyMember: 'Cette structure fait déjà partie du groupement ou y est déjà invitée.',
  noOrganisation:
    'Pour accepter, votre compte doit être rattaché à la structure invitée : rattachez-le depuis « Mes organisations » (par le SIRET de la structure), puis rouvrez ce lien.',
} as const;

const TOKEN_PATTERN = /^[a-z2-7]{48}$/;

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Lead of a groupement. Field `email`: a link is mailed to it (the person's invitations are rate-limited). */
export async function inviteByEmail(
  db: DB,
  input: BidActionInput,
  now: Date = new Date(),
): Promise<Result<{ email: string }, BidRefusal | RateLimited>> {
  const email = parseInviteEmail(input.fields);
  if (!email.ok) return fail({ kind: 'invalid', issues: email.error });
  const limited = await consumeRateLimit(db, 'invite-user', String(input.actor.userId), now);
  if (!limited.allowed) return fail(rateLimited(limited));
  return db.transaction().execute(async (trx) => {
    const bid = await findBid(trx, input.bidId);
    const tender = bid ? await findTender(trx, bid.tender_id) : undefined;
    if (!bid || !tender)
      return fail({ kind: 'invalid' as const, issues: [{ field: '', message: BID_INVITATION_MESSAGES.invalid }] });
    const editable = checkBidEditable(bid.status, tender, now);
    if (!editable.ok) return fail({ kind: 'invalid' as const, issues: editable.error });
    if (bid.kind !== 'groupement')
      return fail({
        kind: 'invalid' as const,
        issues: [{ field: 'email', message: 'Une réponse seule n’a pas de partenaires ni de forme de groupement.' }],
      });
    const token = generateRandomString() + generateRandomString();
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
    await insertBidInvitation(trx, {
      bidId: bid.id,
      email: email.value,
      tokenHash: hashToken(token),
      invitedByUserId: input.actor.userId,
      now,
      expiresAt,
    });
    const lead = (await listBidMembers(trx, bid.id)).find((m) => m.role === 'mandataire');
    await appendBidActivity(
      trx,
      {
        bidId: bid.id,
        supplierId: input.actorSupplierId,
        userId: input.actor.userId,
        action: 'bid.email-invited',
        detail: email.value,
      },
      now,
    );
    await enqueueEmailInvitation(
      trx,
      {
        to: email.value,
        invitedBy: input.actor.email,
        groupementName: bid.name,
        leadName: lead?.supplierName ?? bid.name,
        tenderTitle: tender.title,
        token,
        expiresAt,
        origin: input.origin,
      },
      now,
    );
    return ok({ email: email.value });
  });
}

export type TokenInvitationState =
  | { kind: 'invalid' | 'closed' | 'frozen'; status: 404 | 410 | 409; message: string }
  | {
      kind: 'open';
      status: 200;
      bidId: number;
      groupementName: string;
      leadName: string;
      tenderId: number;
      tenderTitle: string;
      buyerName: string;
      submissionDeadline: string | null;
      lots: { number: number; title: string }[];
      email: string;
      expiresAt: string;
    };

async function findByToken(db: Executor, token: unknown): Promise<BidInvitation | undefined> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return undefined;
  return findBidInvitationByHash(db, hashToken(token));
}

async function stateOf(db: Executor, row: BidInvitation | undefined, now: Date): Promise<TokenInvitationState> {
  if (!row) return { kind: 'invalid', status: 404, message: BID_INVITATION_MESSAGES.invalid };
  if (row.status === 'revoked') return { kind: 'closed', status: 410, message: BID_INVITATION_MESSAGES.revoked };
  if (row.status !== 'pending') return { kind: 'closed', status: 410, message: BID_INVITATION_MESSAGES.used };
  if (now.getTime() >= Date.parse(row.expires_at))
    return { kind: 'closed', status: 410, message: BID_INVITATION_MESSAGES.expired };
  const bid = await findBid(db, row.bid_id);
  const tender = bid ? await findTender(db, bid.tender_id) : undefined;
  if (!bid || !tender) return { kind: 'invalid', status: 404, message: BID_INVITATION_MESSAGES.invalid };
  const editable = checkBidEditable(bid.status, tender, now);
  if (!editable.ok) return { kind: 'frozen', status: 409, message: editable.error[0].message };
  const lead = (await listBidMembers(db, bid.id)).find((m) => m.role === 'mandataire');
  return {
    kind: 'open',
    status: 200,
    bidId: bid.id,
    groupementName: bid.name,
    leadName: lead?.supplierName ?? bid.name,
    tenderId: tender.id,
    tenderTitle: tender.title,
    buyerName: tender.buyerName,
    submissionDeadline: tender.submissionDeadline,
    lots: lotsOf(tender).map((l) => ({ number: l.number, title: l.title })),
    email: row.email,
    expiresAt: row.expires_at,
  };
}

/** What the invitation page shows (its HTTP status in `status`: 404 unknown, 410 spent or expired, 409 frozen). */
export async function viewBidInvitation(db: DB, token: unknown, now: Date = new Date()): Promise<TokenInvitationState> {
  return stateOf(db, await findByToken(db, token), now);
}

export type TokenRefusal =
  { kind: 'state'; status: 404 | 410 | 409; message: string } | { kind: 'invalid'; issues: FieldIssue[] };

/**
 * `accept` for one of `organisations` (field `organisationId`, may be left out when there is one): the supplier
 * joins as an accepted member (participation rules checked), the invitation is spent, the lead is told.
 * `decline`: the invitation is spent.
 */
export async function answerBidInvitationToken(
  db: DB,
  input: {
    token: unknown;
    accept: boolean;
    actor: { userId: number; email: string };
    organisations: SupplierOrganisationRef[];
    fields: Record<string, unknown>;
  },
  now: Date = new Date(),
): Promise<Result<{ bidId: number; accepted: boolean }, TokenRefusal>> {
  return db.transaction().execute(async (trx) => {
    const row = await findByToken(trx, input.token);
    const state = await stateOf(trx, row, now);
    if (state.kind !== 'open' || !row)
      return fail({
        kind: 'state' as const,
        status: state.status as 404 | 410 | 409,
        message: 'message' in state ? state.message : '',
      });
    if (!input.accept) {
      await closeBidInvitation(trx, row.id, 'declined', now);
      await appendBidActivity(
        trx,
        {
          bidId: row.bid_id,
          supplierId: null,
          userId: input.actor.userId,
          action: 'bid.member-declined',
          detail: row.email,
        },
        now,
      );
      return ok({ bidId: row.bid_id, accepted: false });
    }
    const sent = input.fields.organisationId;
    const organisationId =
      (sent === undefined || sent === '') && input.organisations.length === 1
        ? input.organisations[0].organisationId
        : parseId(sent);
    const organisation = input.organisations.find((o) => o.organisationId === organisationId);
    if (!organisation)
      return fail({
        kind: 'invalid' as const,
        issues: [
          {
            field: 'organisationId',
            message:
              input.organisations.length === 0
                ? BID_INVITATION_MESSAGES.noOrganisation
                : BID_FORM_MESSAGES.organisationUnknown,
          },
        ],
      });
    const members = await listBidMembers(trx, row.bid_id);
    if (members.some((m) => m.supplier_id === organisation.supplierId && m.acceptance !== 'declined'))
      return fail({
        kind: 'invalid' as const,
        issues: [{ field: 'organisationId', message: BID_INVITATION_MESSAGES.alreadyMember }],
      });
    const tender = (await findTender(trx, (await findBid(trx, row.bid_id))!.tender_id))!;
    const issues = participationIssues(
      tender,
      organisation.supplierId,
      row.bid_id,
      await listTenderBidSummaries(trx, tender.id),
      false,
    );
    if (issues.length > 0) return fail({ kind: 'invalid' as const, issues });
    if (!(await closeBidInvitation(trx, row.id, 'accepted', now)))
      return fail({ kind: 'state' as const, status: 410 as const, message: BID_INVITATION_MESSAGES.used });
    await upsertBidMember(trx, {
      bidId: row.bid_id,
      supplierId: organisation.supplierId,
      role: 'membre',
      acceptance: 'accepted',
      invitedByUserId: row.invited_by_user_id,
      now,
    });
    await touchBid(trx, row.bid_id, now);
    await appendBidActivity(
      trx,
      {
        bidId: row.bid_id,
        supplierId: organisation.supplierId,
        userId: input.actor.userId,
        action: 'bid.member-accepted',
        detail: `${organisation.name} (invitation envoyée à ${row.email})`,
      },
      now,
    );
    const lead = members.find((m) => m.role === 'mandataire');
    if (lead?.organisationId != null)
      await announceToMembers(
        trx,
        {
          organisationIds: [lead.organisationId],
          bidId: row.bid_id,
          kind: 'bid-invitation-answered',
          title: `${organisation.name} a rejoint le groupement « ${state.groupementName} »`,
          paragraphs: [],
          origin: null,
          mail: false,
        },
        now,
      );
    return ok({ bidId: row.bid_id, accepted: true });
  });
}
