import {
  listSupplierOrganisationsOfUser,
  type SupplierOrganisationRef,
} from '../../../db/repositories/tender-participants';
import { data } from '@remix-run/node';
import type { DB } from '../../../db/connection';
import {
  appendBidActivity,
  insertBid,
  listTenderBidSummaries,
  replaceBidAllocations,
  replaceBidLots,
  upsertBidMember,
} from '../../../db/repositories/bids';
import { listBidsOfSupplier } from '../../../db/repositories/bid-listings';
import { findPublicTender } from '../../../db/repositories/public-tenders';
import type { TenderRecord } from '../../../db/repositories/tenders';
import { parseStartBidForm } from '~/domain/bids/forms';
import { checkOneSoloBid, checkTenderTakesBids, participationState, soloAllocation } from '~/domain/bids/rules';
import { checkDualParticipation, checkMandataireOncePerTender } from '~/domain/groupements/rules';
import { decide } from '~/domain/permissions';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { lotsOf } from '~/domain/tenders/form';
import { loadActor, privateHeaders, type Authorized, type ForbiddenBody } from '../auth/authorize.server';
import { requireUser, type RequestArgs } from '../auth/current-user.server';
import type { SessionUser } from '../auth/sessions.server';
import type { AppContext } from '../context.server';

// Starting a bid on a tender (decision 240): alone, or as the mandataire of a new groupement. The person answers
// for one of their supplier organisations where `tender.participate` allows it (owner or editor, address confirmed).
// Only published tenders (kind appel-d-offres) take bids, before their deadline; a supplier bids alone once per
// tender, is mandataire of at most one groupement per tender, and bids both alone and in a groupement only when
// the tender allows it.

export interface BidStarter extends Authorized {
  /** The supplier organisations the person may start a bid for. */
  organisations: SupplierOrganisationRef[];
}

/**
 * The signed-in person and the supplier organisations they may start a bid for, or a thrown answer: the log-in
 * redirect for anonymous visitors, a 403 when there is none (« confirmez votre adresse » when the address is
 * what is missing).
 */
export async function authorizeBidStart(
  args: RequestArgs,
  context: Pick<AppContext, 'database'>,
  now: Date = new Date(),
): Promise<BidStarter> {
  const { user, setCookie } = await requireUser(args, context, now);
  const { organisations, denial } = await bidCreatorOrganisations(context.database.db, user);
  if (organisations.length === 0) {
    const body: ForbiddenBody = { denial };
    throw data(body, { status: 403, headers: privateHeaders(setCookie) });
  }
  return { user, actor: await loadActor(context.database.db, user), setCookie, organisations };
}

/**
 * The supplier organisations `user` may start or join a bid for (tender.participate), and, when there is none, why:
 * `verify-email` when confirming the address would allow one, else `forbidden`.
 */
export async function bidCreatorOrganisations(
  db: DB,
  user: SessionUser,
): Promise<{ organisations: SupplierOrganisationRef[]; denial: 'forbidden' | 'verify-email' }> {
  const actor = await loadActor(db, user);
  const mine = await listSupplierOrganisationsOfUser(db, user.id);
  const decisions = mine.map((o) => ({
    o,
    d: decide(actor, { action: 'tender.participate', organisationId: o.organisationId }),
  }));
  return {
    organisations: decisions.filter((x) => x.d.allowed).map((x) => x.o),
    denial: decisions.some((x) => !x.d.allowed && x.d.denial === 'verify-email') ? 'verify-email' : 'forbidden',
  };
}

export interface StartBidPage {
  tender: {
    id: number;
    title: string;
    buyerName: string;
    submissionDeadline: string | null;
    lots: { number: number; title: string }[];
  };
  /** Why this tender takes no bid (a quote or sourcing request, closed), or null. */
  refusal: string | null;
  /** The bids the person's organisations already take part in for this tender. */
  existing: { bidId: number; name: string; organisationName: string }[];
}

/** The tender as the start page shows it, or null when it is not public (404). */
export async function getStartBidPage(
  db: DB,
  tenderId: number,
  organisations: SupplierOrganisationRef[],
  now: Date = new Date(),
): Promise<StartBidPage | null> {
  const tender = await findPublicTender(db, tenderId);
  if (!tender) return null;
  const open = checkTenderTakesBids(tender, now);
  const existing: StartBidPage['existing'] = [];
  for (const o of organisations)
    for (const b of await listBidsOfSupplier(db, o.supplierId))
      if (b.tenderId === tender.id && b.status !== 'dissolved')
        existing.push({ bidId: b.bidId, name: b.name, organisationName: o.name });
  return {
    tender: {
      id: tender.id,
      title: tender.title,
      buyerName: tender.buyerName,
      submissionDeadline: tender.submissionDeadline,
      lots: lotsOf(tender).map((l) => ({ number: l.number, title: l.title })),
    },
    refusal: open.ok ? null : open.error[0].message,
    existing,
  };
}

