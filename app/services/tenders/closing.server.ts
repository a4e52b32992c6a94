import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { changeTenderStatus, findTendersToClose } from '../../../db/repositories/tenders';

// The tenders' closing job (decision 203): every published tender whose submission deadline has passed is
// stored as closed, with an audit row. Pages already show it closed from the deadline on (effectiveStatus); this
// job makes it so in the database, within the hour (app/domain/jobs.ts: it runs hourly).

export async function closeExpiredTenders(db: DB, now: Date = new Date()): Promise<{ closed: number[] }> {
  const iso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const closed: number[] = [];
    for (const tender of await findTendersToClose(trx, now)) {
      if (!(await changeTenderStatus(trx, tender.id, { from: 'published', to: 'closed', now, closedAt: iso })))
        continue;
      await appendAudit(trx, {
        now: iso,
        actor: null,
        action: 'tender.closed',
        subject: { type: 'tender', id: tender.id },
        organisationId: tender.buyerOrganisationId,
        reason: 'Date limite de remise des offres passée',
      });
      closed.push(tender.id);
    }
    return { closed };
  });
}
