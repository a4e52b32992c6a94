import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  changeTenderStatus,
  findTender,
  listSubmittedTenders,
  type TenderRecord,
  type TenderSummary,
} from '../../../db/repositories/tenders';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { NEED_KIND_LABELS } from '~/domain/tenders/tender';
import { mailOwners } from '../charter/mail.server';
import { matchPublishedTender } from './matching.server';
import { siteSubject } from '~/domain/mail';

// The moderators' side of tenders (decision 204): the queue of submitted tenders, and the decision: published
// (visible to all from now on) or sent back to draft with a note the buyer reads. Each decision is in the audit
// log and mailed to the buyer organisation's owners, in one transaction. A publication also ranks and tells the
// suppliers the tender fits, in the same transaction (decision 250).

export const TENDER_MODERATION_MESSAGES = {
  decisionRequired: 'Choisissez de publier le besoin ou de le renvoyer à l’acheteur.',
  noteRequired: 'Expliquez à l’acheteur ce qu’il doit corriger : il recevra cette note.',
  noteTooLong: 'La note ne doit pas dépasser 1000 caractères.',
  notSubmitted: 'Ce besoin n’est plus en attente de validation.',
} as const;

export function listTenderQueue(db: DB): Promise<TenderSummary[]> {
  return listSubmittedTenders(db);
}

export async function getTenderForReview(db: DB, tenderId: number): Promise<TenderRecord | null> {
  return (await findTender(db, tenderId)) ?? null;
}

export interface TenderDecisionInput {
  tenderId: number;
  fields: Record<string, unknown>;
  actor: { userId: number; email: string };
  origin: string;
}

export type TenderDecisionRefusal = { kind: 'invalid'; issues: FieldIssue[] } | { kind: 'not-found' };

function parseDecision(
  fields: Record<string, unknown>,
): Result<{ decision: 'publish' | 'reject'; note: string }, FieldIssue[]> {
  const decision = typeof fields.decision === 'string' ? fields.decision : '';
  const note = typeof fields.note === 'string' ? fields.note.trim() : '';
  if (decision !== 'publish' && decision !== 'reject')
    return fail([{ field: 'decision', message: TENDER_MODERATION_MESSAGES.decisionRequired }]);
  if (note.length > 1000) return fail([{ field: 'note', message: TENDER_MODERATION_MESSAGES.noteTooLong }]);
  if (decision === 'reject' && note === '')
    return fail([{ field: 'note', message: TENDER_MODERATION_MESSAGES.noteRequired }]);
  return ok({ decision, note });
}

export async function decideTender(
  db: DB,
  input: TenderDecisionInput,
  now: Date = new Date(),
): Promise<Result<{ status: 'published' | 'draft' }, TenderDecisionRefusal>> {
  const parsed = parseDecision(input.fields);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { decision, note } = parsed.value;
  const iso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const tender = await findTender(trx, input.tenderId);
    if (!tender) return fail<TenderDecisionRefusal>({ kind: 'not-found' });
    const notSubmitted = fail<TenderDecisionRefusal>({
      kind: 'invalid',
      issues: [{ field: '', message: TENDER_MODERATION_MESSAGES.notSubmitted }],
    });
    if (tender.status !== 'submitted') return notSubmitted;
    const published = decision === 'publish';
    const changed = await changeTenderStatus(trx, tender.id, {
      from: 'submitted',
      to: published ? 'published' : 'draft',
      now,
      ...(published ? { publishedAt: iso, moderationNote: note === '' ? null : note } : { moderationNote: note }),
    });
    if (!changed) return notSubmitted;
    await appendAudit(trx, {
      now: iso,
      actor: input.actor,
      action: published ? 'tender.published' : 'tender.rejected',
      subject: { type: 'tender', id: tender.id },
      organisationId: tender.buyerOrganisationId,
      reason: note === '' ? null : note,
      details: { kind: tender.kind, title: tender.title },
    });
    const what = `${NEED_KIND_LABELS[tender.kind].toLowerCase()} « ${tender.title} »`;
    await mailOwners(
      trx,
      tender.buyerOrganisationId,
      published
        ? {
            subject: siteSubject(`Votre besoin est publié — ${tender.title}`),
            paragraphs: [
              `Un modérateur a validé votre ${what} : il est publié sur Maillage et visible des fournisseurs.`,
              ...(note ? [`Note du modérateur : ${note}`] : []),
            ],
            action: { label: 'Voir le besoin publié', url: `${input.origin}/appels-d-offres/${tender.id}` },
          }
        : {
            subject: siteSubject(`Votre besoin est à reprendre — ${tender.title}`),
            paragraphs: [
              `Un modérateur n’a pas publié votre ${what} ; il est revenu à l’état de brouillon.`,
              `Note du modérateur : ${note}`,
              'Corrigez-le puis envoyez-le de nouveau à la modération.',
            ],
            action: {
              label: 'Reprendre le besoin',
              url: `${input.origin}/organisations/${tender.buyerOrganisationId}/appels-d-offres/${tender.id}`,
            },
          },
      now,
    );
    if (published) await matchPublishedTender(trx, tender, input.origin, now);
    return ok({ status: published ? ('published' as const) : ('draft' as const) });
  });
}
