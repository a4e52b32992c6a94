import { beforeAll, describe, expect, it } from 'vitest';
import { action as forgottenAction } from '../../app/routes/mot-de-passe-oublie';
import { action as resetAction, loader as resetLoader } from '../../app/routes/reinitialiser-mot-de-passe';
import { action as logInAction } from '../../app/routes/connexion';
import { loader as accountLoader } from '../../app/routes/compte';
import { action as changeAction, loader as changeLoader } from '../../app/routes/compte_.mot-de-passe';
import { signUp } from '../../app/services/auth/accounts.server';
import { passwordResetMails } from '../../app/services/auth/account-mail.server';
import { requestPasswordReset } from '../../app/services/auth/password-reset.server';
import { createTestDatabase } from '../support/db';
import { asData, getArgs, postArgs, run, setPageContext } from '../support/pages';

// The password pages' actions on a real SQLite file (issue 6): « mot de passe oublié » never tells whether an
// address has an account, and its mail exists if and only if the reset token does.

const database = createTestDatabase();
const { db } = database;
const PASSWORD = 'cheval violet sur la Loire';
let ipCounter = 0;

beforeAll(() => {
  setPageContext(database);
});

function freshIp(): string {
  ipCounter += 1;
  return `198.51.101.${ipCounter}`;
}

function post(path: string, fields: Record<string, string>, init: { cookie?: string; ip?: string } = {}) {
  return postArgs(path, fields, { cookie: init.cookie, ip: init.ip ?? freshIp() });
}

async function logInCookie(email: string, password = PASSWORD): Promise<string | null> {
  const answer = await run(() => logInAction(post('/connexion', { email, password })));
  return answer instanceof Response ? (answer.headers.get('Set-Cookie') ?? '').split(';')[0] : null;
}

/** Asks for a reset through the page and reads the token from the mail, as the person would. */
async function mailedResetToken(email: string): Promise<string> {
  await forgottenAction(post('/mot-de-passe-oublie', { email }));
  const mails = (await mailsTo(email)).filter((m) => /Réinitialiser/.test(m.subject));
  return /token=([a-z2-7.]+)/.exec(mails[mails.length - 1]?.text_body ?? '')?.[1] ?? '';
}

async function mailsTo(email: string) {
  return db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).execute();
}

async function resetTokens(email: string): Promise<number> {
  const rows = await db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .select('user_tokens.id')
    .where('users.email', '=', email)
    .where('user_tokens.purpose', '=', 'reset-password')
    .execute();
  return rows.length;
}

async function signedUpUser(email: string): Promise<void> {
  expect((await signUp(db, { email, password: PASSWORD }, { ip: freshIp() })).ok).toBe(true);
}

describe('/mot-de-passe-oublie', () => {
  it('answers the same for a known and an unknown address, and mails the reset link to the known one only', async () => {
    await signedUpUser('lou@exemple.fr');
    const known = asData(await forgottenAction(post('/mot-de-passe-oublie', { email: 'Lou@Exemple.fr' })));
    const unknown = asData(await forgottenAction(post('/mot-de-passe-oublie', { email: 'personne@exemple.fr' })));
    expect(known).toEqual(unknown);
    expect(known).toMatchObject({ status: 200, data: { sent: true } });
    const mails = (await mailsTo('lou@exemple.fr')).filter((m) => /Réinitialiser/.test(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0].text_body).toMatch(
      /http:\/\/localhost\/reinitialiser-mot-de-passe\?token=[a-z2-7]{24}\.[a-z2-7]{24}/,
    );
    expect(await mailsTo('personne@exemple.fr')).toHaveLength(0);
  });

  it('refuses a bad address with 400 and a message next to the field, nothing written', async () => {
    const answer = asData(await forgottenAction(post('/mot-de-passe-oublie', { email: 'pas-une-adresse' })));
    expect(answer.status).toBe(400);
    const result = answer.data.result as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(result.error.email?.[0]).toMatch(/adresse/i);
    expect(result.initialValue.email).toBe('pas-une-adresse');
    expect(await mailsTo('pas-une-adresse')).toHaveLength(0);
  });

  it('writes neither the token nor the mail when enqueuing fails inside the transaction', async () => {
    await signedUpUser('rollback-reset@exemple.fr');
    const result = requestPasswordReset(db, { email: 'rollback-reset@exemple.fr' }, { ip: freshIp() }, new Date(), () =>
      Promise.reject(new Error('outbox down')),
    );
    await expect(result).rejects.toThrow('outbox down');
    expect(await resetTokens('rollback-reset@exemple.fr')).toBe(0);
    const enqueued = requestPasswordReset(
      db,
      { email: 'rollback-reset@exemple.fr' },
      { ip: freshIp() },
      new Date(),
      passwordResetMails('http://localhost'),
    );
    expect((await enqueued).ok).toBe(true);
    expect(await resetTokens('rollback-reset@exemple.fr')).toBe(1);
  });

  it('answers 429 with Retry-After and a French message after the per-IP limit', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++)
      await forgottenAction(post('/mot-de-passe-oublie', { email: `r${i}@exemple.fr` }, { ip }));
    const answer = asData(await forgottenAction(post('/mot-de-passe-oublie', { email: 'r5@exemple.fr' }, { ip })));
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((answer.data.result as { error: Record<string, string[]> }).error[''][0]).toMatch(/Trop de/i);
  });
});

