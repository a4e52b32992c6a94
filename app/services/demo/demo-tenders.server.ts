import type { DB } from '../../../db/connection';
import { listChecklistItems, updateChecklistItem } from '../../../db/repositories/bid-checklist';
import {
  appendBidActivity,
  changeBidStatus,
  insertBid,
  replaceBidAllocations,
  replaceBidLots,
  upsertBidMember,
} from '../../../db/repositories/bids';
import {
  findOrganisationOfUserEmail,
  hasAnyTender,
  publishedSuppliersOfSectors,
} from '../../../db/repositories/demo-tenders';
import { findOrganisationById } from '../../../db/repositories/organisations';
import { changeTenderStatus, insertTender } from '../../../db/repositories/tenders';
import { findUserByEmail } from '../../../db/repositories/users';
import { syncChecklist } from '../bids/checklist.server';
import { decideOnBid } from '../tenders/award.server';
import { decideTender } from '../tenders/moderation.server';
import { recordUpload, writeUpload } from '../uploads/file-store.server';
import type { TenderDraft } from '~/domain/tenders/form';
import { DEMO_ACCOUNTS } from './demo-accounts.server';

// The demo tenders (issue 7, docs/decisions/265-demo-tenders.md): on a demo database whose demo buyer exists and
// which has no tender yet, `npm start` publishes open needs of the three kinds through the moderation service
// (so the matching tells the suppliers), keeps a draft, and adds an awarded tender (a groupement and a supplier
// alone, awarded through the buyer's service) and a groupement in progress. Dates are relative to the seeding day.

const DAY = 24 * 3600 * 1000;

function draft(fields: Partial<TenderDraft> & Pick<TenderDraft, 'title' | 'kind'>): TenderDraft {
  return {
    description: '',
    method: null,
    category: 'services',
    cpvCodes: [],
    sectors: [],
    placeKind: 'national',
    placeCode: null,
    estimatedValueEuros: null,
    lots: [],
    reservation: 'none',
    socialClauseHours: null,
    questionsDeadline: null,
    submissionDeadline: null,
    contractDurationMonths: null,
    allowDualBidding: false,
    contactName: 'Direction de la commande publique',
    contactEmail: DEMO_ACCOUNTS.buyer,
    contactPhone: '04 00 00 00 00',
    ...fields,
  };
}

const iso = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString();

