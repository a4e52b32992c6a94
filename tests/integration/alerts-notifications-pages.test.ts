import { beforeAll, describe, expect, it } from 'vitest';
import { loader as rootLoader } from '../../app/root';
import { action as alertsAction, loader as alertsLoader } from '../../app/routes/organisations.$orgId.alertes';
import { action as inboxAction, loader as inboxLoader } from '../../app/routes/notifications';
import { ALERT_FORM_MESSAGES } from '../../app/domain/tenders/alert-forms';
import { insertNotifications } from '../../db/repositories/notifications';
import { createTestDatabase } from '../support/db';
import { addMatchSupplier } from '../support/matching';
import {
  addMember,
  attempt,
  buyerOrganisation,
  createUser,
  pageGet,
  pagePost,
  type TestUser,
} from '../support/organisations';
import { setPageContext } from '../support/pages';

// « Alertes » (decision 252): the alert setting of a supplier organisation, owners and editors only, every bad
// value refused with its message and nothing written. « Notifications » (decision 253): the person's in-site
// notifications of all their organisations, paginated, marked read one by one or all at once, never another
// person's; the header's unread count.

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

let owner: TestUser;
let editor: TestUser;
let outsider: TestUser;
let moderator: TestUser;
let orgId: number;
let otherOrgId: number;

beforeAll(async () => {
  owner = await createUser(db);
  editor = await createUser(db);
  outsider = await createUser(db);
  moderator = await createUser(db, { siteRole: 'moderator' });
  orgId = (
    await addMatchSupplier(db, {
      members: [
        { user: owner, role: 'owner' },
        { user: editor, role: 'editor' },
      ],
    })
  ).organisationId!;
  otherOrgId = (await addMatchSupplier(db, { members: [{ user: outsider, role: 'owner' }] })).organisationId!;
});

async function settings() {
  return db.selectFrom('notification_settings').select(['organisation_id', 'tender_alerts', 'daily_cap']).execute();
}

