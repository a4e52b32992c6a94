import type { FieldIssue } from '~/domain/result';
import { lotsOf } from '~/domain/tenders/form';
import type { PublicTenderDocument } from '~/services/tenders/documents.server';
import type { PublicTenderList, TenderRecord, TenderSummary } from '~/services/tenders/public.server';

// The public API's tenders (decision 205): GET /api/v1/tenders takes English parameter names, translated to the
// page's; the answers are the public fields only (no moderation note, no author), as app/api/openapi.ts says.

/** API parameter → the public page's parameter. */
export const TENDER_API_PARAMS: Readonly<Record<string, string>> = {
  sector: 'secteur',
  departement: 'departement',
  region: 'region',
  reservation: 'reservation',
  deadline_after: 'limite-apres',
  value_min: 'valeur-min',
  value_max: 'valeur-max',
  page: 'page',
};

const PAGE_TO_API = Object.fromEntries(Object.entries(TENDER_API_PARAMS).map(([api, page]) => [page, api]));

/** The API's query as the page's, or the issues of unknown or repeated parameters. */
export function translateTenderParams(params: URLSearchParams): { params: URLSearchParams; issues: FieldIssue[] } {
  const translated = new URLSearchParams();
  const issues: FieldIssue[] = [];
  for (const name of new Set(params.keys())) {
    const target = TENDER_API_PARAMS[name];
    if (!target) issues.push({ field: name, message: 'Paramètre inconnu.' });
    else if (params.getAll(name).length > 1) issues.push({ field: name, message: 'Paramètre répété.' });
    else translated.set(target, params.get(name) ?? '');
  }
  return { params: translated, issues };
}

/** Field issues of the page's parameters under the API's names. */
export function apiIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ ...issue, field: PAGE_TO_API[issue.field] ?? issue.field }));
}

function summary(t: TenderSummary) {
  return {
    id: t.id,
    kind: t.kind,
    status: t.status,
    title: t.title,
    buyer: { name: t.buyerName },
    category: t.category,
    place: t.placeKind ? { kind: t.placeKind, code: t.placeCode, name: t.placeName } : null,
    estimatedValueEuros: t.estimatedValueEuros,
    reservation: t.reservation,
    submissionDeadline: t.submissionDeadline,
    publishedAt: t.publishedAt,
  };
}

export function toApiTenderList(list: PublicTenderList) {
  return { items: list.items.map(summary), total: list.total, page: list.query.page, pageCount: list.pageCount };
}

/**
 * One public tender; `documents` are its consultation documents (decision 255), their `url` made absolute
 * with `origin`.
 */
export function toApiTender(t: TenderRecord, documents: readonly PublicTenderDocument[] = [], origin = '') {
  return {
    id: t.id,
    kind: t.kind,
    status: t.status,
    title: t.title,
    description: t.description,
    buyer: { name: t.buyerName },
    method: t.method,
    category: t.category,
    cpvCodes: t.cpvCodes,
    sectors: t.sectors,
    place: t.placeKind ? { kind: t.placeKind, code: t.placeCode, name: t.placeName } : null,
    estimatedValueEuros: t.estimatedValueEuros,
    lots: lotsOf(t).map((lot) => ({
      number: lot.number,
      title: lot.title,
      description: lot.description,
      sectors: lot.sectors,
      estimatedValueEuros: lot.estimatedValueEuros,
    })),
    reservation: t.reservation,
    socialClauseHours: t.socialClauseHours,
    questionsDeadline: t.questionsDeadline,
    submissionDeadline: t.submissionDeadline,
    contractDurationMonths: t.contractDurationMonths,
    allowDualBidding: t.allowDualBidding,
    contact: { name: t.contactName, email: t.contactEmail, phone: t.contactPhone },
    publishedAt: t.publishedAt,
    documents: documents.map((d) => ({ title: d.title, size: d.byteSize, url: `${origin}${d.url}` })),
  };
}
