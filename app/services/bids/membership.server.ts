import type { DB, Tx } from '../../../db/connection';
import {
  closeBidInvitation,
  findBidInvitation,
  revokePendingBidInvitations,
} from '../../../db/repositories/bid-invitations';
import {
  answerBidMember,
  appendBidActivity,
  changeBidStatus,
  deleteBidMember,
  findBid,
  listBidMembers,
  listTenderBidSummaries,
  moveMandataire,
  replaceBidAllocations,
  replaceBidLots,
  touchBid,
  updateBidForm,
  upsertBidMember,
  type BidMemberRecord,
  type BidRow,
} from '../../../db/repositories/bids';
import { findPartnerSupplier } from '../../../db/repositories/bid-listings';
import { findOrganisationBySupplierId } from '../../../db/repositories/organisations';
import { findTender, type TenderRecord } from '../../../db/repositories/tenders';
import {
  BID_FORM_MESSAGES,
  centsToPriceInput,
  parseFormChange,
  parseIdField,
  parseLotsForm,
} from '~/domain/bids/forms';
import { checkBidEditable, participationState, soloAllocation } from '~/domain/bids/rules';
import { GROUPEMENT_FORM_LABELS, checkMandataireOncePerTender } from '~/domain/groupements/rules';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { lotsOf } from '~/domain/tenders/form';
import { announceSupplierInvitation, announceToMembers } from './bid-mail.server';
import { participationIssues } from './start.server';

// The membership of a bid and its lots (decision 240): the lead (mandataire, or the supplier alone) sets the lots
// answered and their prices, the groupement's form, invites partners from the catalogue, removes members, hands
// over the mandataire role and dissolves the bid; an invited member accepts or declines; a member leaves. The
// route has asked the permission (bid.lead, bid.respond, bid.work); here the data's rules are checked in one
// transaction (frozen once submitted, nothing after the deadline), and every change goes to the activity log.

export const MEMBERSHIP_MESSAGES = {
  notAGroupement: 'Une réponse seule n’a pas de partenaires ni de forme de groupement.',
  supplierUnknown: 'Cette structure n’est pas publiée dans le catalogue : invitez-la par e-mail.',
  alreadyMember: 'Cette structure fait déjà partie du groupement ou y est déjà invitée.',
  notAMember: 'Cette structure ne fait pas partie du groupement.',
  mandataireStays: 'Le mandataire ne peut pas être retiré : confiez d’abord ce rôle à un autre membre.',
  mandataireCannotLeave: 'Le mandataire ne peut pas quitter le groupement : confiez d’abord ce rôle à un autre membre.',
  notAccepted: 'Seul un membre qui a accepté l’invitation peut devenir mandataire.',
  alreadyMandataire: 'Cette structure est déjà mandataire.',
  notPending: 'Cette invitation n’est plus en attente de réponse.',
  invitationUnknown: 'Cette invitation est introuvable ou n’est plus en attente.',
  gone: 'Cette réponse n’existe plus.',
} as const;

export type BidRefusal = { kind: 'invalid'; issues: FieldIssue[] };

export interface BidActionInput {
  bidId: number;
  actor: { userId: number; email: string };
  /** The member on whose behalf the person acts (the lead, the invited or leaving member). */
  actorSupplierId: number;
  fields: Record<string, unknown>;
  origin: string;
}

interface Loaded {
  bid: BidRow;
  tender: TenderRecord;
  members: BidMemberRecord[];
}

const refuse = (field: string, message: string) => fail({ kind: 'invalid' as const, issues: [{ field, message }] });
const refuseAll = (issues: FieldIssue[]) => fail({ kind: 'invalid' as const, issues });

/** Runs `work` in a transaction with the bid as it is now; refused when it cannot change (unless `anyState`). */
async function withBid<T>(
  db: DB,
  input: BidActionInput,
  now: Date,
  work: (trx: Tx, loaded: Loaded) => Promise<Result<T, BidRefusal>>,
  anyState = false,
): Promise<Result<T, BidRefusal>> {
  return db.transaction().execute(async (trx) => {
    const bid = await findBid(trx, input.bidId);
    const tender = bid ? await findTender(trx, bid.tender_id) : undefined;
    if (!bid || !tender) return refuse('', MEMBERSHIP_MESSAGES.gone);
    if (!anyState) {
      const editable = checkBidEditable(bid.status, tender, now);
      if (!editable.ok) return refuseAll(editable.error);
    }
    return work(trx, { bid, tender, members: await listBidMembers(trx, bid.id) });
  });
}

