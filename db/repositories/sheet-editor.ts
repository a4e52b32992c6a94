import type { SheetData } from '../../app/domain/sheet/sheet';
import { TURNOVER_BANDS, type PublicationStatus, type ServiceArea, type TurnoverBand } from '../../app/domain/supplier';
import type { Executor } from '../connection';
import { listCommuneNames } from './communes';
import { loadSheetChildRows } from './supplier-sheet';

// The offer-sheet editor's reads and its logo write (docs/decisions/130-sheet-editor-and-drafts.md): the
// supplier of a supplier organisation, and its whole sheet, published or not. The sheet itself is written by
// upsertSupplierBySiret (./suppliers.ts), the one write path.

export interface EditableSupplier {
  id: number;
  siret: string;
  slug: string;
  publicationStatus: PublicationStatus;
  logoFileId: string | null;
  sheet: SheetData;
  /** Names of the communes the sheet mentions (its own and its service areas'). */
  communeNames: Map<string, string>;
}

/** The supplier of this organisation, or undefined when there is no such organisation or it is a buyer. */
export async function findSupplierIdOfOrganisation(db: Executor, organisationId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select('supplier_id')
    .where('id', '=', organisationId)
    .where('kind', '=', 'supplier')
    .executeTakeFirst();
  return row?.supplier_id ?? undefined;
}

/** The supplier's whole sheet as the editor shows it, whatever its publication status. */
export async function loadEditableSupplier(db: Executor, supplierId: number): Promise<EditableSupplier | undefined> {
  const s = await db.selectFrom('suppliers').selectAll().where('id', '=', supplierId).executeTakeFirst();
  if (!s) return undefined;
  const { offers, sectorCodes, areas, references, labelCodes } = await loadSheetChildRows(db, supplierId, 'as-entered');
  const serviceAreas = areas.flatMap((r): ServiceArea[] =>
    r.kind === 'national'
      ? [{ kind: 'national' }]
      : r.kind === 'radius'
        ? r.radius_km !== null
          ? [{ kind: 'radius', radiusKm: r.radius_km }]
          : []
        : r.code !== null
          ? [{ kind: r.kind, code: r.code }]
          : [],
  );
  const communeCodes = [s.commune_code, ...serviceAreas.flatMap((a) => (a.kind === 'commune' ? [a.code] : []))];
  const turnoverBand = (TURNOVER_BANDS as readonly string[]).includes(s.turnover_band ?? '')
    ? (s.turnover_band as TurnoverBand)
    : null;
  return {
    id: s.id,
    siret: s.siret,
    slug: s.slug,
    publicationStatus: s.publication_status,
    logoFileId: s.logo_file_id,
    communeNames: await listCommuneNames(db, communeCodes),
    sheet: {
      name: s.name,
      tradeName: s.trade_name,
      legalForm: s.legal_form,
      yearFounded: s.year_founded,
      address: s.address,
      postcode: s.postcode,
      communeCode: s.commune_code,
      structureKind: s.structure_kind,
      description: s.description,
      offers,
      sectors: sectorCodes.sort(),
      serviceAreas,
      headcount: s.headcount,
      insertionHeadcount: s.insertion_headcount,
      turnoverBand,
      references: references.map((r) => ({ clientName: r.client_name, year: r.year, description: r.description })),
      labels: labelCodes.sort(),
      email: s.email,
      phone: s.phone,
      website: s.website,
    },
  };
}

/** Sets (or clears) the supplier's logo. The caller enqueues the search sync in the same transaction. */
export async function setSupplierLogo(db: Executor, supplierId: number, fileId: string | null, now: string) {
  await db
    .updateTable('suppliers')
    .set({ logo_file_id: fileId, updated_at: now })
    .where('id', '=', supplierId)
    .execute();
}

/** Whether these INSEE codes exist, as a set of the known ones. */
export async function knownCommuneCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('communes')
    .select('code')
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** The supplier's current logo file id, or null. */
export async function findSupplierLogoId(db: Executor, supplierId: number): Promise<string | null> {
  const row = await db.selectFrom('suppliers').select('logo_file_id').where('id', '=', supplierId).executeTakeFirst();
  return row?.logo_file_id ?? null;
}
