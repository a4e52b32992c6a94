import type { DB } from '../../db/connection';
import { findLatestVerifiedAssessment, listAnswers } from '../../db/repositories/charter-assessments';
import { listCharterCriteria } from '../../db/repositories/reference';
import { findPublishedSupplier, loadSupplierSheetRows } from '../../db/repositories/supplier-sheet';
import { CHARTER_ANSWER_LABELS, evidenceSummary, type CharterAnswer } from '~/domain/charter-assessment';
import { CHARTER_STATUS_LABELS, charterExpiresAt, charterVerifiedAt, type CharterStatus } from '~/domain/charter';
import { describeServiceArea, type NamedServiceArea } from '~/domain/service-area-text';
import { TURNOVER_BAND_LABELS, TURNOVER_BANDS, type ServiceAreaKind, type TurnoverBand } from '~/domain/supplier';
import { getReferenceData } from './reference.server';

// Everything public about a published supplier: the offer sheet of /fournisseurs/:slug and
// GET /api/v1/suppliers/:id. Draft and suspended suppliers do not exist for the public.

export interface PublicServiceArea {
  kind: ServiceAreaKind;
  /** Région, département or commune code; absent for national and radius areas. */
  code?: string;
  name?: string;
  radiusKm?: number;
}

export interface PublicSupplierSheet {
  id: number;
  slug: string;
  siret: string;
  name: string;
  tradeName: string | null;
  legalForm: string | null;
  yearFounded: number | null;
  structureKind: { code: string; name: string; shortName: string; family: string };
  description: string;
  address: {
    street: string | null;
    postcode: string | null;
    commune: { code: string; name: string };
    departement: { code: string; name: string };
    region: { code: string; name: string };
    lat: number;
    lon: number;
  };
  offers: { name: string; description: string }[];
  sectors: { code: string; name: string; group: { code: string; name: string }; cpvDivisions: string[] }[];
  serviceArea: { summary: string; areas: PublicServiceArea[] };
  capacities: {
    headcount: number | null;
    insertionHeadcount: number | null;
    turnoverBand: { code: string; label: string } | null;
  };
  references: { clientName: string; year: number; description: string }[];
  labels: { code: string; name: string }[];
  contact: { email: string | null; phone: string | null; website: string | null };
  charter: {
    status: CharterStatus;
    label: string;
    verifiedAt: string | null;
    expiresAt: string | null;
    /** While the charter is verified: per criterion, the answer and the start of the evidence a moderator validated. */
    evidence: CharterEvidenceSummary[];
  };
  createdAt: string;
  updatedAt: string;
}

export interface CharterEvidenceSummary {
  code: string;
  title: string;
  answer: CharterAnswer;
  answerLabel: string;
  summary: string;
}

/** The summary of the supplier's last verified self-assessment (decision 140), in the criteria's order. */
async function verifiedEvidence(db: DB, supplierId: number): Promise<CharterEvidenceSummary[]> {
  const assessment = await findLatestVerifiedAssessment(db, supplierId);
  if (!assessment) return [];
  const titles = new Map((await listCharterCriteria(db)).map((c) => [c.code, c.title]));
  return (await listAnswers(db, [assessment.id])).flatMap((a) =>
    a.answer
      ? [
          {
            code: a.criterion_code,
            title: titles.get(a.criterion_code) ?? a.criterion_code,
            answer: a.answer,
            answerLabel: CHARTER_ANSWER_LABELS[a.answer],
            summary: evidenceSummary(a.evidence),
          },
        ]
      : [],
  );
}

const AREA_ORDER: Record<ServiceAreaKind, number> = { national: 0, region: 1, departement: 2, commune: 3, radius: 4 };

/**
 * The public sheet of a published supplier, by numeric id or by slug, or null when there is no such
 * published supplier.
 */