function activity(trx: Tx, input: BidActionInput, action: string, detail: string, now: Date) {
  return appendBidActivity(
    trx,
    { bidId: input.bidId, supplierId: input.actorSupplierId, userId: input.actor.userId, action, detail },
    now,
  );
}

const orgIds = (members: BidMemberRecord[]) =>
  members
    .filter((m) => m.organisationId !== null && m.acceptance !== 'declined')
    .map((m) => m.organisationId as number);

/** Lead. Fields `lots` and `price-<lot>`: the lots answered and their prices (euros excl. VAT, comma decimals). */
export function saveBidLots(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid, tender, members }) => {
    const parsed = parseLotsForm(
      input.fields,
      lotsOf(tender).map((l) => l.number),
    );
    if (!parsed.ok) return refuseAll(parsed.error);
    await replaceBidLots(trx, bid.id, parsed.value);
    if (bid.kind === 'seul') {
      const lead = members.find((m) => m.role === 'mandataire');
      if (lead)
        await replaceBidAllocations(
          trx,
          bid.id,
          soloAllocation(
            lead.supplier_id,
            parsed.value.map((l) => l.lotNumber),
          ),
        );
    }
    await touchBid(trx, bid.id, now);
    const detail = parsed.value
      .map(
        (l) =>
          `lot ${l.lotNumber} : ${l.priceCents === null ? 'prix à venir' : `${centsToPriceInput(l.priceCents)} € HT`}`,
      )
      .join(' ; ');
    await activity(trx, input, 'bid.lots-changed', detail, now);
    return ok({ lots: parsed.value });
  });
}

/** Lead of a groupement. Field `form`. */
export function changeBidForm(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid }) => {
    if (bid.kind !== 'groupement') return refuse('form', MEMBERSHIP_MESSAGES.notAGroupement);
    const parsed = parseFormChange(input.fields);
    if (!parsed.ok) return refuseAll(parsed.error);
    await updateBidForm(trx, bid.id, parsed.value, now);
    await activity(trx, input, 'bid.form-changed', GROUPEMENT_FORM_LABELS[parsed.value], now);
    return ok({ form: parsed.value });
  });
}

/**
 * Lead of a groupement. Field `supplierId`: a published catalogue supplier becomes an invited member; its
 * organisation (when it has one) is notified and its owners mailed. The participation rules are checked.
 */
export function inviteSupplier(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid, tender, members }) => {
    if (bid.kind !== 'groupement') return refuse('supplierId', MEMBERSHIP_MESSAGES.notAGroupement);
    const id = parseIdField(input.fields, 'supplierId', BID_FORM_MESSAGES.supplierRequired);
    if (!id.ok) return refuseAll(id.error);
    const supplier = await findPartnerSupplier(trx, id.value);
    if (!supplier) return refuse('supplierId', MEMBERSHIP_MESSAGES.supplierUnknown);
    if (members.some((m) => m.supplier_id === supplier.supplierId && m.acceptance !== 'declined'))
      return refuse('supplierId', MEMBERSHIP_MESSAGES.alreadyMember);
    const issues = participationIssues(
      tender,
      supplier.supplierId,
      bid.id,
      await listTenderBidSummaries(trx, tender.id),
      false,
    );
    if (issues.length > 0) return refuseAll(issues.map((i) => ({ ...i, field: 'supplierId' })));
    await upsertBidMember(trx, {
      bidId: bid.id,
      supplierId: supplier.supplierId,
      role: 'membre',
      acceptance: 'pending',
      invitedByUserId: input.actor.userId,
      now,
    });
    await touchBid(trx, bid.id, now);
    await activity(trx, input, 'bid.member-invited', supplier.name, now);
    const organisation = await findOrganisationBySupplierId(trx, supplier.supplierId);
    const lead = members.find((m) => m.role === 'mandataire');
    if (organisation && tender.submissionDeadline)
      await announceSupplierInvitation(
        trx,
        {
          organisationId: organisation.id,
          bidId: bid.id,
          groupementName: bid.name,
          leadName: lead?.supplierName ?? bid.name,
          tenderTitle: tender.title,
          deadline: tender.submissionDeadline,
          origin: input.origin,
        },
        now,
      );
    return ok({ name: supplier.name, told: organisation !== undefined });
  });
}

