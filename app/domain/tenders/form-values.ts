import { type TenderDraft, utcToParisLocal } from './form';

// The tender form's values (decision 202): a stored draft as the strings Conform shows and posts back.

/** The form's fields as Conform posts them (every value a string). */
export type TenderFormValues = {
  title: string;
  description: string;
  kind: string;
  method: string;
  category: string;
  cpvCodes: string;
  sectors: string[];
  placeKind: string;
  placeCode: string;
  estimatedValue: string;
  lots: { title: string; description: string; sectors: string[]; estimatedValue: string }[];
  reservation: string;
  socialClauseHours: string;
  questionsDeadline: string;
  submissionDeadline: string;
  contractDurationMonths: string;
  allowDualBidding: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
};

const numberText = (value: number | null) => (value === null ? '' : String(value));

/**
 * A stored draft (or null for a new one) as the form's values, with `blankLots` empty lot rows after the existing
 * ones so that lots can be added without JavaScript (empty rows are dropped when saved).
 */
export function tenderFormValues(draft: TenderDraft | null, blankLots = 2): TenderFormValues {
  const blank = { title: '', description: '', sectors: [], estimatedValue: '' };
  return {
    title: draft?.title ?? '',
    description: draft?.description ?? '',
    kind: draft?.kind ?? 'appel-d-offres',
    method: draft?.method ?? '',
    category: draft?.category ?? '',
    cpvCodes: draft?.cpvCodes.join(', ') ?? '',
    sectors: draft?.sectors ?? [],
    placeKind: draft?.placeKind ?? '',
    placeCode: draft?.placeCode ?? '',
    estimatedValue: numberText(draft?.estimatedValueEuros ?? null),
    lots: [
      ...(draft?.lots ?? []).map((lot) => ({
        title: lot.title,
        description: lot.description,
        sectors: lot.sectors,
        estimatedValue: numberText(lot.estimatedValueEuros),
      })),
      ...Array.from({ length: blankLots }, () => blank),
    ],
    reservation: draft?.reservation ?? 'none',
    socialClauseHours: numberText(draft?.socialClauseHours ?? null),
    questionsDeadline: draft?.questionsDeadline ? utcToParisLocal(draft.questionsDeadline) : '',
    submissionDeadline: draft?.submissionDeadline ? utcToParisLocal(draft.submissionDeadline) : '',
    contractDurationMonths: numberText(draft?.contractDurationMonths ?? null),
    allowDualBidding: draft?.allowDualBidding ? 'on' : '',
    contactName: draft?.contactName ?? '',
    contactEmail: draft?.contactEmail ?? '',
    contactPhone: draft?.contactPhone ?? '',
  };
}
