import type { DB, Executor } from '../../../db/connection';
import { appendBidActivity } from '../../../db/repositories/bids';
import {
  addAcceptedMember,
  answerPartnerOffer,
  closePartnerPost,
  countOpenPartnerPosts,
  findBidMember,
  findPartnerOffer,
  findPartnerPost,
  findPosterGroupement,
  hasOffered,
  insertPartnerOffer,
  insertPartnerPost,
  listOffersBySuppliers,
  listOffersOfPosts,
  listPartnerPosts,
  tenderParticipation,
  type PartnerOfferRecord,
  type PartnerPostRecord,
} from '../../../db/repositories/partner-posts';
import { findSupplierOrganisation, type SupplierOrganisationRef } from '../../../db/repositories/tender-participants';
import { findTender, type TenderRecord } from '../../../db/repositories/tenders';
import { checkDualParticipation, checkMembershipChangeable } from '~/domain/groupements/rules';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';
import { lotsOf } from '~/domain/tenders/form';
import {
  checkOffer,
  parsePartnerMessage,
  parsePartnerPost,
  partnerWindow,
  PARTNER_MESSAGES,
} from '~/domain/tenders/partner-posts';
import { effectiveStatus, type TenderStatus } from '~/domain/tenders/tender';
import type { RecordFormRefusal } from '../auth/form-reply.server';
import { getReferenceData } from '../reference.server';
import { notifyOrganisations } from '../notifications/notify.server';

// « Recherche de partenaires » (issue 7 §3, decision 261): posts on a published tender, offers to join, the
// poster's answer. Accepting an offer adds the offering supplier to the poster's groupement as an accepted
// member when the poster leads one on the tender (with the workspace's activity log); otherwise both sides are
// only told. Each write, its notifications (in the site and by mail to the owners) are one transaction.

export type PartnerRefusal = RecordFormRefusal | { kind: 'not-supplier' };

function isPublic(status: TenderStatus): boolean {
  return status === 'published' || status === 'closed' || status === 'awarded';
}

/** A tender whose partner searches may be shown (published, closed, awarded), or undefined. */
export async function findPartnerTender(db: Executor, tenderId: number): Promise<TenderRecord | undefined> {
  const tender = await findTender(db, tenderId);
  return tender && isPublic(tender.status) ? tender : undefined;
}

/** The organisation of the post's supplier, of the post named or of the post an offer answers. */
export async function posterOrganisationOf(
  db: DB,
  tenderId: number,
  target: { postId: number } | { offerId: number },
): Promise<number | null> {
  const postId = 'postId' in target ? target.postId : (await findPartnerOffer(db, target.offerId))?.postId;
  if (postId === undefined) return null;
  return (await findPartnerPost(db, tenderId, postId))?.organisationId ?? null;
}

export interface PartnersPage {
  tender: { id: number; title: string; status: TenderStatus; lots: { number: number; title: string }[] };
  windowMessage: string | null;
  posts: (PartnerPostRecord & { mine: boolean; offers: PartnerOfferRecord[]; myOffer: PartnerOfferRecord | null })[];
  myOffers: (PartnerOfferRecord & { postSupplierName: string })[];
  sectorNames: Record<string, string>;
}

export async function getPartnersPage(
  db: DB,
  tender: TenderRecord,
  mine: readonly SupplierOrganisationRef[],
  now: Date = new Date(),
): Promise<PartnersPage> {
  const supplierIds = mine.map((m) => m.supplierId);
  const posts = await listPartnerPosts(db, tender.id, supplierIds);
  const myPostIds = posts.filter((p) => supplierIds.includes(p.supplierId)).map((p) => p.id);
  const [received, made, reference] = await Promise.all([
    listOffersOfPosts(db, myPostIds),
    listOffersBySuppliers(db, tender.id, supplierIds),
    getReferenceData(db),
  ]);
  const window = partnerWindow(tender, now);
  const postSupplier = new Map(posts.map((p) => [p.id, p.supplierName]));
  return {
    tender: {
      id: tender.id,
      title: tender.title,
      status: effectiveStatus(tender, now),
      lots: lotsOf(tender).map((l) => ({ number: l.number, title: l.title })),
    },
    windowMessage: window.ok ? null : window.error,
    posts: posts.map((p) => ({
      ...p,
      mine: supplierIds.includes(p.supplierId),
      offers: received.filter((o) => o.postId === p.id),
      myOffer: made.find((o) => o.postId === p.id) ?? null,
    })),
    myOffers: made.map((o) => ({ ...o, postSupplierName: postSupplier.get(o.postId) ?? '' })),
    sectorNames: Object.fromEntries(reference.sectors.map((s) => [s.code, s.name])),
  };
}

