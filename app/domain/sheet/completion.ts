import type { SheetData } from './sheet';

// The completion score of an offer sheet (issue 6, docs/decisions/132-completion-score.md): weighted items
// summing to 100, each either done or missing with a French hint and the form section it links to. A buyer
// judges a supplier on its description, offers and references first, so they weigh most. Pure.

export type CompletionSection =
  | 'identite'
  | 'presentation'
  | 'offres'
  | 'secteurs'
  | 'zone'
  | 'capacites'
  | 'references'
  | 'labels'
  | 'contact'
  | 'logo';

export interface CompletionItem {
  key: string;
  weight: number;
  /** French, what is missing: « Ajoutez au moins une offre ». */
  missing: string;
  section: CompletionSection;
}

export interface Completion {
  /** 0 to 100, rounded down (100 only when nothing is missing). */
  percent: number;
  missing: CompletionItem[];
}

/** A description this long is « complete »; half the weight from DESCRIPTION_SHORT characters. */
export const DESCRIPTION_FULL = 300;
export const DESCRIPTION_SHORT = 50;

interface Rule extends CompletionItem {
  /** 0 (missing) to 1 (done). */
  score: (sheet: SheetData, hasLogo: boolean) => number;
}

const RULES: Rule[] = [
  {
    key: 'description',
    weight: 15,
    section: 'presentation',
    missing: `Rédigez une présentation d’au moins ${DESCRIPTION_FULL} caractères`,
    score: (s) =>
      s.description.trim().length >= DESCRIPTION_FULL ? 1 : s.description.trim().length >= DESCRIPTION_SHORT ? 0.5 : 0,
  },
  {
    key: 'offers',
    weight: 15,
    section: 'offres',
    missing: 'Décrivez au moins une offre',
    score: (s) => (s.offers.length > 0 ? 1 : 0),
  },
  {
    key: 'sectors',
    weight: 10,
    section: 'secteurs',
    missing: 'Choisissez vos secteurs d’activité',
    score: (s) => (s.sectors.length > 0 ? 1 : 0),
  },
  {
    key: 'serviceAreas',
    weight: 10,
    section: 'zone',
    missing: 'Indiquez votre zone d’intervention',
    score: (s) => (s.serviceAreas.length > 0 ? 1 : 0),
  },
  {
    key: 'references',
    weight: 10,
    section: 'references',
    missing: 'Ajoutez au moins une référence client',
    score: (s) => (s.references.length > 0 ? 1 : 0),
  },
  {
    key: 'capacities',
    weight: 5,
    section: 'capacites',
    missing: 'Indiquez votre effectif et votre tranche de chiffre d’affaires',
    score: (s) => ((s.headcount !== null ? 1 : 0) + (s.turnoverBand !== null ? 1 : 0)) / 2,
  },
  {
    key: 'identity',
    weight: 5,
    section: 'identite',
    missing: 'Précisez votre forme juridique et votre année de création',
    score: (s) => ((s.legalForm !== null ? 1 : 0) + (s.yearFounded !== null ? 1 : 0)) / 2,
  },
  {
    key: 'address',
    weight: 5,
    section: 'identite',
    missing: 'Indiquez votre adresse et votre code postal',
    score: (s) => ((s.address !== null ? 1 : 0) + (s.postcode !== null ? 1 : 0)) / 2,
  },
  {
    key: 'labels',
    weight: 5,
    section: 'labels',
    missing: 'Cochez vos labels et agréments, si vous en avez',
    score: (s) => (s.labels.length > 0 ? 1 : 0),
  },
  {
    key: 'email',
    weight: 5,
    section: 'contact',
    missing: 'Donnez un e-mail de contact',
    score: (s) => (s.email !== null ? 1 : 0),
  },
  {
    key: 'phone',
    weight: 5,
    section: 'contact',
    missing: 'Donnez un numéro de téléphone',
    score: (s) => (s.phone !== null ? 1 : 0),
  },
  {
    key: 'website',
    weight: 5,
    section: 'contact',
    missing: 'Indiquez votre site web',
    score: (s) => (s.website !== null ? 1 : 0),
  },
  {
    key: 'logo',
    weight: 5,
    section: 'logo',
    missing: 'Ajoutez votre logo',
    score: (_s, hasLogo) => (hasLogo ? 1 : 0),
  },
];

/** The weights sum to 100 (tests/unit/sheet-completion.test.ts). */
export const COMPLETION_ITEMS: readonly CompletionItem[] = RULES.map(({ score: _score, ...item }) => item);

export function computeCompletion(sheet: SheetData, hasLogo: boolean): Completion {
  let earned = 0;
  let total = 0;
  const missing: CompletionItem[] = [];
  for (const { score, ...item } of RULES) {
    const s = Math.max(0, Math.min(1, score(sheet, hasLogo)));
    total += item.weight;
    earned += item.weight * s;
    if (s < 1) missing.push(item);
  }
  const percent = missing.length === 0 ? 100 : Math.min(99, Math.floor((earned / total) * 100));
  return { percent, missing };
}