export type StartBidRefusal =
  { kind: 'not-found' } | { kind: 'closed'; message: string } | { kind: 'invalid'; issues: FieldIssue[] };

/** The participation rules for `supplierId` joining the tender alone ('seul') or in the groupement `joining`. */
export function participationIssues(
  tender: Pick<TenderRecord, 'allowDualBidding'>,
  supplierId: number,
  joining: 'seul' | number,
  summaries: Parameters<typeof participationState>[0],
  asMandataire: boolean,
): FieldIssue[] {
  const state = participationState(summaries);
  const issues: FieldIssue[] = [];
  const dual = checkDualParticipation({ allowsDualParticipation: tender.allowDualBidding }, supplierId, joining, state);
  if (!dual.ok) issues.push(...dual.error);
  if (joining === 'seul') {
    const solo = checkOneSoloBid(
      supplierId,
      summaries.filter((b) => b.status !== 'dissolved' && b.kind === 'seul').flatMap((b) => b.memberSupplierIds),
    );
    if (!solo.ok) issues.push(...solo.error);
  } else if (asMandataire) {
    const once = checkMandataireOncePerTender(supplierId, joining === 0 ? null : joining, state.groupements);
    if (!once.ok) issues.push(...once.error);
  }
  return issues;
}

/**
 * Fields: `kind`, `name`, `form`, `organisationId`, `lots` (parseStartBidForm). Creates the bid with the chosen
 * supplier as its accepted mandataire, its lots (prices to come), for a bid alone its allocation (100 % of each
 * lot), and the first activity entry. Nothing is written when a rule refuses.
 */
export async function startBid(
  db: DB,
  input: {
    tenderId: number;
    actor: { userId: number; email: string };
    organisations: SupplierOrganisationRef[];
    fields: Record<string, unknown>;
  },
  now: Date = new Date(),
): Promise<Result<{ bidId: number }, StartBidRefusal>> {
  return db.transaction().execute(async (trx) => {
    const tender = await findPublicTender(trx, input.tenderId);
    if (!tender) return fail({ kind: 'not-found' as const });
    const open = checkTenderTakesBids(tender, now);
    if (!open.ok) return fail({ kind: 'closed' as const, message: open.error[0].message });
    const lotNumbers = lotsOf(tender).map((l) => l.number);
    const parsed = parseStartBidForm(input.fields, {
      organisationIds: input.organisations.map((o) => o.organisationId),
      lotNumbers,
    });
    if (!parsed.ok) return fail({ kind: 'invalid' as const, issues: parsed.error });
    const form = parsed.value;
    const supplier = input.organisations.find((o) => o.organisationId === form.organisationId)!;
    const summaries = await listTenderBidSummaries(trx, tender.id);
    const issues = participationIssues(tender, supplier.supplierId, form.kind === 'seul' ? 'seul' : 0, summaries, true);
    if (issues.length > 0) return fail({ kind: 'invalid' as const, issues });

    const bidId = await insertBid(trx, {
      tenderId: tender.id,
      kind: form.kind,
      name: form.kind === 'seul' ? supplier.name : form.name,
      form: form.form,
      userId: input.actor.userId,
      now,
    });
    await upsertBidMember(trx, {
      bidId,
      supplierId: supplier.supplierId,
      role: 'mandataire',
      acceptance: 'accepted',
      invitedByUserId: input.actor.userId,
      now,
    });
    await replaceBidLots(
      trx,
      bidId,
      form.lots.map((lotNumber) => ({ lotNumber, priceCents: null })),
    );
    if (form.kind === 'seul') await replaceBidAllocations(trx, bidId, soloAllocation(supplier.supplierId, form.lots));
    await appendBidActivity(
      trx,
      {
        bidId,
        supplierId: supplier.supplierId,
        userId: input.actor.userId,
        action: 'bid.created',
        detail: `${form.kind === 'seul' ? `${supplier.name} répond seul` : `Groupement mené par ${supplier.name}`} — ${lotLabel(form.lots)}`,
      },
      now,
    );
    return ok({ bidId });
  });
}

/** « lot 1 », « lots 1, 2 et 3 ». */
export function lotLabel(lots: readonly number[]): string {
  if (lots.length === 1) return `lot ${lots[0]}`;
  return `lots ${lots.slice(0, -1).join(', ')} et ${lots[lots.length - 1]}`;
}