/** The public page's summary: how many searches are open. */
export function countOpenPosts(db: DB, tenderId: number): Promise<number> {
  return countOpenPartnerPosts(db, tenderId);
}

const invalid = (message: string, field = ''): { kind: 'invalid'; issues: FieldIssue[] } => ({
  kind: 'invalid',
  issues: [{ field, message }],
});

export interface PartnerActionInput {
  tenderId: number;
  /** The supplier organisation the person acts for (tender.participate already checked). */
  organisationId: number;
  userId: number;
  fields: Record<string, unknown>;
  origin: string;
}

export async function createPartnerPost(
  db: DB,
  input: PartnerActionInput,
  now: Date = new Date(),
): Promise<Result<{ id: number }, PartnerRefusal>> {
  const reference = await getReferenceData(db);
  return db.transaction().execute(async (trx) => {
    const tender = await findPartnerTender(trx, input.tenderId);
    if (!tender) return fail<PartnerRefusal>({ kind: 'not-found' });
    const poster = await findSupplierOrganisation(trx, input.organisationId);
    if (!poster) return fail<PartnerRefusal>({ kind: 'not-supplier' });
    const parsed = parsePartnerPost(input.fields, {
      lotNumbers: lotsOf(tender).map((l) => l.number),
      sectorCodes: new Set(reference.sectors.map((s) => s.code)),
    });
    const window = partnerWindow(tender, now);
    if (!parsed.ok || !window.ok)
      return fail<PartnerRefusal>({
        kind: 'invalid',
        issues: [...(parsed.ok ? [] : parsed.error), ...(window.ok ? [] : invalid(window.error).issues)],
      });
    const bid = await findPosterGroupement(trx, { tenderId: tender.id, supplierId: poster.supplierId, bidId: null });
    const id = await insertPartnerPost(trx, {
      tenderId: tender.id,
      supplierId: poster.supplierId,
      bidId: bid?.id ?? null,
      userId: input.userId,
      ...parsed.value,
      now,
    });
    return ok({ id });
  });
}

function partnersPath(tenderId: number): string {
  return `/appels-d-offres/${tenderId}/partenaires`;
}

async function tell(
  trx: Executor,
  organisationId: number | null,
  content: { kind: string; title: string; body: string; tender: TenderRecord; paragraphs: string[]; origin: string },
  now: Date,
): Promise<void> {
  if (organisationId === null) return;
  await notifyOrganisations(
    trx,
    {
      organisationIds: [organisationId],
      kind: content.kind,
      title: content.title,
      body: content.body,
      link: partnersPath(content.tender.id),
      mail: { paragraphs: content.paragraphs, actionLabel: 'Voir la recherche de partenaires' },
    },
    content.origin,
    now,
  );
}

export async function offerToJoin(
  db: DB,
  input: PartnerActionInput & { postId: number },
  now: Date = new Date(),
): Promise<Result<{ id: number }, PartnerRefusal>> {
  const parsed = parsePartnerMessage(input.fields.message);
  return db.transaction().execute(async (trx) => {
    const tender = await findPartnerTender(trx, input.tenderId);
    const post = tender ? await findPartnerPost(trx, tender.id, input.postId) : undefined;
    if (!tender || !post) return fail<PartnerRefusal>({ kind: 'not-found' });
    const offerer = await findSupplierOrganisation(trx, input.organisationId);
    if (!offerer) return fail<PartnerRefusal>({ kind: 'not-supplier' });
    const window = partnerWindow(tender, now);
    const allowed = checkOffer(post, offerer.supplierId, await hasOffered(trx, post.id, offerer.supplierId));
    const issues = [
      ...(parsed.ok ? [] : parsed.error),
      ...(window.ok ? [] : invalid(window.error).issues),
      ...(allowed.ok ? [] : invalid(allowed.error).issues),
    ];
    if (!parsed.ok || issues.length > 0) return fail<PartnerRefusal>({ kind: 'invalid', issues });
    const id = await insertPartnerOffer(trx, {
      postId: post.id,
      supplierId: offerer.supplierId,
      userId: input.userId,
      message: parsed.value,
      now,
    });
    await tell(
      trx,
      post.organisationId,
      {
        kind: 'partner-offer',
        title: `${offerer.name} propose de rejoindre votre recherche de partenaires — ${tender.title}`,
        body: parsed.value,
        tender,
        paragraphs: [
          `${offerer.name} propose de rejoindre votre recherche de partenaires sur « ${tender.title} » :`,
          parsed.value,
          'Acceptez ou refusez sa proposition depuis la page de recherche de partenaires.',
        ],
        origin: input.origin,
      },
      now,
    );
    return ok({ id });
  });
}

