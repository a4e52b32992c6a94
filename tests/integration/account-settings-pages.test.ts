import { beforeAll, describe, expect, it } from 'vitest';
import { action as logInAction } from '../../app/routes/connexion';
import { loader as accountLoader } from '../../app/routes/compte';
import { action as deleteAction, loader as deleteLoader } from '../../app/routes/compte_.supprimer';
import { action as emailAction, loader as emailLoader } from '../../app/routes/compte_.adresse';
import { action as confirmAction, loader as confirmLoader } from '../../app/routes/confirmer-adresse';
import { signUp } from '../../app/services/auth/accounts.server';
import { emailChangeMails } from '../../app/services/auth/account-mail.server';
import { requestEmailChange } from '../../app/services/auth/email-change.server';
import { createTestDatabase } from '../support/db';
import { asData, getArgs, postArgs, run, setPageContext } from '../support/pages';

// The account settings pages on a real SQLite file (issue 6): the address change (confirmed by the new
// mailbox before it is used) and the account deletion, both asking for the current password.

const database = createTestDatabase();
const { db } = database;
const PASSWORD = 'cheval violet sur la Loire';
let ipCounter = 0;

beforeAll(() => {
  setPageContext(database);
});

function post(path: string, fields: Record<string, string>, cookie?: string) {
  ipCounter += 1;
  return postArgs(path, fields, { cookie, ip: `198.51.102.${ipCounter}` });
}

async function mailsTo(email: string) {
  return db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).execute();
}

async function changeTokens(): Promise<number> {
  const rows = await db.selectFrom('user_tokens').select('id').where('purpose', '=', 'change-email').execute();
  return rows.length;
}

async function userEmail(id: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirst())?.email;
}

/** A new account and a signed-in cookie for it. */
async function account(email: string): Promise<{ id: number; cookie: string }> {
  ipCounter += 1;
  const created = await signUp(db, { email, password: PASSWORD }, { ip: `198.51.103.${ipCounter}` });
  if (!created.ok) throw new Error('sign-up failed');
  const answer = (await run(() => logInAction(post('/connexion', { email, password: PASSWORD })))) as Response;
  return { id: created.value.userId, cookie: (answer.headers.get('Set-Cookie') ?? '').split(';')[0] };
}

describe('/compte/adresse and /confirmer-adresse', () => {
  it('is private: the anonymous are sent to log in, the page is not cached', async () => {
    const anonymous = (await run(() => emailLoader(getArgs('/compte/adresse')))) as Response;
    expect(anonymous.status).toBe(302);
    const { cookie } = await account('paul@exemple.fr');
    const shown = asData(await emailLoader(getArgs('/compte/adresse', cookie)));
    expect(shown.headers.get('Cache-Control')).toBe('no-store');
    expect(shown.data).toEqual({ email: 'paul@exemple.fr' });
  });

  it('refuses a wrong password, a bad or the same address with 400 next to the field, nothing written', async () => {
    const { cookie } = await account('jade@exemple.fr');
    const tokens = await changeTokens();
    const wrong = asData(
      await emailAction(post('/compte/adresse', { password: 'pas le bon', newEmail: 'jade2@exemple.fr' }, cookie)),
    );
    expect(wrong.status).toBe(400);
    const result = wrong.data.result as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(result.error.password?.[0]).toMatch(/mot de passe actuel est incorrect/);
    expect(result.initialValue.newEmail).toBe('jade2@exemple.fr');
    expect(result.initialValue.password).toBeUndefined();
    const bad = asData(await emailAction(post('/compte/adresse', { password: PASSWORD, newEmail: 'oups' }, cookie)));
    expect((bad.data.result as { error: Record<string, string[]> }).error.newEmail).toHaveLength(1);
    const same = asData(
      await emailAction(post('/compte/adresse', { password: PASSWORD, newEmail: 'jade@exemple.fr' }, cookie)),
    );
    expect((same.data.result as { error: Record<string, string[]> }).error.newEmail?.[0]).toMatch(/celle de votre/);
    expect(await changeTokens()).toBe(tokens);
    expect(await mailsTo('jade2@exemple.fr')).toHaveLength(0);
  });

  it('mails the new address a link and the old one a notice; the address changes only on the POST of the link', async () => {
    const { id, cookie } = await account('hugo@exemple.fr');
    const sent = asData(
      await emailAction(post('/compte/adresse', { password: PASSWORD, newEmail: 'Hugo.Neuf@Exemple.fr' }, cookie)),
    );
    expect(sent).toMatchObject({ status: 200, data: { sentTo: 'hugo.neuf@exemple.fr' } });
    const [link] = await mailsTo('hugo.neuf@exemple.fr');
    expect(link.text_body).toMatch(/http:\/\/localhost\/confirmer-adresse\?token=[a-z2-7]{24}\.[a-z2-7]{24}/);
    const notices = (await mailsTo('hugo@exemple.fr')).filter((m) => /Changement d’adresse/.test(m.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0].text_body).toContain('hugo.neuf@exemple.fr');
    expect(await userEmail(id)).toBe('hugo@exemple.fr');

    const token = /token=([a-z2-7.]+)/.exec(link.text_body)?.[1] ?? '';
    const page = asData(await confirmLoader(getArgs(`/confirmer-adresse?token=${token}`)));
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(await userEmail(id)).toBe('hugo@exemple.fr');

    const confirmed = asData(await confirmAction(post(`/confirmer-adresse?token=${token}`, { token }, cookie)));
    expect(confirmed).toMatchObject({
      status: 200,
      data: { confirmed: true, signedIn: true, email: 'hugo.neuf@exemple.fr' },
    });
    expect(await userEmail(id)).toBe('hugo.neuf@exemple.fr');
    const again = asData(await confirmAction(post(`/confirmer-adresse?token=${token}`, { token })));
    expect(again).toMatchObject({ status: 400, data: { confirmed: false } });
  });

  it('writes neither the link nor the mails when enqueuing fails inside the transaction', async () => {
    const { id } = await account('lina@exemple.fr');
    const tokens = await changeTokens();
    const failing = requestEmailChange(
      db,
      { userId: id, password: PASSWORD, newEmail: 'lina2@exemple.fr' },
      new Date(),
      () => Promise.reject(new Error('outbox down')),
    );
    await expect(failing).rejects.toThrow('outbox down');
    expect(await changeTokens()).toBe(tokens);
    const working = await requestEmailChange(
      db,
      { userId: id, password: PASSWORD, newEmail: 'lina2@exemple.fr' },
      new Date(),
      emailChangeMails('http://localhost'),
    );
    expect(working.ok).toBe(true);
    expect(await changeTokens()).toBe(tokens + 1);
    expect(await mailsTo('lina2@exemple.fr')).toHaveLength(1);
  });
});

