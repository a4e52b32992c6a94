import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  findSupplierIdOfOrganisation,
  knownCommuneCodes,
  loadEditableSupplier,
  type EditableSupplier,
} from '../../../db/repositories/sheet-editor';
import { upsertSupplierBySiret } from '../../../db/repositories/suppliers';
import { computeCompletion, type Completion } from '~/domain/sheet/completion';
import { DESCRIPTION_MIN_LENGTH_TO_PUBLISH, parseSheetForm, type SheetReference } from '~/domain/sheet/form';
import {
  buildSheetData,
  changedSheetFields,
  publicationIssues,
  toSupplierInput,
  type KeptField,
  type SheetData,
} from '~/domain/sheet/sheet';
import { logoUrl } from '~/domain/sheet/logo';
import type { FieldIssue, Result } from '~/domain/result';
import { resolveCommuneInput } from '../commune-lookup.server';
import { getReferenceData, type ReferenceData } from '../reference.server';

// The offer-sheet editor's use cases (issue 6, docs/decisions/130-sheet-editor-and-drafts.md). The page has
// already asked the permissions module (supplier.sheet.edit on the organisation); these read the sheet and save
// the form: parse, resolve the communes, write through upsertSupplierBySiret (which adds the search outbox row
// when something changed), and record the changed fields in the audit log, all in one transaction.

export interface SheetEditorView {
  organisationId: number;
  supplier: Omit<EditableSupplier, 'communeNames'> & { communeNames: Record<string, string> };
  logoUrl: string | null;
  completion: Completion;
  reference: Pick<ReferenceData, 'kinds' | 'sectorGroups' | 'labels' | 'regionsByName' | 'departements'>;
}

/** The codes the form may hold, from the reference data. */
export function sheetReference(reference: ReferenceData, now: Date): SheetReference {
  return {
    kinds: new Set(reference.kindsByCode.keys()),
    sectors: new Set(reference.sectorsByCode.keys()),
    labels: new Set(reference.labelsByCode.keys()),
    regions: new Set(reference.regionsByCode.keys()),
    departements: new Set(reference.departementsByCode.keys()),
    currentYear: now.getUTCFullYear(),
  };
}

/** The editor's data, or null when the organisation is not a supplier organisation (a 404). */
export async function loadSheetEditor(db: DB, organisationId: number): Promise<SheetEditorView | null> {
  const supplierId = await findSupplierIdOfOrganisation(db, organisationId);
  if (supplierId === undefined) return null;
  const supplier = await loadEditableSupplier(db, supplierId);
  if (!supplier) return null;
  const reference = await getReferenceData(db);
  return {
    organisationId,
    supplier: { ...supplier, communeNames: Object.fromEntries(supplier.communeNames) },
    logoUrl: supplier.logoFileId ? logoUrl(supplier.logoFileId) : null,
    completion: computeCompletion(supplier.sheet, supplier.logoFileId !== null),
    reference: {
      kinds: reference.kinds,
      sectorGroups: reference.sectorGroups,
      labels: reference.labels,
      regionsByName: reference.regionsByName,
      departements: reference.departements,
    },
  };
}

export interface SaveSheetInput {
  organisationId: number;
  actor: { userId: number; email: string };
  /** The raw payload of the form (Conform's submission.payload: nested objects, repeated fields as lists). */
  payload: unknown;
}

export interface SavedSheet {
  changed: (keyof SheetData)[];
  /** Empty required fields of a draft that kept their stored value. */
  kept: KeptField[];
}

export type SaveSheetError = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

async function resolveCommune(db: DB, text: string): Promise<Result<string, string>> {
  const resolution = await resolveCommuneInput(db, text);
  if (resolution.kind === 'not-found')
    return { ok: false, error: `aucune commune ne s’appelle « ${resolution.text.slice(0, 100)} »` };
  if (resolution.kind === 'empty') return { ok: false, error: 'vide' };
  const known = await knownCommuneCodes(db, [resolution.code]);
  return known.has(resolution.code)
    ? { ok: true, value: resolution.code }
    : { ok: false, error: `code INSEE inconnu « ${resolution.code} »` };
}

/**
 * Saves the offer sheet. A draft may be incomplete; a published sheet must keep what publication needs.
 * A malformed value refuses the whole form (nothing written). Unchanged forms write nothing.
 */
export async function saveSheet(
  db: DB,
  input: SaveSheetInput,
  now: Date = new Date(),
): Promise<Result<SavedSheet, SaveSheetError>> {
  const supplierId = await findSupplierIdOfOrganisation(db, input.organisationId);
  const stored = supplierId === undefined ? undefined : await loadEditableSupplier(db, supplierId);
  if (!stored) return { ok: false, error: { kind: 'not-found' } };
  const reference = await getReferenceData(db);
  const parsed = parseSheetForm(input.payload, sheetReference(reference, now));
  if (!parsed.ok) return { ok: false, error: { kind: 'invalid', issues: parsed.error } };
  const form = parsed.value;

  const issues: FieldIssue[] = [];
  let communeCode: string | null = null;
  if (form.commune !== null) {
    const r = await resolveCommune(db, form.commune);
    if (r.ok) communeCode = r.value;
    else issues.push({ field: 'commune', message: `Commune : ${r.error}.` });
  }
  const areaCommuneCodes: string[] = [];
  for (const { index, text } of form.areaCommunes) {
    const r = await resolveCommune(db, text);
    if (r.ok) areaCommuneCodes.push(r.value);
    else issues.push({ field: `areaCommunes[${index}]`, message: `Commune desservie : ${r.error}.` });
  }
  if (issues.length > 0) return { ok: false, error: { kind: 'invalid', issues } };

  const at = now.toISOString();
  // Compared with, and written over, the sheet as it is inside the transaction: a save that raced this one
  // cannot make the audit log name the wrong fields.
  return db.transaction().execute(async (trx): Promise<Result<SavedSheet, SaveSheetError>> => {
    const current = await loadEditableSupplier(trx, stored.id);
    if (!current) return { ok: false, error: { kind: 'not-found' } };
    const { data, kept } = buildSheetData(form, { communeCode, areaCommuneCodes }, current.sheet);
    if (current.publicationStatus === 'published') {
      const missing = publicationIssues(kept, data, DESCRIPTION_MIN_LENGTH_TO_PUBLISH);
      if (missing.length > 0) return { ok: false, error: { kind: 'invalid', issues: missing } };
    }
    const changed = changedSheetFields(current.sheet, data);
    if (changed.length === 0) return { ok: true, value: { changed, kept } };
    // The upsert writes only what differs and adds the search outbox row in this transaction (decision 003).
    await upsertSupplierBySiret(trx, toSupplierInput(current.siret, data), at);
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'supplier.sheet-updated',
      subject: { type: 'supplier', id: current.id },
      organisationId: input.organisationId,
      supplierId: current.id,
      details: { fields: changed },
    });
    return { ok: true, value: { changed, kept } };
  });
}
