import type { DB, Executor } from '../../../db/connection';
import { listAlertSettings, saveAlertSetting } from '../../../db/repositories/tender-alerts';
import { findOrganisationById } from '../../../db/repositories/organisations';
import {
  deleteTenderInterest,
  listTenderInterests,
  saveTenderInterest,
} from '../../../db/repositories/tender-interests';
import {
  findMatchCandidate,
  listOpenTendersWithSectors,
  resolveMatchPlace,
  sectorNames,
} from '../../../db/repositories/tender-matching';
import {
  type AlertSettingsInput,
  type OpportunityFilter,
  keepForFilter,
  parseAlertSettings,
  parseInterest,
} from '~/domain/tenders/alert-forms';
import { DEFAULT_DAILY_CAP, DEFAULT_TENDER_ALERT_MODE, type TenderInterest } from '~/domain/tenders/alerts';
import { matchSupplier, type MatchPlace } from '~/domain/tenders/matching';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { matchTenderOf } from './matching.server';

// A supplier organisation's « Opportunités » and « Alertes » (docs/decisions/252-opportunities-and-alert-pages.md):
// the open tenders that fit its supplier, computed live with the publication's rules (so tenders published before
// the supplier joined are there too), its interest in each, and its alert setting. The pages check the
// permission; this service checks the data (a supplier organisation, an open tender that fits).

export interface SupplierOrganisation {
  id: number;
  name: string;
  supplierId: number;
}

export async function findSupplierOrganisation(
  db: Executor,
  organisationId: number,
): Promise<SupplierOrganisation | null> {
  const org = await findOrganisationById(db, organisationId);
  if (!org || org.kind !== 'supplier' || org.supplier_id === null) return null;
  return { id: org.id, name: org.name, supplierId: org.supplier_id };
}

export interface Opportunity {
  id: number;
  title: string;
  kind: string;
  buyerName: string;
  placeName: string;
  estimatedValueEuros: number | null;
  submissionDeadline: string;
  lots: { number: number; title: string; covered: boolean }[];
  score: number;
  reasons: string[];
  interest: TenderInterest | null;
  reason: string | null;
}

export interface OpportunitiesView {
  organisation: SupplierOrganisation;
  published: boolean;
  filter: OpportunityFilter;
  opportunities: Opportunity[];
  counts: Record<OpportunityFilter, number>;
}

/** Every open tender that fits the supplier now, best first, with its interest mark. */
async function openMatches(
  db: Executor,
  supplierId: number,
  now: Date,
): Promise<{ published: boolean; all: Opportunity[] }> {
  const candidate = await findMatchCandidate(db, supplierId);
  if (!candidate || !candidate.published) return { published: false, all: [] };
  const tenders = await listOpenTendersWithSectors(db, candidate.sectors, now);
  const places = new Map<string, MatchPlace | null>();
  const labels = await sectorNames(db, candidate.sectors);
  const all: Opportunity[] = [];
  for (const t of tenders) {
    const key = `${t.placeKind}:${t.placeCode}`;
    if (!places.has(key)) places.set(key, await resolveMatchPlace(db, t.placeKind, t.placeCode));
    const place = places.get(key);
    if (!place) continue;
    const match = matchSupplier(matchTenderOf(t, place), candidate, labels);
    if (!match) continue;
    all.push({
      id: t.id,
      title: t.title,
      kind: t.kind,
      buyerName: t.buyerName,
      placeName: place.name,
      estimatedValueEuros: t.estimatedValueEuros,
      submissionDeadline: t.submissionDeadline,
      lots: t.lots.map((l) => ({ number: l.number, title: l.title, covered: match.lotsCovered.includes(l.number) })),
      score: match.score,
      reasons: match.reasons,
      interest: null,
      reason: null,
    });
  }
  const interests = await listTenderInterests(
    db,
    supplierId,
    all.map((o) => o.id),
  );
  for (const o of all) {
    const mark = interests.get(o.id);
    o.interest = mark?.interest ?? null;
    o.reason = mark?.reason ?? null;
  }
  all.sort(
    (a, b) => b.score - a.score || Date.parse(a.submissionDeadline) - Date.parse(b.submissionDeadline) || a.id - b.id,
  );
  return { published: true, all };
}

export async function listOpportunities(
  db: DB,
  organisation: SupplierOrganisation,
  filter: OpportunityFilter,
  now: Date = new Date(),
): Promise<OpportunitiesView> {
  const { published, all } = await openMatches(db, organisation.supplierId, now);
  const counts = {
    tous: all.filter((o) => keepForFilter('tous', o.interest)).length,
    interesses: all.filter((o) => keepForFilter('interesses', o.interest)).length,
    'non-marques': all.filter((o) => keepForFilter('non-marques', o.interest)).length,
    'pas-interesses': all.filter((o) => keepForFilter('pas-interesses', o.interest)).length,
  };
  return {
    organisation,
    published,
    filter,
    opportunities: all.filter((o) => keepForFilter(filter, o.interest)),
    counts,
  };
}

export const OPPORTUNITY_MESSAGES = {
  notOpen: 'Cet appel d’offres n’est plus ouvert, ou ne correspond plus à votre structure.',
} as const;

export type InterestRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

/**
 * Marks (or, with `intent` 'clear', unmarks) the supplier's interest in an open tender that fits it. Nothing is
 * written when a field is wrong or the tender is not among its opportunities any more.
 */
export async function markInterest(
  db: DB,
  input: {
    organisation: SupplierOrganisation;
    userId: number;
    tenderId: number;
    intent: 'mark' | 'clear';
    fields: Record<string, unknown>;
  },
  now: Date = new Date(),
): Promise<Result<{ interest: TenderInterest | null }, InterestRefusal>> {
  const parsed = input.intent === 'clear' ? ok(null) : parseInterest(input.fields);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  return db.transaction().execute(async (trx) => {
    const { all } = await openMatches(trx, input.organisation.supplierId, now);
    if (!all.some((o) => o.id === input.tenderId))
      return fail<InterestRefusal>({ kind: 'invalid', issues: [{ field: '', message: OPPORTUNITY_MESSAGES.notOpen }] });
    if (parsed.value === null) {
      await deleteTenderInterest(trx, input.tenderId, input.organisation.supplierId);
      return ok({ interest: null });
    }
    await saveTenderInterest(
      trx,
      {
        tenderId: input.tenderId,
        supplierId: input.organisation.supplierId,
        interest: parsed.value.interest,
        reason: parsed.value.reason,
        userId: input.userId,
      },
      now,
    );
    return ok({ interest: parsed.value.interest });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Alert settings

export async function getAlertSetting(db: Executor, organisationId: number): Promise<AlertSettingsInput> {
  const row = (await listAlertSettings(db, [organisationId])).get(organisationId);
  return { tenderAlerts: row?.mode ?? DEFAULT_TENDER_ALERT_MODE, dailyCap: row?.dailyCap ?? DEFAULT_DAILY_CAP };
}

export async function updateAlertSetting(
  db: DB,
  organisationId: number,
  fields: Record<string, unknown>,
  now: Date = new Date(),
): Promise<Result<AlertSettingsInput, FieldIssue[]>> {
  const parsed = parseAlertSettings(fields);
  if (!parsed.ok) return parsed;
  await db
    .transaction()
    .execute((trx) =>
      saveAlertSetting(trx, organisationId, { mode: parsed.value.tenderAlerts, dailyCap: parsed.value.dailyCap }, now),
    );
  return ok(parsed.value);
}