/** The demo needs, by key; `days` place the deadlines around the seeding day. */
export function demoTenderDrafts(now: Date): Record<string, TenderDraft> {
  return {
    parks: draft({
      kind: 'appel-d-offres',
      title: 'Entretien, propreté et collecte des déchets des parcs métropolitains',
      description:
        'Entretien des espaces verts de douze parcs, nettoyage de leurs sanitaires et locaux, collecte et tri des déchets des corbeilles, pendant trois ans. Les petites structures sont invitées à répondre en groupement.',
      method: 'open',
      cpvCodes: ['77310000-6', '90910000-9'],
      sectors: ['entretien-espaces-verts', 'nettoyage-bureaux', 'collecte-dechets'],
      placeKind: 'departement',
      placeCode: '69',
      estimatedValueEuros: 480_000,
      socialClauseHours: 3_500,
      questionsDeadline: iso(now, 20),
      submissionDeadline: iso(now, 30),
      contractDurationMonths: 36,
      lots: [
        {
          number: 1,
          title: 'Entretien des espaces verts',
          description: 'Tonte, taille, désherbage sans produit phytosanitaire.',
          sectors: ['entretien-espaces-verts', 'elagage-abattage'],
          estimatedValueEuros: 240_000,
        },
        {
          number: 2,
          title: 'Nettoyage des sanitaires et locaux',
          description: 'Nettoyage quotidien des sanitaires publics et des locaux des jardiniers.',
          sectors: ['nettoyage-bureaux', 'hygiene-desinfection'],
          estimatedValueEuros: 150_000,
        },
        {
          number: 3,
          title: 'Collecte et tri des déchets',
          description: 'Vidage des corbeilles, tri et apport en filière.',
          sectors: ['collecte-dechets', 'tri-dechets'],
          estimatedValueEuros: 90_000,
        },
      ],
    }),
    baskets: draft({
      kind: 'devis',
      title: 'Deux cents paniers de légumes pour le marché de Noël',
      description: 'Paniers de légumes de saison, livrés le 18 décembre au marché de Noël de la métropole.',
      category: 'goods',
      sectors: ['paniers-legumes', 'maraichage'],
      placeKind: 'departement',
      placeCode: '69',
      estimatedValueEuros: 6_000,
      submissionDeadline: iso(now, 10),
    }),
    furniture: draft({
      kind: 'sourcing',
      title: 'Sourcing : réemploi du mobilier de bureau des services',
      description:
        'Avant d’écrire un marché, la métropole cherche les structures capables de reprendre, remettre en état et redistribuer 1 500 postes de travail sur deux ans.',
      sectors: ['reemploi-mobilier', 'ressourcerie'],
      placeKind: 'region',
      placeCode: '84',
      submissionDeadline: iso(now, 45),
    }),
    laundry: draft({
      kind: 'appel-d-offres',
      title: 'Blanchisserie et couture du linge des crèches',
      description:
        'Collecte, lavage et livraison du linge de vingt crèches ; petites réparations et marquage. Les structures d’insertion sont invitées à répondre.',
      method: 'open',
      cpvCodes: ['98310000-9'],
      sectors: ['blanchisserie', 'couture-retouches'],
      placeKind: 'departement',
      placeCode: '69',
      estimatedValueEuros: 160_000,
      questionsDeadline: iso(now, -30),
      submissionDeadline: iso(now, -20),
      contractDurationMonths: 24,
      lots: [
        {
          number: 1,
          title: 'Blanchisserie',
          description: 'Collecte, lavage, séchage, pliage et livraison deux fois par semaine.',
          sectors: ['blanchisserie', 'linge-hotelier'],
          estimatedValueEuros: 120_000,
        },
        {
          number: 2,
          title: 'Couture et marquage',
          description: 'Réparations, ourlets et marquage du linge au nom des crèches.',
          sectors: ['couture-retouches', 'marquage-textile'],
          estimatedValueEuros: 40_000,
        },
      ],
    }),
    printing: draft({
      kind: 'appel-d-offres',
      title: 'Impression des supports de communication',
      description: 'Brouillon : affiches, dépliants et programmes des équipements culturels.',
      method: 'open',
      sectors: ['imprimerie-offset', 'reprographie'],
      submissionDeadline: iso(now, 60),
      contractDurationMonths: 24,
    }),
  };
}

/** A tiny real PDF for the demo bids' documents. */
const DEMO_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface DemoContext {
  db: DB;
  uploadsDir: string;
  origin: string;
  buyer: { organisationId: number; userId: number; email: string };
  moderator: { userId: number; email: string };
  lead: { supplierId: number; userId: number; organisationId: number };
}

/** Sent to moderation and published by the demo moderator through the moderation service (matching included). */
async function publish(context: DemoContext, tenderId: number, at: Date): Promise<void> {
  await changeTenderStatus(context.db, tenderId, {
    from: 'draft',
    to: 'submitted',
    now: at,
    submittedAt: at.toISOString(),
  });
  const published = await decideTender(
    context.db,
    { tenderId, fields: { decision: 'publish' }, actor: context.moderator, origin: context.origin },
    at,
  );
  if (!published.ok) throw new Error(`demo tender ${tenderId} not published: ${JSON.stringify(published.error)}`);
}

/**
 * A bid written as its members would have built it: members, lots and prices, allocation, the checklist with a
 * document for every piece, and, when `submit`, submitted. Partners have no account in the demo, so their
 * answers are written directly.
 */
