import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  findCharterSupplier,
  findOrganisationOfSupplier,
  updateSupplierColumns,
} from '../../../db/repositories/charter-assessments';
import { searchSuppliersForModeration, type ModeratedSupplier } from '../../../db/repositories/moderation';
import { enqueueSearchSync } from '../../../db/repositories/outbox';
import type { SearchEngine } from '../../../search/types';
import { parseReason } from '~/domain/charter-assessment';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';
import { PUBLICATION_STATUSES, type PublicationStatus } from '~/domain/supplier';
import { mailOwners } from '../charter/mail.server';

// Suspension and restoration of a supplier by a moderator (docs/decisions/142-suspension.md), with a reason
// that is mandatory, audited and mailed to the owners. A suspended supplier leaves the search at once: after
// the transaction commits, its document is removed from the engine directly (the outbox row written in the
// transaction covers a failure of that call). Restoration gives back the state the suspension interrupted.

export function searchModeratedSuppliers(
  db: DB,
  query: { text?: string; publicationStatus?: string },
): Promise<ModeratedSupplier[]> {
  const status = (PUBLICATION_STATUSES as readonly string[]).includes(query.publicationStatus ?? '')
    ? (query.publicationStatus as PublicationStatus)
    : undefined;
  return searchSuppliersForModeration(db, { text: query.text?.slice(0, 200), publicationStatus: status, limit: 50 });
}

export interface SuspensionInput {
  supplierId: number;
  reason: unknown;
  actor: { userId: number; email: string };
}

export type SuspensionRefusal = { kind: 'invalid'; issues: FieldIssue[] } | { kind: 'not-found' };

const ALREADY_SUSPENDED = 'Ce fournisseur est déjà suspendu.';
const NOT_SUSPENDED = 'Ce fournisseur n’est pas suspendu.';

export async function suspendSupplier(
  db: DB,
  engine: Pick<SearchEngine, 'remove'>,
  input: SuspensionInput,
  now: Date = new Date(),
  log: (line: string) => void = (line) => console.error(line),
): Promise<Result<{ supplierId: number }, SuspensionRefusal>> {
  const reason = parseReason(input.reason);
  if (!reason.ok) return fail({ kind: 'invalid', issues: reason.error });
  const iso = now.toISOString();
  const outcome = await db.transaction().execute(async (trx) => {
    const supplier = await findCharterSupplier(trx, input.supplierId);
    if (!supplier) return fail<SuspensionRefusal>({ kind: 'not-found' });
    if (supplier.publicationStatus === 'suspended')
      return fail<SuspensionRefusal>({ kind: 'invalid', issues: [{ field: 'reason', message: ALREADY_SUSPENDED }] });
    await updateSupplierColumns(trx, supplier.id, {
      publication_status: 'suspended',
      publication_before_suspension: supplier.publicationStatus,
      updated_at: iso,
    });
    await enqueueSearchSync(trx, [supplier.id]);
    const organisation = await findOrganisationOfSupplier(trx, supplier.id);
    await appendAudit(trx, {
      now: iso,
      actor: input.actor,
      action: 'supplier.suspended',
      subject: { type: 'supplier', id: supplier.id },
      organisationId: organisation?.id ?? null,
      supplierId: supplier.id,
      reason: reason.value,
      details: { publicationStatusBefore: supplier.publicationStatus },
    });
    if (organisation)
      await mailOwners(
        trx,
        organisation.id,
        {
          subject: `Votre fiche est suspendue — ${supplier.name} — Maillage`,
          paragraphs: [
            `Un modérateur a suspendu la fiche de ${supplier.name} : elle n’apparaît plus dans le catalogue ni dans la recherche.`,
            `Raison donnée : ${reason.value}`,
            'Pour en parler, répondez aux modérateurs depuis votre espace organisation ou écrivez à l’équipe de Maillage.',
          ],
        },
        now,
      );
    return ok({ supplierId: supplier.id });
  });
  if (outcome.ok) {
    // At once, not within the outbox's seconds; the outbox row retries if the engine is unreachable now.
    await engine.remove([input.supplierId]).catch((error: unknown) => {
      log(
        JSON.stringify({
          source: 'suspension',
          supplierId: input.supplierId,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    });
  }
  return outcome;
}

export async function restoreSupplier(
  db: DB,
  input: SuspensionInput,
  now: Date = new Date(),
): Promise<Result<{ supplierId: number; publicationStatus: PublicationStatus }, SuspensionRefusal>> {
  const reason = parseReason(input.reason);
  if (!reason.ok) return fail({ kind: 'invalid', issues: reason.error });
  const iso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const supplier = await findCharterSupplier(trx, input.supplierId);
    if (!supplier) return fail<SuspensionRefusal>({ kind: 'not-found' });
    if (supplier.publicationStatus !== 'suspended')
      return fail<SuspensionRefusal>({ kind: 'invalid', issues: [{ field: 'reason', message: NOT_SUSPENDED }] });
    const restored: PublicationStatus =
      supplier.publicationBeforeSuspension ?? (supplier.charterStatus === 'verified' ? 'published' : 'draft');
    await updateSupplierColumns(trx, supplier.id, {
      publication_status: restored,
      publication_before_suspension: null,
      updated_at: iso,
    });
    await enqueueSearchSync(trx, [supplier.id]);
    const organisation = await findOrganisationOfSupplier(trx, supplier.id);
    await appendAudit(trx, {
      now: iso,
      actor: input.actor,
      action: 'supplier.restored',
      subject: { type: 'supplier', id: supplier.id },
      organisationId: organisation?.id ?? null,
      supplierId: supplier.id,
      reason: reason.value,
      details: { publicationStatusAfter: restored },
    });
    if (organisation)
      await mailOwners(
        trx,
        organisation.id,
        {
          subject: `Votre fiche est rétablie — ${supplier.name} — Maillage`,
          paragraphs: [
            restored === 'published'
              ? `Un modérateur a levé la suspension de la fiche de ${supplier.name} : elle est de nouveau publiée dans le catalogue.`
              : `Un modérateur a levé la suspension de la fiche de ${supplier.name} : elle redevient un brouillon, publié une fois la charte vérifiée.`,
            `Raison donnée : ${reason.value}`,
          ],
        },
        now,
      );
    return ok({ supplierId: supplier.id, publicationStatus: restored });
  });
}
