import type { Executor } from '../connection';
import { ascNullsFirst } from '../dialect';
import { IN_LIST_CHUNK } from '../batch';
import { DEFAULT_DAILY_CAP, DEFAULT_TENDER_ALERT_MODE } from '../../app/domain/tenders/alerts';

// The daily digest of tender alerts (docs/decisions/251-tender-alerts-and-digest.md): the matches left for it
// (channel digest or capped, not handled yet) with their organisation and tender, and their marking.

export interface PendingDigestMatch {
  tenderId: number;
  supplierId: number;
  organisationId: number;
  rank: number;
  reasons: string[];
  title: string;
  buyerName: string;
  status: string;
  submissionDeadline: string | null;
}

/** Every match still waiting for a digest, by organisation, then nearest deadline. */
export async function listPendingDigestMatches(db: Executor): Promise<PendingDigestMatch[]> {
  const rows = await db
    .selectFrom('tender_matches as m')
    .innerJoin('organisations as o', (join) =>
      join.onRef('o.supplier_id', '=', 'm.supplier_id').on('o.kind', '=', 'supplier'),
    )
    .innerJoin('tenders as t', 't.id', 'm.tender_id')
    .innerJoin('organisations as b', 'b.id', 't.buyer_organisation_id')
    .select([
      'm.tender_id',
      'm.supplier_id',
      'o.id as organisation_id',
      'm.rank',
      'm.reasons',
      't.title',
      'b.name as buyer_name',
      't.status',
      't.submission_deadline',
    ])
    .where('m.channel', 'in', ['digest', 'capped'])
    .where('m.mailed_at', 'is', null)
    .orderBy('o.id')
    .orderBy('t.submission_deadline', ascNullsFirst(db))
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    tenderId: r.tender_id,
    supplierId: r.supplier_id,
    organisationId: r.organisation_id,
    rank: r.rank,
    reasons: JSON.parse(r.reasons) as string[],
    title: r.title,
    buyerName: r.buyer_name,
    status: r.status,
    submissionDeadline: r.submission_deadline,
  }));
}

/** Marks these matches of one supplier as handled by the digest (mailed or no longer worth a mail). */
export async function markDigestMatches(
  db: Executor,
  supplierId: number,
  tenderIds: readonly number[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < tenderIds.length; i += IN_LIST_CHUNK) {
    await db
      .updateTable('tender_matches')
      .set({ mailed_at: now.toISOString() })
      .where('supplier_id', '=', supplierId)
      .where('tender_id', 'in', tenderIds.slice(i, i + IN_LIST_CHUNK))
      .where('mailed_at', 'is', null)
      .execute();
  }
}

/** Records the organisation's last digest (a settings row with the defaults is created when there was none). */
export async function recordDigestSent(db: Executor, organisationId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('notification_settings')
    .values({
      organisation_id: organisationId,
      tender_alerts: DEFAULT_TENDER_ALERT_MODE,
      daily_cap: DEFAULT_DAILY_CAP,
      last_digest_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ last_digest_at: at }))
    .execute();
}
