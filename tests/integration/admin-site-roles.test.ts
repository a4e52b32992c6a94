import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.server';
import { action, loader } from '../../app/routes/admin.utilisateurs';
import { loader as dashboardLoader } from '../../app/routes/moderation._index';
import { SITE_ROLE_MESSAGES } from '../../app/domain/auth/site-roles';
import { setAppContext, type AppContext } from '../../app/services/context.server';
import { createUser, formArgs, loaderArgs, settle, statusOf } from '../support/organisations';
import { createTestDatabase } from '../support/db';
import { asData } from '../support/pages';

// « Rôles des utilisateurs » (decision 124): admins only; the role changes with a reason kept in the audit log;
// an admin never changes their own role; every bad field is refused with nothing written.

const database = createTestDatabase();
const { db } = database;
let admin: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
let person: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  setAppContext({ env: parseEnv({}), database, search: {} as AppContext['search'] } as AppContext);
  admin = await createUser(db, { email: 'admin@exemple.fr', siteRole: 'admin' });
  moderator = await createUser(db, { email: 'moderatrice@exemple.fr', siteRole: 'moderator' });
  person = await createUser(db, { email: 'camille_100%@exemple.fr' });
});

const roleOf = async (id: number) =>
  (await db.selectFrom('users').select('site_role').where('id', '=', id).executeTakeFirstOrThrow()).site_role;
const auditCount = async () =>
  (await db.selectFrom('audit_log').select('id').where('action', '=', 'user.site-role-changed').execute()).length;

describe('/admin/utilisateurs', () => {
  it('is for admins only: anonymous to the log-in page, a moderator gets a 403', async () => {
    const anonymous = (await settle(() => loader(loaderArgs('/admin/utilisateurs', undefined)))) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe('/connexion?redirectTo=%2Fadmin%2Futilisateurs');
    expect(statusOf(await settle(() => loader(loaderArgs('/admin/utilisateurs', moderator.cookie))))).toBe(403);
    const post = formArgs(
      '/admin/utilisateurs',
      { userId: String(person.id), role: 'moderator', reason: 'x'.repeat(20) },
      moderator.cookie,
    );
    expect(statusOf(await settle(() => action(post)))).toBe(403);
    expect(await roleOf(person.id)).toBeNull();
  });

  it('lists the moderators and admins, finds accounts by a part of the address (wildcards taken literally)', async () => {
    const listed = asData(await loader(loaderArgs('/admin/utilisateurs', admin.cookie)));
    expect(listed.headers.get('Cache-Control')).toBe('no-store');
    const emails = (s: unknown) => (s as { users: { email: string }[] }).users.map((u) => u.email);
    expect(emails(listed.data.search)).toEqual(['admin@exemple.fr', 'moderatrice@exemple.fr']);
    const found = asData(await loader(loaderArgs('/admin/utilisateurs?q=_100%25', admin.cookie)));
    expect(emails(found.data.search)).toEqual(['camille_100%@exemple.fr']);
    const wildcard = asData(await loader(loaderArgs('/admin/utilisateurs?q=%25%25%25', admin.cookie)));
    expect(emails(wildcard.data.search)).toEqual([]);
    const short = asData(await loader(loaderArgs('/admin/utilisateurs?q=ad', admin.cookie)));
    expect(short.data.search).toMatchObject({ users: [], problem: SITE_ROLE_MESSAGES.searchShort });
  });

  it('changes a role with its reason in the audit log; the dashboard links here for admins only', async () => {
    const answer = asData(
      await action(
        formArgs(
          '/admin/utilisateurs',
          { userId: String(person.id), role: 'moderator', reason: 'Nouvelle chargée de mission du réseau.' },
          admin.cookie,
        ),
      ),
    );
    expect(answer.data.ok).toBe(true);
    expect(await roleOf(person.id)).toBe('moderator');
    const row = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.site-role-changed')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_user_id: admin.id, subject_type: 'user', subject_id: person.id });
    expect(row.reason).toBe('Nouvelle chargée de mission du réseau.');
    expect(JSON.parse(row.details)).toEqual({ email: 'camille_100%@exemple.fr', from: null, to: 'moderator' });
    expect(asData(await dashboardLoader(loaderArgs('/moderation', admin.cookie))).data.canManageRoles).toBe(true);
    expect(asData(await dashboardLoader(loaderArgs('/moderation', moderator.cookie))).data.canManageRoles).toBe(false);
  });

  it.each<[Record<string, string>, string]>([
    [{ userId: 'abc', role: 'admin', reason: 'Une raison assez longue.' }, SITE_ROLE_MESSAGES.userUnknown],
    [{ userId: '999999', role: 'admin', reason: 'Une raison assez longue.' }, SITE_ROLE_MESSAGES.userUnknown],
    [{ role: 'superuser', reason: 'Une raison assez longue.' }, SITE_ROLE_MESSAGES.roleInvalid],
    [{ role: 'admin', reason: 'court' }, SITE_ROLE_MESSAGES.reasonShort],
    [{ role: 'admin', reason: 'x'.repeat(501) }, SITE_ROLE_MESSAGES.reasonLong],
    [{ role: 'moderator', reason: 'Une raison assez longue.' }, SITE_ROLE_MESSAGES.unchanged],
    [{ userId: 'self', role: 'none', reason: 'Je veux quitter ce rôle.' }, SITE_ROLE_MESSAGES.self],
  ])('refuses %o with « %s », nothing written', async (fields, message) => {
    const before = await auditCount();
    const userId = fields.userId === 'self' ? String(admin.id) : (fields.userId ?? String(person.id));
    const answer = asData(await action(formArgs('/admin/utilisateurs', { ...fields, userId }, admin.cookie)));
    expect(answer.status).toBe(400);
    expect(answer.data.messages).toContain(message);
    expect(await roleOf(person.id)).toBe('moderator');
    expect(await roleOf(admin.id)).toBe('admin');
    expect(await auditCount()).toBe(before);
  });
});