describe('/reinitialiser-mot-de-passe', () => {
  const NEW_PASSWORD = 'une toute autre phrase secrète';

  it('shows the form for a usable link, not cached and without Referer; « expiré » for an unknown one', async () => {
    await signedUpUser('sam@exemple.fr');
    const token = await mailedResetToken('sam@exemple.fr');
    const shown = asData(await resetLoader(getArgs(`/reinitialiser-mot-de-passe?token=${token}`)));
    expect(shown.data).toEqual({ token, usable: true });
    expect(shown.headers.get('Cache-Control')).toBe('no-store');
    expect(shown.headers.get('Referrer-Policy')).toBe('no-referrer');
    const bogus = asData(
      await resetLoader(getArgs(`/reinitialiser-mot-de-passe?token=${'a'.repeat(24)}.${'b'.repeat(24)}`)),
    );
    expect(bogus.data.usable).toBe(false);
    expect(asData(await resetLoader(getArgs('/reinitialiser-mot-de-passe'))).data.usable).toBe(false);
  });

  it('refuses a weak password with 400 next to the field, the link still usable and the old password still valid', async () => {
    await signedUpUser('yael@exemple.fr');
    const token = await mailedResetToken('yael@exemple.fr');
    const answer = asData(await resetAction(post('/reinitialiser-mot-de-passe', { token, password: 'court' })));
    expect(answer.status).toBe(400);
    const result = answer.data.result as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(result.error.password?.[0]).toMatch(/au moins 10 caractères/);
    expect(result.initialValue.password).toBeUndefined();
    expect(asData(await resetLoader(getArgs(`/reinitialiser-mot-de-passe?token=${token}`))).data.usable).toBe(true);
    expect(await logInCookie('yael@exemple.fr')).not.toBeNull();
  });

  it('sets the new password once, revokes every session, and sends to /connexion with a message', async () => {
    await signedUpUser('ines@exemple.fr');
    const before = await logInCookie('ines@exemple.fr');
    expect(asData(await accountLoader(getArgs('/compte', before ?? ''))).status).toBe(200);
    const token = await mailedResetToken('ines@exemple.fr');

    const done = (await run(() =>
      resetAction(post('/reinitialiser-mot-de-passe', { token, password: NEW_PASSWORD })),
    )) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/connexion?motDePasse=reinitialise');
    expect(done.headers.get('Set-Cookie')).toBeNull();

    const gone = (await run(() => accountLoader(getArgs('/compte', before ?? '')))) as Response;
    expect(gone.status).toBe(302);
    expect(await logInCookie('ines@exemple.fr')).toBeNull();
    expect(await logInCookie('ines@exemple.fr', NEW_PASSWORD)).not.toBeNull();

    const again = asData(
      await resetAction(post('/reinitialiser-mot-de-passe', { token, password: 'encore une autre phrase' })),
    );
    expect(again).toMatchObject({ status: 400, data: { expired: true } });
    expect(asData(await resetLoader(getArgs(`/reinitialiser-mot-de-passe?token=${token}`))).data.usable).toBe(false);
    expect(await logInCookie('ines@exemple.fr', 'encore une autre phrase')).toBeNull();
  });

  it('refuses a link past its hour', async () => {
    await signedUpUser('noe@exemple.fr');
    const token = await mailedResetToken('noe@exemple.fr');
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'noe@exemple.fr')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('user_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('purpose', '=', 'reset-password')
      .where('user_id', '=', user.id)
      .execute();
    expect(asData(await resetLoader(getArgs(`/reinitialiser-mot-de-passe?token=${token}`))).data.usable).toBe(false);
    const answer = asData(await resetAction(post('/reinitialiser-mot-de-passe', { token, password: NEW_PASSWORD })));
    expect(answer).toMatchObject({ status: 400, data: { expired: true } });
    expect(await logInCookie('noe@exemple.fr')).not.toBeNull();
  });
});

