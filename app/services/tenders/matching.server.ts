import type { Executor } from '../../../db/connection';
import {
  countImmediateMailsSince,
  listAlertRecipients,
  listAlertSettings,
  organisationsOfSuppliers,
} from '../../../db/repositories/tender-alerts';
import { MATCH_INSERT_ROWS } from '../../../db/batch';
import { enqueueMail } from '../../../db/repositories/mail-outbox';
import { insertNotifications } from '../../../db/repositories/notifications';
import {
  insertTenderMatches,
  listMatchCandidates,
  resolveMatchPlace,
  sectorNames,
  type NewTenderMatch,
} from '../../../db/repositories/tender-matching';
import type { TenderRecord } from '../../../db/repositories/tenders';
import { composeMail, siteSubject } from '~/domain/mail';
import { DEFAULT_DAILY_CAP, DEFAULT_TENDER_ALERT_MODE } from '~/domain/tenders/alerts';
import {
  CAP_WINDOW_MS,
  matchChannel,
  matchingSectors,
  rankMatches,
  type MatchTender,
  type RankedMatch,
} from '~/domain/tenders/matching';
import { NEED_KIND_LABELS, RESERVATION_KINDS } from '~/domain/tenders/tender';

// At publication (docs/decisions/250-tender-matching.md, 251-tender-alerts-and-digest.md): the suppliers that fit
// the tender are ranked and stored in tender_matches with how each was told; every matched supplier organisation
// gets an in-site notification, and a mail to its owners and editors when its setting is « immediate » and its
// daily cap is not reached (otherwise the match waits for the daily digest, or is told in the site only).
// Runs in the moderator's publication transaction (decideTender): published and announced, or neither.

export const DEADLINE_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export function deadlineText(iso: string | null): string {
  return iso ? DEADLINE_FORMAT.format(new Date(iso)) : 'non précisée';
}

export function alertsFooter(origin: string | undefined, organisationId: number): string {
  return (
    'Vous recevez ce courriel car votre organisation reçoit les alertes d’appels d’offres de Maillage. ' +
    (origin
      ? `Pour les regrouper en un récapitulatif quotidien ou les arrêter : ${origin}/organisations/${organisationId}/alertes`
      : 'Vous pouvez les regrouper ou les arrêter depuis la page « Alertes » de votre organisation.')
  );
}

export function matchTenderOf(
  tender: Pick<MatchTender, 'reservation' | 'sectors' | 'lots'>,
  place: MatchTender['place'],
): MatchTender {
  return {
    reservation: tender.reservation,
    place,
    sectors: tender.sectors,
    lots: tender.lots.map((l) => ({ number: l.number, title: l.title, sectors: l.sectors })),
  };
}

/** The ranked suppliers that fit a tender (no write): the SQL pre-filter, then the domain's rules. */
export async function rankTenderMatches(
  db: Executor,
  tender: Pick<MatchTender, 'reservation' | 'sectors' | 'lots'> & Pick<TenderRecord, 'placeKind' | 'placeCode'>,
): Promise<{ ranked: RankedMatch[]; candidates: number }> {
  const place = await resolveMatchPlace(db, tender.placeKind, tender.placeCode);
  if (!place) return { ranked: [], candidates: 0 };
  const matchTender = matchTenderOf(tender, place);
  const sectors = matchingSectors(matchTender);
  const [candidates, labels] = await Promise.all([
    listMatchCandidates(db, place, sectors, RESERVATION_KINDS[tender.reservation]),
    sectorNames(db, sectors),
  ]);
  return { ranked: rankMatches(matchTender, candidates, labels), candidates: candidates.length };
}

export interface MatchingOutcome {
  matched: number;
  notifiedOrganisations: number;
  mailedOrganisations: number;
}

/** Ranks, stores and announces the matches of a tender just published, in the caller's transaction. */
export async function matchPublishedTender(
  trx: Executor,
  tender: TenderRecord,
  origin: string,
  now: Date,
): Promise<MatchingOutcome> {
  const { ranked } = await rankTenderMatches(trx, tender);
  const supplierIds = ranked.map((m) => m.supplierId);
  const organisations = await organisationsOfSuppliers(trx, supplierIds);
  const organisationIds = [...new Set(organisations.values())];
  const [settings, recipients, mailCounts] = await Promise.all([
    listAlertSettings(trx, organisationIds),
    listAlertRecipients(trx, organisationIds),
    countImmediateMailsSince(trx, [...organisations.keys()], new Date(now.getTime() - CAP_WINDOW_MS)),
  ]);
  const iso = now.toISOString();
  const link = `/appels-d-offres/${tender.id}`;
  const what = `${NEED_KIND_LABELS[tender.kind]} « ${tender.title} »`;
  const rows: NewTenderMatch[] = [];
  const notified: number[] = [];
  let mailed = 0;
  for (const match of ranked) {
    const organisationId = organisations.get(match.supplierId);
    const emails = organisationId === undefined ? [] : (recipients.get(organisationId) ?? []);
    // Unclaimed suppliers, and organisations with nobody to mail, are told nothing (still ranked).
    const setting =
      organisationId === undefined || emails.length === 0
        ? null
        : (settings.get(organisationId) ?? { mode: DEFAULT_TENDER_ALERT_MODE, dailyCap: DEFAULT_DAILY_CAP });
    const channel = matchChannel(setting, mailCounts.get(match.supplierId) ?? 0);
    if (organisationId !== undefined) notified.push(organisationId);
    if (channel === 'immediate' && organisationId !== undefined) {
      for (const email of emails) {
        const message = composeMail(email, {
          subject: siteSubject(`Un appel d’offres pour vous — ${tender.title}`),
          paragraphs: [
            `Nouveau sur Maillage : ${what}, publié par ${tender.buyerName}. Il correspond à votre structure.`,
            `Pourquoi : ${match.reasons.join(' ; ')}.`,
            `Date limite de remise des offres : ${deadlineText(tender.submissionDeadline)}.`,
          ],
          action: { label: 'Voir l’appel d’offres', url: `${origin}${link}` },
          footer: alertsFooter(origin, organisationId),
        });
        if (message.ok) await enqueueMail(trx, message.value, now);
      }
      mailed += 1;
    }
    rows.push({
      supplierId: match.supplierId,
      rank: match.rank,
      score: match.score,
      reasons: match.reasons,
      channel,
      mailedAt: channel === 'immediate' ? iso : null,
    });
  }
  await insertTenderMatches(trx, tender.id, rows, now);
  for (let i = 0; i < notified.length; i += MATCH_INSERT_ROWS)
    await insertNotifications(
      trx,
      notified.slice(i, i + MATCH_INSERT_ROWS),
      {
        kind: 'tender-match',
        title: `Nouvel appel d’offres pour vous : ${tender.title}`,
        body: `${tender.buyerName} — date limite : ${deadlineText(tender.submissionDeadline)}`,
        link,
      },
      now,
    );
  return { matched: ranked.length, notifiedOrganisations: notified.length, mailedOrganisations: mailed };
}