describe('/compte/supprimer', () => {
  it('is private: the anonymous are sent to log in, the page is not cached', async () => {
    expect(((await run(() => deleteLoader(getArgs('/compte/supprimer')))) as Response).status).toBe(302);
    const { cookie } = await account('eva@exemple.fr');
    expect(asData(await deleteLoader(getArgs('/compte/supprimer', cookie))).headers.get('Cache-Control')).toBe(
      'no-store',
    );
  });

  it('refuses without the box ticked or with a wrong password, 400 next to each field, nothing deleted', async () => {
    const { id, cookie } = await account('tom@exemple.fr');
    const unticked = asData(await deleteAction(post('/compte/supprimer', { password: PASSWORD }, cookie)));
    expect(unticked.status).toBe(400);
    const result = unticked.data as unknown as {
      error: Record<string, string[]>;
      initialValue: Record<string, unknown>;
    };
    expect(result.error.confirm?.[0]).toMatch(/Cochez la case/);
    expect(result.initialValue.password).toBeUndefined();
    const wrong = asData(
      await deleteAction(post('/compte/supprimer', { password: 'pas le bon', confirm: 'on' }, cookie)),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.data as unknown as { error: Record<string, string[]> }).error.password?.[0]).toMatch(/incorrect/);
    expect(await userEmail(id)).toBe('tom@exemple.fr');
    expect(asData(await accountLoader(getArgs('/compte', cookie))).status).toBe(200);
  });

  it('deletes the account, blanks the cookie, goes home with a message; the old cookie is worthless', async () => {
    const { id, cookie } = await account('lea@exemple.fr');
    const other = await account('lea-autre@exemple.fr');
    const done = (await run(() =>
      deleteAction(post('/compte/supprimer', { password: PASSWORD, confirm: 'on' }, cookie)),
    )) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/?compte=supprime');
    expect(done.headers.get('Set-Cookie')).toMatch(/^maillage_session=;.*Max-Age=0/);
    expect(await userEmail(id)).toBeUndefined();
    expect(((await run(() => accountLoader(getArgs('/compte', cookie)))) as Response).status).toBe(302);
    const logIn = await run(() => logInAction(post('/connexion', { email: 'lea@exemple.fr', password: PASSWORD })));
    expect(asData(logIn).status).toBe(400);
    expect(asData(await accountLoader(getArgs('/compte', other.cookie))).status).toBe(200);
  });
});