describe('/organisations/:orgId/alertes', () => {
  const path = () => `/organisations/${orgId}/alertes`;
  const get = (user?: TestUser) => attempt(() => alertsLoader(pageGet(path(), { orgId: String(orgId) }, user?.cookie)));
  const post = (user: TestUser | undefined, fields: Record<string, string>) =>
    attempt(() => alertsAction(pagePost(path(), { orgId: String(orgId) }, Object.entries(fields), user?.cookie)));

  it('shows the defaults to owners and editors; others are refused', async () => {
    const page = await get(editor);
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    expect(page.data).toMatchObject({ setting: { tenderAlerts: 'immediate', dailyCap: 5 }, saved: false });
    expect((await get(undefined)).headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(path())}`);
    expect((await get(outsider)).status).toBe(403);
    expect((await get(moderator)).status).toBe(403);
    const buyerOwner = await createUser(db);
    const buyer = await buyerOrganisation(db, 'Région');
    await addMember(db, buyer, buyerOwner.id, 'owner');
    const buyerPage = await attempt(() =>
      alertsLoader(pageGet(`/organisations/${buyer}/alertes`, { orgId: String(buyer) }, buyerOwner.cookie)),
    );
    expect(buyerPage.status).toBe(404);
  });

  it('refuses every bad value with its message and writes nothing', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ tenderAlerts: '', dailyCap: '5' }, 'tenderAlerts', ALERT_FORM_MESSAGES.modeRequired],
      [{ tenderAlerts: 'hourly', dailyCap: '5' }, 'tenderAlerts', ALERT_FORM_MESSAGES.modeRequired],
      [{ tenderAlerts: 'digest', dailyCap: '' }, 'dailyCap', ALERT_FORM_MESSAGES.capInvalid],
      [{ tenderAlerts: 'digest', dailyCap: '0' }, 'dailyCap', ALERT_FORM_MESSAGES.capInvalid],
      [{ tenderAlerts: 'digest', dailyCap: '51' }, 'dailyCap', ALERT_FORM_MESSAGES.capInvalid],
      [{ tenderAlerts: 'digest', dailyCap: '3,5' }, 'dailyCap', ALERT_FORM_MESSAGES.capInvalid],
      [{ tenderAlerts: 'digest', dailyCap: 'dix' }, 'dailyCap', ALERT_FORM_MESSAGES.capInvalid],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await post(owner, fields);
      expect(answer.status).toBe(400);
      const result = (answer.data as { result: { error: Record<string, string[]>; initialValue: unknown } }).result;
      expect(result.error[field]).toEqual([message]);
      // The values typed are sent back (Conform leaves out the empty ones).
      expect(result.initialValue).toMatchObject(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')));
    }
    const both = await post(owner, { tenderAlerts: 'x', dailyCap: '0' });
    expect(Object.keys((both.data as { result: { error: object } }).result.error).sort()).toEqual([
      'dailyCap',
      'tenderAlerts',
    ]);
    expect(await settings()).toEqual([]);
  });

  it('saves a good value for owners and editors only', async () => {
    expect((await post(undefined, { tenderAlerts: 'off', dailyCap: '1' })).status).toBe(302);
    expect((await post(outsider, { tenderAlerts: 'off', dailyCap: '1' })).status).toBe(403);
    expect((await post(moderator, { tenderAlerts: 'off', dailyCap: '1' })).status).toBe(403);
    expect(await settings()).toEqual([]);
    const saved = await post(editor, { tenderAlerts: 'digest', dailyCap: '12' });
    expect(saved.status).toBe(302);
    expect(saved.headers.get('Location')).toBe(`${path()}?fait=enregistre`);
    expect(await settings()).toEqual([{ organisation_id: orgId, tender_alerts: 'digest', daily_cap: 12 }]);
    expect((await post(owner, { tenderAlerts: 'immediate', dailyCap: '50' })).status).toBe(302);
    expect((await get(owner)).data).toMatchObject({ setting: { tenderAlerts: 'immediate', dailyCap: 50 } });
  });
});

describe('/notifications', () => {
  const get = (user?: TestUser, query = '') =>
    attempt(() => inboxLoader(pageGet(`/notifications${query}`, {}, user?.cookie)));
  const post = (user: TestUser | undefined, fields: Record<string, string>) =>
    attempt(() => inboxAction(pagePost('/notifications', {}, Object.entries(fields), user?.cookie)));
  type Item = { id: number; title: string; readAt: string | null; organisationId: number };

  it('lists the person’s notifications newest first, 20 a page, and counts them in the header', async () => {
    for (let i = 1; i <= 23; i++)
      await insertNotifications(
        db,
        [orgId],
        { kind: 'tender-match', title: `Avis ${i}`, link: '/appels-d-offres/1' },
        new Date(Date.UTC(2026, 11, 1, 0, i)),
      );
    await insertNotifications(db, [otherOrgId], { kind: 'tender-match', title: 'Pas pour vous' }, new Date());
    const first = await get(owner);
    expect(first.status).toBe(200);
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    const items = first.data!.notifications as Item[];
    expect(items).toHaveLength(20);
    expect(items[0].title).toBe('Avis 23');
    expect(first.data).toMatchObject({ page: 1, lastPage: 2, total: 23, unread: 23 });
    const second = await get(editor, '?page=2');
    expect((second.data!.notifications as Item[]).map((n) => n.title)).toEqual(['Avis 3', 'Avis 2', 'Avis 1']);
    expect((await get(owner, '?page=99')).data).toMatchObject({ page: 2 });
    expect((await get(owner, '?page=abc')).data).toMatchObject({ page: 1 });
    const root = await attempt(() => rootLoader(pageGet('/', {}, owner.cookie)));
    expect(root.data).toMatchObject({ user: { unreadNotifications: 23 } });
    expect((await get(undefined)).headers.get('Location')).toBe('/connexion?redirectTo=%2Fnotifications');
    expect((await get(moderator)).data).toMatchObject({ total: 0, notifications: [] });
  });

  it('marks only the person’s own notifications read', async () => {
    const mine = (await get(owner)).data!.notifications as Item[];
    const theirs = (await get(outsider)).data!.notifications as Item[];
    expect(theirs.map((n) => n.title)).toEqual(['Pas pour vous']);
    const read = await post(owner, {
      intent: 'read',
      notificationId: String(mine[0].id),
      back: '/notifications?page=2',
    });
    expect(read.status).toBe(302);
    expect(read.headers.get('Location')).toBe('/notifications?page=2&fait=lue');
    // Another person's notification: nothing happens to it.
    expect((await post(owner, { intent: 'read', notificationId: String(theirs[0].id) })).status).toBe(302);
    expect((await get(outsider)).data).toMatchObject({ unread: 1 });
    expect((await get(editor)).data).toMatchObject({ unread: 22 });
    expect((await post(owner, { intent: 'read', notificationId: 'x' })).status).toBe(400);
    expect((await post(owner, { intent: 'effacer' })).status).toBe(400);
    expect((await post(undefined, { intent: 'read-all' })).status).toBe(302);
    expect((await get(owner)).data).toMatchObject({ unread: 22 });

    expect((await post(editor, { intent: 'read-all' })).headers.get('Location')).toBe('/notifications?fait=toutes');
    expect((await get(owner)).data).toMatchObject({ unread: 0, total: 23 });
    expect((await get(outsider)).data).toMatchObject({ unread: 1 });
    const root = await attempt(() => rootLoader(pageGet('/', {}, outsider.cookie)));
    expect(root.data).toMatchObject({ user: { unreadNotifications: 1 } });
  });
});