describe('/compte/mot-de-passe', () => {
  const NEW_PASSWORD = 'une nouvelle phrase bien longue';

  it('is private: the anonymous are sent to log in, the page is not cached', async () => {
    const anonymous = (await run(() => changeLoader(getArgs('/compte/mot-de-passe')))) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe('/connexion?redirectTo=%2Fcompte%2Fmot-de-passe');
    await signedUpUser('alix@exemple.fr');
    const cookie = (await logInCookie('alix@exemple.fr')) ?? '';
    expect(asData(await changeLoader(getArgs('/compte/mot-de-passe', cookie))).headers.get('Cache-Control')).toBe(
      'no-store',
    );
  });

  it('refuses a wrong current password or a weak new one with 400 next to the field, nothing changed', async () => {
    await signedUpUser('remi@exemple.fr');
    const cookie = (await logInCookie('remi@exemple.fr')) ?? '';
    const wrong = asData(
      await changeAction(
        post('/compte/mot-de-passe', { currentPassword: 'pas le bon mot', newPassword: NEW_PASSWORD }, { cookie }),
      ),
    );
    expect(wrong.status).toBe(400);
    const wrongResult = wrong.data.result as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(wrongResult.error.currentPassword?.[0]).toMatch(/mot de passe actuel est incorrect/);
    expect(wrongResult.initialValue.currentPassword).toBeUndefined();
    expect(wrongResult.initialValue.newPassword).toBeUndefined();
    const weak = asData(
      await changeAction(post('/compte/mot-de-passe', { currentPassword: PASSWORD, newPassword: 'court' }, { cookie })),
    );
    expect(weak.status).toBe(400);
    expect((weak.data.result as { error: Record<string, string[]> }).error.newPassword?.[0]).toMatch(/10 caractères/);
    expect(await logInCookie('remi@exemple.fr')).not.toBeNull();
    expect(asData(await accountLoader(getArgs('/compte', cookie))).status).toBe(200);
  });

  it('changes the password, revokes every other session and gives this browser a fresh cookie', async () => {
    await signedUpUser('zoe@exemple.fr');
    const here = (await logInCookie('zoe@exemple.fr')) ?? '';
    const elsewhere = (await logInCookie('zoe@exemple.fr')) ?? '';
    const answer = asData(
      await changeAction(
        post('/compte/mot-de-passe', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { cookie: here }),
      ),
    );
    expect(answer).toMatchObject({ status: 200, data: { changed: true } });
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    const fresh = (answer.headers.get('Set-Cookie') ?? '').split(';')[0];
    expect(fresh).toMatch(/^maillage_session=.+/);
    expect(fresh).not.toBe(here);
    expect(asData(await accountLoader(getArgs('/compte', fresh))).status).toBe(200);
    for (const old of [here, elsewhere])
      expect(((await run(() => accountLoader(getArgs('/compte', old)))) as Response).status).toBe(302);
    expect(await logInCookie('zoe@exemple.fr')).toBeNull();
    expect(await logInCookie('zoe@exemple.fr', NEW_PASSWORD)).not.toBeNull();
  });
});