/** Lead. Field `supplierId`: a member (not the mandataire) is removed with its shares; it is notified. */
export function removeBidMember(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid, members }) => {
    const id = parseIdField(input.fields, 'supplierId', BID_FORM_MESSAGES.memberRequired);
    if (!id.ok) return refuseAll(id.error);
    const member = members.find((m) => m.supplier_id === id.value);
    if (!member) return refuse('supplierId', MEMBERSHIP_MESSAGES.notAMember);
    if (member.role === 'mandataire') return refuse('supplierId', MEMBERSHIP_MESSAGES.mandataireStays);
    await deleteBidMember(trx, bid.id, member.supplier_id);
    await touchBid(trx, bid.id, now);
    await activity(trx, input, 'bid.member-removed', member.supplierName, now);
    if (member.organisationId !== null)
      await announceToMembers(
        trx,
        {
          organisationIds: [member.organisationId],
          bidId: bid.id,
          kind: 'bid-member-removed',
          title: `Votre structure a été retirée du groupement « ${bid.name} »`,
          paragraphs: [`Le mandataire a retiré ${member.supplierName} du groupement « ${bid.name} ».`],
          origin: null,
          mail: false,
        },
        now,
      );
    return ok({ name: member.supplierName });
  });
}

/** Lead of a groupement. Field `supplierId`: an accepted member becomes the mandataire; the lead stays a member. */
export function changeMandataire(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid, tender, members }) => {
    if (bid.kind !== 'groupement') return refuse('supplierId', MEMBERSHIP_MESSAGES.notAGroupement);
    const id = parseIdField(input.fields, 'supplierId', BID_FORM_MESSAGES.memberRequired);
    if (!id.ok) return refuseAll(id.error);
    const member = members.find((m) => m.supplier_id === id.value);
    const lead = members.find((m) => m.role === 'mandataire');
    if (!member || !lead) return refuse('supplierId', MEMBERSHIP_MESSAGES.notAMember);
    if (member.role === 'mandataire') return refuse('supplierId', MEMBERSHIP_MESSAGES.alreadyMandataire);
    if (member.acceptance !== 'accepted') return refuse('supplierId', MEMBERSHIP_MESSAGES.notAccepted);
    const state = participationState(await listTenderBidSummaries(trx, tender.id));
    const once = checkMandataireOncePerTender(member.supplier_id, bid.id, state.groupements);
    if (!once.ok) return refuseAll(once.error.map((i) => ({ ...i, field: 'supplierId' })));
    if (!(await moveMandataire(trx, bid.id, lead.supplier_id, member.supplier_id)))
      return refuse('supplierId', MEMBERSHIP_MESSAGES.notAccepted);
    await touchBid(trx, bid.id, now);
    await activity(trx, input, 'bid.mandataire-changed', `${lead.supplierName} → ${member.supplierName}`, now);
    await announceToMembers(
      trx,
      {
        organisationIds: orgIds(members),
        bidId: bid.id,
        kind: 'bid-mandataire-changed',
        title: `${member.supplierName} est désormais mandataire du groupement « ${bid.name} »`,
        paragraphs: [`${lead.supplierName} a confié le rôle de mandataire à ${member.supplierName}.`],
        origin: null,
        mail: false,
      },
      now,
    );
    return ok({ name: member.supplierName });
  });
}

/**
 * An invited member answers (`accept`: the participation rules are checked again; `decline`: allowed in any
 * state). The lead's organisation is notified.
 */
