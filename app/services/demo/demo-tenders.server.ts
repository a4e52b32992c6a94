import type { DB, Executor } from '../../../db/connection';
import { findOrganisationOfUserEmail, hasAnyTender } from '../../../db/repositories/demo-tenders';
import { changeTenderStatus, insertTender } from '../../../db/repositories/tenders';
import { findUserByEmail } from '../../../db/repositories/users';
import type { TenderDraft } from '~/domain/tenders/form';
import { DEMO_ACCOUNTS } from './demo-accounts.server';

// The demo tenders (issue 7, docs/decisions/265-demo-tenders.md): on a demo database whose demo buyer exists and
// which has no tender yet, `npm start` publishes open needs of the three kinds, keeps a draft, and (with the
// bids) an awarded tender and a groupement in progress. Dates are relative to the day of the seeding.

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

async function publish(trx: Executor, tenderId: number, at: string, now: Date): Promise<void> {
  await changeTenderStatus(trx, tenderId, { from: 'draft', to: 'submitted', now, submittedAt: at });
  await changeTenderStatus(trx, tenderId, { from: 'submitted', to: 'published', now, publishedAt: at });
}

/**
 * Creates the demo tenders when the demo buyer exists and there is no tender yet; returns the ids by key (empty
 * when nothing was created).
 */
export async function seedDemoTenders(db: DB, now: Date = new Date()): Promise<Record<string, number>> {
  if (await hasAnyTender(db)) return {};
  const buyer = await findOrganisationOfUserEmail(db, DEMO_ACCOUNTS.buyer);
  const buyerUser = await findUserByEmail(db, DEMO_ACCOUNTS.buyer);
  if (buyer === undefined || !buyerUser) return {};
  const drafts = demoTenderDrafts(now);
  return db.transaction().execute(async (trx) => {
    const ids: Record<string, number> = {};
    for (const [key, content] of Object.entries(drafts)) {
      ids[key] = await insertTender(trx, { organisationId: buyer, userId: buyerUser.id, draft: content, now });
      if (key !== 'printing') await publish(trx, ids[key], iso(now, -2), now);
    }
    return ids;
  });
}