export async function getPublicSupplierSheet(db: DB, idOrSlug: number | string): Promise<PublicSupplierSheet | null> {
  const supplier = await findPublishedSupplier(db, idOrSlug);
  if (!supplier) return null;

  const reference = await getReferenceData(db);
  const {
    offers,
    sectorCodes,
    areas: areaRows,
    references,
    labelCodes,
    communeNames,
  } = await loadSupplierSheetRows(db, supplier.id);

  const sectorOrder = new Map(reference.sectors.map((s, i) => [s.code, i]));
  const sectors = [...sectorCodes]
    .sort((a, b) => (sectorOrder.get(a) ?? Infinity) - (sectorOrder.get(b) ?? Infinity))
    .map((code) => {
      const sector = reference.sectorsByCode.get(code);
      return {
        code,
        name: sector?.name ?? code,
        group: sector?.group ?? { code: '', name: '' },
        cpvDivisions: sector?.cpvDivisions ?? [],
      };
    });

  const labelOrder = new Map(reference.labels.map((l, i) => [l.code, i]));
  const labels = [...labelCodes]
    .sort((a, b) => (labelOrder.get(a) ?? Infinity) - (labelOrder.get(b) ?? Infinity))
    .map((code) => ({ code, name: reference.labelsByCode.get(code)?.name ?? code }));

  const named: NamedServiceArea[] = [];
  for (const row of [...areaRows].sort((a, b) => AREA_ORDER[a.kind] - AREA_ORDER[b.kind])) {
    if (row.kind === 'national') named.push({ kind: 'national' });
    else if (row.kind === 'radius') {
      if (row.radius_km !== null) named.push({ kind: 'radius', radiusKm: row.radius_km });
    } else if (row.code !== null) {
      if (row.kind === 'region')
        named.push({ kind: 'region', code: row.code, name: reference.regionsByCode.get(row.code)?.name ?? row.code });
      else if (row.kind === 'departement') {
        const d = reference.departementsByCode.get(row.code);
        named.push({ kind: 'departement', code: row.code, name: d?.name ?? row.code, liaison: d?.liaison });
      } else named.push({ kind: 'commune', code: row.code, name: communeNames.get(row.code) ?? row.code });
    }
  }
  // The public areas are the named ones without the grammatical liaison (only the summary sentence uses it).
  const areas: PublicServiceArea[] = named.map((area) => {
    if (area.kind !== 'departement') return area;
    const { liaison: _liaison, ...rest } = area;
    return rest;
  });

  const kind = reference.kindsByCode.get(supplier.structure_kind);
  const turnover = (TURNOVER_BANDS as readonly string[]).includes(supplier.turnover_band ?? '')
    ? {
        code: supplier.turnover_band as TurnoverBand,
        label: TURNOVER_BAND_LABELS[supplier.turnover_band as TurnoverBand],
      }
    : null;
  const verifiedAt = charterVerifiedAt(supplier.charter_status, supplier.charter_verified_at);

  return {
    id: supplier.id,
    slug: supplier.slug,
    siret: supplier.siret,
    name: supplier.name,
    tradeName: supplier.trade_name,
    legalForm: supplier.legal_form,
    yearFounded: supplier.year_founded,
    structureKind: {
      code: supplier.structure_kind,
      name: kind?.name ?? supplier.structure_kind,
      shortName: kind?.shortName ?? supplier.structure_kind,
      family: kind?.family ?? '',
    },
    description: supplier.description,
    address: {
      street: supplier.address,
      postcode: supplier.postcode,
      commune: { code: supplier.commune_code, name: supplier.commune_name },
      departement: {
        code: supplier.departement_code,
        name: reference.departementsByCode.get(supplier.departement_code)?.name ?? supplier.departement_code,
      },
      region: {
        code: supplier.region_code,
        name: reference.regionsByCode.get(supplier.region_code)?.name ?? supplier.region_code,
      },
      lat: supplier.latitude,
      lon: supplier.longitude,
    },
    offers: offers.map((o) => ({ name: o.name, description: o.description })),
    sectors,
    serviceArea: { summary: describeServiceArea(named, supplier.commune_name), areas },
    capacities: {
      headcount: supplier.headcount,
      insertionHeadcount: supplier.insertion_headcount,
      turnoverBand: turnover,
    },
    references: references.map((r) => ({ clientName: r.client_name, year: r.year, description: r.description })),
    labels,
    contact: { email: supplier.email, phone: supplier.phone, website: supplier.website },
    charter: {
      status: supplier.charter_status,
      label: CHARTER_STATUS_LABELS[supplier.charter_status],
      verifiedAt,
      expiresAt: verifiedAt ? charterExpiresAt(verifiedAt) : null,
      evidence: supplier.charter_status === 'verified' ? await verifiedEvidence(db, supplier.id) : [],
    },
    createdAt: supplier.created_at,
    updatedAt: supplier.updated_at,
  };
}