export async function answerOffer(
  db: DB,
  input: Omit<PartnerActionInput, 'fields'> & { offerId: number; accept: boolean },
  now: Date = new Date(),
): Promise<Result<{ joinedBidId: number | null }, PartnerRefusal>> {
  return db.transaction().execute(async (trx) => {
    const tender = await findPartnerTender(trx, input.tenderId);
    const offer = tender ? await findPartnerOffer(trx, input.offerId) : undefined;
    const post = tender && offer ? await findPartnerPost(trx, tender.id, offer.postId) : undefined;
    if (!tender || !offer || !post) return fail<PartnerRefusal>({ kind: 'not-found' });
    if (post.organisationId !== input.organisationId)
      return fail<PartnerRefusal>(invalid(PARTNER_MESSAGES.offerUnknown));
    if (offer.status !== 'pending') return fail<PartnerRefusal>(invalid(PARTNER_MESSAGES.offerAnswered));
    const window = partnerWindow(tender, now);
    if (!window.ok) return fail<PartnerRefusal>(invalid(window.error));

    let joinedBidId: number | null = null;
    if (input.accept) {
      const bid = await findPosterGroupement(trx, {
        tenderId: tender.id,
        supplierId: post.supplierId,
        bidId: post.bidId,
      });
      const member = bid ? await findBidMember(trx, bid.id, offer.supplierId) : undefined;
      if (bid && member?.acceptance !== 'accepted') {
        const changeable = checkMembershipChangeable(bid.status);
        if (!changeable.ok) return fail<PartnerRefusal>(invalid(changeable.error[0].message));
        const dual = checkDualParticipation(
          { allowsDualParticipation: tender.allowDualBidding },
          offer.supplierId,
          bid.id,
          await tenderParticipation(trx, tender.id),
        );
        if (!dual.ok) return fail<PartnerRefusal>(invalid(dual.error[0].message));
        await addAcceptedMember(trx, { bidId: bid.id, supplierId: offer.supplierId, userId: input.userId, now });
        await appendBidActivity(
          trx,
          {
            bidId: bid.id,
            supplierId: post.supplierId,
            userId: input.userId,
            action: 'member.joined-from-partner-post',
            detail: `${offer.supplierName} rejoint le groupement (proposition acceptée sur la recherche de partenaires)`,
          },
          now,
        );
        joinedBidId = bid.id;
      } else if (bid) {
        joinedBidId = bid.id;
      }
    }
    if (!(await answerPartnerOffer(trx, offer.id, input.accept ? 'accepted' : 'declined', now)))
      return fail<PartnerRefusal>(invalid(PARTNER_MESSAGES.offerAnswered));

    const verdict = input.accept ? 'acceptée' : 'refusée';
    const paragraphs = [
      `${post.supplierName} a ${input.accept ? 'accepté' : 'refusé'} votre proposition de rejoindre sa recherche de partenaires sur « ${tender.title} ».`,
      ...(joinedBidId !== null
        ? ['Votre structure fait désormais partie de son groupement : son espace de réponse vous est ouvert.']
        : input.accept
          ? ['Prenez contact avec elle pour former votre groupement.']
          : []),
    ];
    await tell(
      trx,
      offer.organisationId,
      {
        kind: 'partner-offer-answered',
        title: `Proposition ${verdict} — ${tender.title}`,
        body: paragraphs.join(' '),
        tender,
        paragraphs,
        origin: input.origin,
      },
      now,
    );
    if (input.accept) {
      const own = [
        `Vous avez accepté la proposition de ${offer.supplierName} sur « ${tender.title} ».`,
        joinedBidId !== null
          ? `${offer.supplierName} est ajoutée à votre groupement comme membre.`
          : `Vous n’avez pas encore de groupement pour ce besoin : créez-le et invitez ${offer.supplierName}.`,
      ];
      await tell(
        trx,
        post.organisationId,
        {
          kind: 'partner-offer-accepted',
          title: `Partenaire accepté — ${tender.title}`,
          body: own.join(' '),
          tender,
          paragraphs: own,
          origin: input.origin,
        },
        now,
      );
    }
    return ok({ joinedBidId });
  });
}

export async function closePost(
  db: DB,
  input: { tenderId: number; postId: number; organisationId: number },
): Promise<Result<true, PartnerRefusal>> {
  return db.transaction().execute(async (trx) => {
    const tender = await findPartnerTender(trx, input.tenderId);
    const post = tender ? await findPartnerPost(trx, tender.id, input.postId) : undefined;
    if (!tender || !post) return fail<PartnerRefusal>({ kind: 'not-found' });
    if (post.organisationId !== input.organisationId)
      return fail<PartnerRefusal>(invalid(PARTNER_MESSAGES.postUnknown));
    if (!(await closePartnerPost(trx, post.id))) return fail<PartnerRefusal>(invalid(PARTNER_MESSAGES.postClosed));
    return ok(true);
  });
}
