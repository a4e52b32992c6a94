import type { Executor } from '../connection';

// A person's in-site notifications (docs/decisions/253-notifications-page.md): those of every organisation they
// belong to (notifications are addressed to organisations, decision 230), newest first; read marks are per
// notification, so a member marking one read marks it for the organisation's other members too.

export interface InboxNotification {
  id: number;
  organisationId: number;
  organisationName: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

function myOrganisations(db: Executor, userId: number) {
  return db.selectFrom('memberships').select('organisation_id').where('user_id', '=', userId);
}

export async function listNotificationsOfUser(
  db: Executor,
  userId: number,
  page: { limit: number; offset: number },
): Promise<InboxNotification[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('organisations as o', 'o.id', 'n.organisation_id')
    .select([
      'n.id',
      'n.organisation_id',
      'o.name',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
      'n.created_at',
      'n.read_at',
    ])
    .where('n.organisation_id', 'in', myOrganisations(db, userId))
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.name,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

/** How many notifications the person has, and how many are unread: one query. */
export async function countNotificationsOfUser(
  db: Executor,
  userId: number,
): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notifications as n')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('n.id').filterWhere('n.read_at', 'is', null).as('unread'),
    ])
    .where('n.organisation_id', 'in', myOrganisations(db, userId))
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread) };
}

/** The unread count of the site header: one query. */
export async function countUnreadNotifications(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications as n')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('n.organisation_id', 'in', myOrganisations(db, userId))
    .where('n.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the person's notifications read; false when it is not theirs or already read. */
export async function markNotificationRead(db: Executor, userId: number, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('id', '=', id)
    .where('organisation_id', 'in', myOrganisations(db, userId))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks every unread notification of the person's organisations read; the number marked. */
export async function markAllNotificationsRead(db: Executor, userId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('organisation_id', 'in', myOrganisations(db, userId))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