export function answerBidInvitation(db: DB, input: BidActionInput & { accept: boolean }, now: Date = new Date()) {
  return withBid(
    db,
    input,
    now,
    async (trx, { bid, tender, members }) => {
      const member = members.find((m) => m.supplier_id === input.actorSupplierId);
      if (!member || member.acceptance !== 'pending') return refuse('', MEMBERSHIP_MESSAGES.notPending);
      if (input.accept) {
        const editable = checkBidEditable(bid.status, tender, now);
        if (!editable.ok) return refuseAll(editable.error);
        const issues = participationIssues(
          tender,
          member.supplier_id,
          bid.id,
          await listTenderBidSummaries(trx, tender.id),
          false,
        );
        if (issues.length > 0) return refuseAll(issues);
      }
      if (!(await answerBidMember(trx, bid.id, member.supplier_id, input.accept ? 'accepted' : 'declined', now)))
        return refuse('', MEMBERSHIP_MESSAGES.notPending);
      await touchBid(trx, bid.id, now);
      await activity(
        trx,
        input,
        input.accept ? 'bid.member-accepted' : 'bid.member-declined',
        member.supplierName,
        now,
      );
      const lead = members.find((m) => m.role === 'mandataire');
      if (lead?.organisationId != null)
        await announceToMembers(
          trx,
          {
            organisationIds: [lead.organisationId],
            bidId: bid.id,
            kind: 'bid-invitation-answered',
            title: `${member.supplierName} a ${input.accept ? 'accepté' : 'refusé'} de rejoindre « ${bid.name} »`,
            paragraphs: [],
            origin: null,
            mail: false,
          },
          now,
        );
      return ok({ name: member.supplierName, organisationId: member.organisationId });
    },
    true,
  );
}

/** A member that is not the mandataire leaves the groupement (its shares go with it). */
export function leaveBid(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid, members }) => {
    const member = members.find((m) => m.supplier_id === input.actorSupplierId);
    if (!member) return refuse('', MEMBERSHIP_MESSAGES.notAMember);
    if (member.role === 'mandataire') return refuse('', MEMBERSHIP_MESSAGES.mandataireCannotLeave);
    await deleteBidMember(trx, bid.id, member.supplier_id);
    await touchBid(trx, bid.id, now);
    await activity(trx, input, 'bid.member-left', member.supplierName, now);
    const lead = members.find((m) => m.role === 'mandataire');
    if (lead?.organisationId != null)
      await announceToMembers(
        trx,
        {
          organisationIds: [lead.organisationId],
          bidId: bid.id,
          kind: 'bid-member-left',
          title: `${member.supplierName} a quitté le groupement « ${bid.name} »`,
          paragraphs: [],
          origin: null,
          mail: false,
        },
        now,
      );
    return ok({ name: member.supplierName, organisationId: member.organisationId });
  });
}

/** Lead. Field `invitationId`: a pending e-mail invitation is revoked (its link no longer works). */
export function revokeBidInvitation(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid }) => {
    const id = parseIdField(input.fields, 'invitationId', BID_FORM_MESSAGES.invitationRequired);
    if (!id.ok) return refuseAll(id.error);
    const invitation = await findBidInvitation(trx, id.value);
    if (!invitation || invitation.bid_id !== bid.id || !(await closeBidInvitation(trx, invitation.id, 'revoked', now)))
      return refuse('invitationId', MEMBERSHIP_MESSAGES.invitationUnknown);
    await activity(trx, input, 'bid.invitation-revoked', invitation.email, now);
    return ok({ email: invitation.email });
  });
}

/** Lead. The bid is abandoned (a submitted one must be withdrawn first); pending invitations are revoked. */
export function dissolveBid(db: DB, input: BidActionInput, now: Date = new Date()) {
  return withBid(db, input, now, async (trx, { bid, members }) => {
    if (!(await changeBidStatus(trx, bid.id, { from: ['forming', 'withdrawn'], to: 'dissolved', now })))
      return refuse('', MEMBERSHIP_MESSAGES.gone);
    await revokePendingBidInvitations(trx, bid.id, now);
    await activity(trx, input, 'bid.dissolved', bid.name, now);
    await announceToMembers(
      trx,
      {
        organisationIds: orgIds(members).filter(
          (id) => id !== members.find((m) => m.role === 'mandataire')?.organisationId,
        ),
        bidId: bid.id,
        kind: 'bid-dissolved',
        title:
          bid.kind === 'groupement'
            ? `Le groupement « ${bid.name} » est dissous`
            : `La réponse « ${bid.name} » est abandonnée`,
        paragraphs: ['Le mandataire a abandonné la réponse à cet appel d’offres.'],
        origin: null,
        mail: false,
      },
      now,
    );
    return ok({ name: bid.name });
  });
}
