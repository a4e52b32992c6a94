import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  findOrganisationOfSupplier,
  listVerifiedCharterSuppliers,
  updateSupplierColumns,
} from '../../../db/repositories/charter-assessments';
import { findJobRun, recordJobEnd, recordJobStart } from '../../../db/repositories/job-runs';
import { enqueueSearchSync } from '../../../db/repositories/outbox';
import { charterExpiresAt } from '~/domain/charter';
import {
  CHARTER_EXPIRY_JOB,
  charterExpiryAction,
  expiryCandidatesBefore,
  isJobDue,
  nextDueAt,
} from '~/domain/charter-assessment';
import { DATE_FORMAT, mailOwners } from './mail.server';

// The charter's daily job (docs/decisions/141-charter-expiry-job.md): 30 days before a verified charter's 12
// months are over, its owners are warned by mail, once (suppliers.charter_expiry_warned_at); when they are
// over, the charter is expired (search sync, audit, mail). Each run is recorded in job_runs, which /healthz
// reads. server.ts runs it at start and checks every hour whether it is due; the clock is injected.

export interface ExpiryRunResult {
  warned: number[];
  expired: number[];
}

/** One pass over the verified charters at `now`; each supplier in its own transaction. */
export async function expireCharters(db: DB, now: Date): Promise<ExpiryRunResult> {
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
            },
            now,
          );
        result.expired.push(supplier.id);
      }
    });
  }
  return result;
}

/** Runs the job now and records the run in job_runs (a failure is recorded, then thrown). */
export async function runCharterExpiryJob(db: DB, now: Date = new Date()): Promise<ExpiryRunResult> {
  await recordJobStart(db, CHARTER_EXPIRY_JOB, now.toISOString());
  try {
    const result = await expireCharters(db, now);
    await recordJobEnd(db, CHARTER_EXPIRY_JOB, {
      // The injected clock's time: the run's own duration does not matter to a daily job.
      finishedAt: now.toISOString(),
      error: null,
      nextDueAt: nextDueAt(now),
    });
    return result;
  } catch (error) {
    await recordJobEnd(db, CHARTER_EXPIRY_JOB, {
      finishedAt: now.toISOString(),
      error: error instanceof Error ? error.message : String(error),
      nextDueAt: nextDueAt(now),
    }).catch(() => undefined);
    throw error;
  }
}

/** Runs the job when it is due (never ran, or next_due_at passed). Returns whether it ran. */
export async function runCharterExpiryJobIfDue(db: DB, now: Date): Promise<boolean> {
  const run = await findJobRun(db, CHARTER_EXPIRY_JOB);
  if (!isJobDue(run?.next_due_at ?? null, now)) return false;
  await runCharterExpiryJob(db, now);
  return true;
}

export interface JobScheduler {
  stop(): Promise<void>;
  /** The check in progress, if any (tests wait for it). */
  idle(): Promise<void>;
}

/**
 * Checks at start and then every `intervalMs` (an hour) whether the job is due, and runs it. A failed run is in
 * job_runs (and a log line); the next check tries again once it is due.
 */
export function startCharterExpiryScheduler(
  db: DB,
  options: { intervalMs?: number; clock?: () => Date; log?: (line: string) => void } = {},
): JobScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = runCharterExpiryJobIfDue(db, clock())
      .then(() => undefined)
      .catch((error: unknown) => {
        log(
          JSON.stringify({
            source: CHARTER_EXPIRY_JOB,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      })
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60 * 60 * 1000);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    idle: () => running,
  };
}