async function demoBid(
  context: DemoContext,
  input: {
    tenderId: number;
    kind: 'seul' | 'groupement';
    name: string;
    members: { supplierId: number; acceptance: 'accepted' | 'pending' }[];
    lots: { number: number; priceCents: number | null; shares?: number[] }[];
    submit: boolean;
    at: Date;
  },
): Promise<number> {
  const { db, lead } = context;
  const leadSupplier = input.members[0].supplierId;
  return db.transaction().execute(async (trx) => {
    const bidId = await insertBid(trx, {
      tenderId: input.tenderId,
      kind: input.kind,
      name: input.name,
      form: input.kind === 'groupement' ? 'conjoint-mandataire-solidaire' : null,
      userId: lead.userId,
      now: input.at,
    });
    for (const [i, m] of input.members.entries())
      await upsertBidMember(trx, {
        bidId,
        supplierId: m.supplierId,
        role: i === 0 ? 'mandataire' : 'membre',
        acceptance: m.acceptance,
        invitedByUserId: i === 0 ? null : lead.userId,
        now: input.at,
      });
    await replaceBidLots(
      trx,
      bidId,
      input.lots.map((l) => ({ lotNumber: l.number, priceCents: l.priceCents })),
    );
    await replaceBidAllocations(
      trx,
      bidId,
      input.lots.flatMap((l) =>
        (l.shares ?? []).map((shareBp, i) => ({
          lotNumber: l.number,
          supplierId: input.members[i].supplierId,
          shareBp,
        })),
      ),
    );
    await appendBidActivity(
      trx,
      { bidId, supplierId: leadSupplier, userId: lead.userId, action: 'bid.created', detail: input.name },
      input.at,
    );
    await syncChecklist(trx, bidId, input.at);
    if (input.submit) {
      for (const item of await listChecklistItems(trx, bidId)) {
        const written = await writeUpload(context.uploadsDir, DEMO_PDF);
        await recordUpload(
          trx,
          written,
          {
            purpose: 'bid-document',
            contentType: 'application/pdf',
            originalName: `${item.key}.pdf`,
            organisationId: lead.organisationId,
            uploadedByUserId: lead.userId,
          },
          input.at.toISOString(),
        );
        await updateChecklistItem(trx, item.id, {
          status: 'done',
          file_id: written.id,
          updated_by_user_id: lead.userId,
          updated_at: input.at.toISOString(),
        });
      }
      await changeBidStatus(trx, bidId, {
        from: ['forming'],
        to: 'submitted',
        now: input.at,
        submittedByUserId: lead.userId,
        countSubmission: true,
      });
      await appendBidActivity(
        trx,
        { bidId, supplierId: leadSupplier, userId: lead.userId, action: 'bid.submitted', detail: '' },
        input.at,
      );
    }
    return bidId;
  });
}

/** The buyer awards a lot through the buyer's service, as on its page. */
async function award(context: DemoContext, tenderId: number, lot: number, bidId: number, at: Date): Promise<void> {
  const decided = await decideOnBid(
    context.db,
    {
      organisationId: context.buyer.organisationId,
      tenderId,
      intent: 'award',
      fields: { lot: String(lot), bidId: String(bidId) },
      actor: { userId: context.buyer.userId, email: context.buyer.email },
      origin: context.origin,
    },
    at,
  );
  if (!decided.ok) throw new Error(`demo award refused: ${JSON.stringify(decided.error)}`);
}

/**
 * Creates the demo tenders when the demo accounts exist and there is no tender yet; returns the ids by key (empty
 * when nothing was created). Bid documents are written under `uploadsDir`.
 */
