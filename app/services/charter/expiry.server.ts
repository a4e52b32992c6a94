import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  findOrganisationOfSupplier,
  listVerifiedCharterSuppliers,
  updateSupplierColumns,
} from '../../../db/repositories/charter-assessments';
import { enqueueSearchSync } from '../../../db/repositories/outbox';
import { charterExpiresAt } from '~/domain/charter';
import { charterExpiryAction, expiryCandidatesBefore } from '~/domain/charter-assessment';
import { DATE_FORMAT, charterPageUrl, mailOwners } from './mail.server';

// The charter's daily job (docs/decisions/141-charter-expiry-job.md): 30 days before a verified charter's 12
// months are over, its owners are warned by mail, once (suppliers.charter_expiry_warned_at); when they are
// over, the charter is expired (search sync, audit, mail). One of the daily jobs of
// app/services/jobs/daily-jobs.server.ts, which records each run in job_runs (decision 144).

export interface ExpiryRunResult {
  warned: number[];
  expired: number[];
}

/** One pass over the verified charters at `now`; each supplier in its own transaction. */
/**
 * `origin`: the site's address (SITE_URL) for the mails' link to the charter page; without it (development),
 * the mails name the page instead.
 */
export async function expireCharters(db: DB, now: Date, origin?: string): Promise<ExpiryRunResult> {
  const result: ExpiryRunResult = { warned: [], expired: [] };
  const iso = now.toISOString();
  for (const supplier of await listVerifiedCharterSuppliers(db, expiryCandidatesBefore(now))) {
    const action = charterExpiryAction(
      {
        status: supplier.charterStatus,
        verifiedAt: supplier.charterVerifiedAt,
        warnedAt: supplier.charterExpiryWarnedAt,
      },
      now,
    );
    if (!action || !supplier.charterVerifiedAt) continue;
    const expiresAt = DATE_FORMAT.format(new Date(charterExpiresAt(supplier.charterVerifiedAt)));
    await db.transaction().execute(async (trx) => {
      const organisation = await findOrganisationOfSupplier(trx, supplier.id);
      const context = { organisationId: organisation?.id ?? null, supplierId: supplier.id };
      const link = (label: string) =>
        organisation && origin ? { action: { label, url: charterPageUrl(origin, organisation.id) } } : {};
      if (action === 'warn') {
        await updateSupplierColumns(trx, supplier.id, { charter_expiry_warned_at: iso });
        await appendAudit(trx, {
          now: iso,
          actor: null,
          action: 'charter.expiry-warned',
          subject: { type: 'supplier', id: supplier.id },
          ...context,
          details: { verifiedAt: supplier.charterVerifiedAt },
        });
        if (organisation)
          await mailOwners(
            trx,
            organisation.id,
            {
              subject: `Votre charte expire le ${expiresAt} — ${supplier.name} — Maillage`,
              paragraphs: [
                `La charte vérifiée de ${supplier.name} expire le ${expiresAt}, 12 mois après sa vérification.`,
                'Pour la renouveler, mettez à jour votre auto-évaluation sur Maillage (page « Charte » de votre organisation) et envoyez-la : la charte reste vérifiée pendant l’examen de la nouvelle version, jusqu’à son expiration.',
              ],
              ...link('Renouveler la charte'),
            },
            now,
          );
        result.warned.push(supplier.id);
      } else {
        await updateSupplierColumns(trx, supplier.id, { charter_status: 'expired', updated_at: iso });
        await enqueueSearchSync(trx, [supplier.id]);
        await appendAudit(trx, {
          now: iso,
          actor: null,
          action: 'charter.expired',
          subject: { type: 'supplier', id: supplier.id },
          ...context,
          details: { verifiedAt: supplier.charterVerifiedAt },
        });
        if (organisation)
          await mailOwners(
            trx,
            organisation.id,
            {
              subject: `Votre charte a expiré — ${supplier.name} — Maillage`,
              paragraphs: [
                `La charte de ${supplier.name}, vérifiée il y a 12 mois, a expiré le ${expiresAt}. Votre fiche l’indique désormais.`,
                'Envoyez une nouvelle auto-évaluation depuis la page « Charte » de votre organisation pour la faire vérifier à nouveau.',
              ],
              ...link('Reprendre l’auto-évaluation'),
            },
            now,
          );
        result.expired.push(supplier.id);
      }
    });
  }
  return result;
}
