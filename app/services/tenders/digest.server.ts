import type { DB } from '../../../db/connection';
import { listAlertRecipients, listAlertSettings } from '../../../db/repositories/tender-alerts';
import { enqueueMail } from '../../../db/repositories/mail-outbox';
import {
  listPendingDigestMatches,
  markDigestMatches,
  recordDigestSent,
  type PendingDigestMatch,
} from '../../../db/repositories/tender-digest';
import { composeMail } from '~/domain/mail';
import { alertsFooter, deadlineText } from './matching.server';

// The daily digest of tender alerts (docs/decisions/251-tender-alerts-and-digest.md), one of the daily jobs
// (app/domain/jobs.ts `tender-digest`): each organisation with matches left for the digest (its setting is
// « digest », or « immediate » over its daily cap) gets one mail per owner or editor listing those still open;
// the matches are marked handled (`mailed_at`) and the organisation's `last_digest_at` is set. One transaction
// per organisation. Matches of tenders no longer open, or of organisations that turned alerts off or have no
// one to mail, are marked handled without a mail.

export interface DigestRunResult {
  /** Organisations that were sent a digest. */
  mailedOrganisations: number[];
  /** Matches marked handled, mailed or not. */
  handled: number;
}

function isOpen(match: PendingDigestMatch, now: Date): boolean {
  return (
    match.status === 'published' &&
    match.submissionDeadline !== null &&
    Date.parse(match.submissionDeadline) > now.getTime()
  );
}

export async function sendTenderDigests(db: DB, now: Date, origin?: string): Promise<DigestRunResult> {
  const pending = await listPendingDigestMatches(db);
  const byOrganisation = new Map<number, PendingDigestMatch[]>();
  for (const m of pending) {
    const list = byOrganisation.get(m.organisationId) ?? [];
    list.push(m);
    byOrganisation.set(m.organisationId, list);
  }
  const organisationIds = [...byOrganisation.keys()];
  const [settings, recipients] = await Promise.all([
    listAlertSettings(db, organisationIds),
    listAlertRecipients(db, organisationIds),
  ]);
  const result: DigestRunResult = { mailedOrganisations: [], handled: 0 };
  for (const [organisationId, matches] of byOrganisation) {
    const open = matches.filter((m) => isOpen(m, now));
    const off = settings.get(organisationId)?.mode === 'off';
    const emails = recipients.get(organisationId) ?? [];
    await db.transaction().execute(async (trx) => {
      if (!off && open.length > 0 && emails.length > 0) {
        const count = open.length;
        for (const email of emails) {
          const message = composeMail(email, {
            subject: `${count === 1 ? 'Un appel d’offres' : `${count} appels d’offres`} pour vous — récapitulatif Maillage`,
            paragraphs: [
              count === 1
                ? 'Cet appel d’offres publié sur Maillage correspond à votre structure :'
                : `Ces ${count} appels d’offres publiés sur Maillage correspondent à votre structure :`,
              ...open.map(
                (m) =>
                  `« ${m.title} » (${m.buyerName}), date limite ${deadlineText(m.submissionDeadline)}` +
                  (origin ? ` : ${origin}/appels-d-offres/${m.tenderId}` : '') +
                  ` — ${m.reasons.join(' ; ')}.`,
              ),
            ],
            ...(origin
              ? {
                  action: {
                    label: 'Voir toutes mes opportunités',
                    url: `${origin}/organisations/${organisationId}/opportunites`,
                  },
                }
              : {}),
            footer: alertsFooter(origin, organisationId),
          });
          if (message.ok) await enqueueMail(trx, message.value, now);
        }
        await recordDigestSent(trx, organisationId, now);
        result.mailedOrganisations.push(organisationId);
      }
      const bySupplier = new Map<number, number[]>();
      for (const m of matches) bySupplier.set(m.supplierId, [...(bySupplier.get(m.supplierId) ?? []), m.tenderId]);
      for (const [supplierId, tenderIds] of bySupplier) await markDigestMatches(trx, supplierId, tenderIds, now);
      result.handled += matches.length;
    });
  }
  return result;
}
