import type { DB, Executor } from '../../../db/connection';
import {
  countNotificationsOfUser,
  countUnreadNotifications,
  listNotificationsOfUser,
  markAllNotificationsRead,
  markNotificationRead,
  type InboxNotification,
} from '../../../db/repositories/notification-inbox';

// The signed-in person's in-site notifications (docs/decisions/253-notifications-page.md): those of every
// organisation they belong to, newest first, 20 a page; « marquer comme lue » and « tout marquer comme lu » only
// ever touch the notifications of their own organisations.

export const NOTIFICATIONS_PER_PAGE = 20;

export interface InboxPage {
  notifications: InboxNotification[];
  page: number;
  lastPage: number;
  total: number;
  unread: number;
}

/** A page number from the query string: a positive integer, 1 otherwise; past the last page shows the last. */
export function parsePage(value: string | null): number {
  return value !== null && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

export async function getInbox(db: Executor, userId: number, requestedPage: number): Promise<InboxPage> {
  const { total, unread } = await countNotificationsOfUser(db, userId);
  const lastPage = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const page = Math.min(requestedPage, lastPage);
  const notifications = await listNotificationsOfUser(db, userId, {
    limit: NOTIFICATIONS_PER_PAGE,
    offset: (page - 1) * NOTIFICATIONS_PER_PAGE,
  });
  return { notifications, page, lastPage, total, unread };
}

/** The header's « Notifications (n) »: one query. */
export function unreadCount(db: Executor, userId: number): Promise<number> {
  return countUnreadNotifications(db, userId);
}

export type InboxAction = { intent: 'read'; id: number } | { intent: 'read-all' };

/** Reads the form: `intent` read (with `notificationId`) or read-all; null when malformed. */
export function parseInboxAction(fields: Record<string, unknown>): InboxAction | null {
  if (fields.intent === 'read-all') return { intent: 'read-all' };
  if (
    fields.intent === 'read' &&
    typeof fields.notificationId === 'string' &&
    /^[1-9]\d{0,15}$/.test(fields.notificationId)
  )
    return { intent: 'read', id: Number(fields.notificationId) };
  return null;
}

/** The number of notifications marked read (0 when the one named is not the person's, or already read). */
export async function markRead(db: DB, userId: number, action: InboxAction, now: Date = new Date()): Promise<number> {
  return action.intent === 'read-all'
    ? markAllNotificationsRead(db, userId, now)
    : (await markNotificationRead(db, userId, action.id, now))
      ? 1
      : 0;
}
