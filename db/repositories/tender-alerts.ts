import { IN_LIST_CHUNK } from '../batch';
import type { Executor } from '../connection';

// Who is told of a tender that fits, and how (docs/decisions/251-tender-alerts-and-digest.md): the supplier
// organisations of the matched suppliers, their alert settings, the immediate mails of the last 24 hours (the
// daily cap), and the addresses of their owners and editors.

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The supplier organisation of each supplier that has one (unclaimed suppliers have none). */
export async function organisationsOfSuppliers(
  db: Executor,
  supplierIds: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const chunk of chunks(supplierIds, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'supplier_id'])
      .where('kind', '=', 'supplier')
      .where('supplier_id', 'in', chunk)
      .execute();
    for (const r of rows) if (r.supplier_id !== null) out.set(r.supplier_id, r.id);
  }
  return out;
}

export interface AlertSettingRow {
  mode: 'immediate' | 'digest' | 'off';
  dailyCap: number;
  lastDigestAt: string | null;
}

/** The stored alert settings of these organisations (no row: the defaults). */
export async function listAlertSettings(
  db: Executor,
  organisationIds: readonly number[],
): Promise<Map<number, AlertSettingRow>> {
  const out = new Map<number, AlertSettingRow>();
  for (const chunk of chunks(organisationIds, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom('notification_settings')
      .selectAll()
      .where('organisation_id', 'in', chunk)
      .execute();
    for (const r of rows)
      out.set(r.organisation_id, { mode: r.tender_alerts, dailyCap: r.daily_cap, lastDigestAt: r.last_digest_at });
  }
  return out;
}

export async function saveAlertSetting(
  db: Executor,
  organisationId: number,
  setting: { mode: 'immediate' | 'digest' | 'off'; dailyCap: number },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('notification_settings')
    .values({
      organisation_id: organisationId,
      tender_alerts: setting.mode,
      daily_cap: setting.dailyCap,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .column('organisation_id')
        .doUpdateSet({ tender_alerts: setting.mode, daily_cap: setting.dailyCap, updated_at: at }),
    )
    .execute();
}

/** The immediate tender mails each supplier received since `since` (the daily cap's count). */
export async function countImmediateMailsSince(
  db: Executor,
  supplierIds: readonly number[],
  since: Date,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const chunk of chunks(supplierIds, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom('tender_matches')
      .select((eb) => ['supplier_id', eb.fn.countAll<number>().as('n')])
      .where('supplier_id', 'in', chunk)
      .where('channel', '=', 'immediate')
      .where('mailed_at', '>=', since.toISOString())
      .groupBy('supplier_id')
      .execute();
    for (const r of rows) out.set(r.supplier_id, Number(r.n));
  }
  return out;
}

/** The confirmed addresses of the owners and editors of each organisation. */
export async function listAlertRecipients(
  db: Executor,
  organisationIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const chunk of chunks(organisationIds, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.organisation_id', 'u.email'])
      .where('m.organisation_id', 'in', chunk)
      .where('m.role', 'in', ['owner', 'editor'])
      .where('u.email_verified_at', 'is not', null)
      .orderBy('u.email')
      .execute();
    for (const r of rows) {
      const list = out.get(r.organisation_id) ?? [];
      list.push(r.email);
      out.set(r.organisation_id, list);
    }
  }
  return out;
}