export async function seedDemoTenders(
  db: DB,
  options: { uploadsDir: string; origin: string },
  now: Date = new Date(),
): Promise<Record<string, number>> {
  if (await hasAnyTender(db)) return {};
  const buyerOrganisation = await findOrganisationOfUserEmail(db, DEMO_ACCOUNTS.buyer);
  const leadOrganisation = await findOrganisationOfUserEmail(db, DEMO_ACCOUNTS.supplierOwner);
  const [buyerUser, moderator, leadUser] = await Promise.all(
    [DEMO_ACCOUNTS.buyer, DEMO_ACCOUNTS.moderator, DEMO_ACCOUNTS.supplierOwner].map((e) => findUserByEmail(db, e)),
  );
  const leadSupplier = leadOrganisation === undefined ? undefined : await findOrganisationById(db, leadOrganisation);
  if (buyerOrganisation === undefined || !buyerUser || !moderator || !leadUser || !leadSupplier?.supplier_id) return {};
  const context: DemoContext = {
    db,
    uploadsDir: options.uploadsDir,
    origin: options.origin,
    buyer: { organisationId: buyerOrganisation, userId: buyerUser.id, email: buyerUser.email },
    moderator: { userId: moderator.id, email: moderator.email },
    lead: { supplierId: leadSupplier.supplier_id, userId: leadUser.id, organisationId: leadOrganisation as number },
  };
  const drafts = demoTenderDrafts(now);
  const ids: Record<string, number> = {};
  for (const [key, content] of Object.entries(drafts))
    ids[key] = await insertTender(db, {
      organisationId: buyerOrganisation,
      userId: buyerUser.id,
      draft: content,
      now: new Date(now.getTime() + (key === 'laundry' ? -62 : -3) * DAY),
    });
  for (const key of ['parks', 'baskets', 'furniture'])
    await publish(context, ids[key], new Date(now.getTime() - 2 * DAY));
  await publish(context, ids.laundry, new Date(now.getTime() - 60 * DAY));

  // The awarded tender: a groupement led by the demo supplier wins lot 1, a supplier alone wins lot 2.
  const partners = await publishedSuppliersOfSectors(
    db,
    [
      'blanchisserie',
      'linge-hotelier',
      'couture-retouches',
      'marquage-textile',
      'nettoyage-bureaux',
      'collecte-dechets',
    ],
    [context.lead.supplierId],
    4,
  );
  if (partners.length < 4) return ids;
  const bidAt = new Date(now.getTime() - 30 * DAY);
  ids.laundryGroupement = await demoBid(context, {
    tenderId: ids.laundry,
    kind: 'groupement',
    name: 'Groupement Linge solidaire',
    members: [
      { supplierId: context.lead.supplierId, acceptance: 'accepted' },
      { supplierId: partners[0].id, acceptance: 'accepted' },
    ],
    lots: [{ number: 1, priceCents: 11_450_000, shares: [6000, 4000] }],
    submit: true,
    at: bidAt,
  });
  ids.laundryAlone = await demoBid(context, {
    tenderId: ids.laundry,
    kind: 'seul',
    name: partners[1].name,
    members: [{ supplierId: partners[1].id, acceptance: 'accepted' }],
    lots: [{ number: 2, priceCents: 3_720_000, shares: [10_000] }],
    submit: true,
    at: bidAt,
  });
  const awardAt = new Date(now.getTime() - 5 * DAY);
  await award(context, ids.laundry, 1, ids.laundryGroupement, awardAt);
  await award(context, ids.laundry, 2, ids.laundryAlone, awardAt);

  // A groupement in progress on the parks: a partner has accepted, another is invited, lot 3 still uncovered.
  ids.parksGroupement = await demoBid(context, {
    tenderId: ids.parks,
    kind: 'groupement',
    name: 'Groupement Parcs solidaires',
    members: [
      { supplierId: context.lead.supplierId, acceptance: 'accepted' },
      { supplierId: partners[2].id, acceptance: 'accepted' },
      { supplierId: partners[3].id, acceptance: 'pending' },
    ],
    lots: [
      { number: 1, priceCents: 23_000_000, shares: [10_000] },
      { number: 2, priceCents: 14_200_000, shares: [3000, 7000] },
      { number: 3, priceCents: null },
    ],
    submit: false,
    at: now,
  });
  return ids;
}
