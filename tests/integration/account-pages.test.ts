import { beforeAll, describe, expect, it } from 'vitest';
import { action as signUpAction } from '../../app/routes/inscription';
import { action as logInAction } from '../../app/routes/connexion';
import { action as logOutAction } from '../../app/routes/deconnexion';
import { action as verifyAction } from '../../app/routes/verifier-email';
import { loader as accountLoader } from '../../app/routes/compte';
import { action as sessionsAction, loader as sessionsLoader } from '../../app/routes/compte_.sessions';
import { loader as rootLoader } from '../../app/root';
import { signUp } from '../../app/services/auth/accounts.server';
import { getCurrentUser, safeRedirectPath, siteOrigin } from '../../app/services/auth/current-user.server';
import { createTestDatabase } from '../support/db';
import { asData, getArgs, postArgs, run, setPageContext } from '../support/pages';

// The account pages' loaders and actions on a real SQLite file (issue 6): what they answer (status, headers,
// messages next to the fields), what they write (users, mails in the outbox) and what the cookie is worth.

const database = createTestDatabase();
const { db } = database;
const PASSWORD = 'cheval violet sur la Loire';
let ipCounter = 0;

beforeAll(() => {
  setPageContext(database);
});

/** Each test its own client address, so the per-IP limits of one do not spill over another. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

function post(path: string, fields: Record<string, string>, init: { cookie?: string; ip?: string } = {}) {
  return postArgs(path, fields, { cookie: init.cookie, ip: init.ip ?? freshIp() });
}

async function count(table: 'users' | 'mail_outbox'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function mailsTo(email: string) {
  return db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).execute();
}

function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0];
}

async function signedUpUser(email: string): Promise<void> {
  const result = await signUp(db, { email, password: PASSWORD }, { ip: freshIp() });
  expect(result.ok).toBe(true);
}

describe('/inscription', () => {
  it('refuses bad fields with 400, a message next to each, the e-mail kept and the password not, nothing written', async () => {
    const users = await count('users');
    const mails = await count('mail_outbox');
    const answer = asData(await signUpAction(post('/inscription', { email: 'pas-une-adresse', password: 'court' })));
    expect(answer.status).toBe(400);
    const result = answer.data.result as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(result.error.email?.[0]).toMatch(/adresse/i);
    expect(result.error.password?.[0]).toMatch(/au moins 10 caractères/);
    expect(result.initialValue.email).toBe('pas-une-adresse');
    expect(result.initialValue.password).toBeUndefined();
    expect(await count('users')).toBe(users);
    expect(await count('mail_outbox')).toBe(mails);
  });

  it('refuses a filled honeypot with a message for the whole form', async () => {
    const answer = asData(
      await signUpAction(post('/inscription', { email: 'robot@exemple.fr', password: PASSWORD, website: 'x' })),
    );
    expect(answer.status).toBe(400);
    expect((answer.data.result as { error: Record<string, string[]> }).error['']).toHaveLength(1);
    expect(await mailsTo('robot@exemple.fr')).toHaveLength(0);
  });

  it('creates the account and enqueues the verification mail; a known address gets the same page and its own mail', async () => {
    const first = asData(await signUpAction(post('/inscription', { email: 'Camille@Exemple.fr', password: PASSWORD })));
    expect(first).toMatchObject({ status: 200, data: { sent: true } });
    const mails = await mailsTo('camille@exemple.fr');
    expect(mails).toHaveLength(1);
    expect(mails[0].text_body).toMatch(/http:\/\/localhost\/verifier-email\?token=[a-z2-7]{24}\.[a-z2-7]{24}/);

    const again = asData(await signUpAction(post('/inscription', { email: 'camille@exemple.fr', password: PASSWORD })));
    expect(again).toEqual(first);
    const after = await mailsTo('camille@exemple.fr');
    expect(after).toHaveLength(2);
    expect(after[1].subject).toMatch(/Tentative de création de compte/);
  });

  it('writes neither the user nor the mail when enqueuing fails inside the transaction', async () => {
    const users = await count('users');
    const result = signUp(db, { email: 'rollback@exemple.fr', password: PASSWORD }, { ip: freshIp() }, new Date(), () =>
      Promise.reject(new Error('outbox down')),
    );
    await expect(result).rejects.toThrow('outbox down');
    expect(await count('users')).toBe(users);
    expect(await mailsTo('rollback@exemple.fr')).toHaveLength(0);
  });

  it('answers 429 with Retry-After and a French message after the per-IP limit', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++)
      await signUpAction(post('/inscription', { email: `n${i}@exemple.fr`, password: PASSWORD }, { ip }));
    const answer = asData(
      await signUpAction(post('/inscription', { email: 'n10@exemple.fr', password: PASSWORD }, { ip })),
    );
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((answer.data.result as { error: Record<string, string[]> }).error[''][0]).toMatch(/Trop de/i);
    expect(await mailsTo('n10@exemple.fr')).toHaveLength(0);
  }, 30_000);
});

describe('/connexion, /compte, /deconnexion', () => {
  it('answers one generic message for an unknown address and for a wrong password', async () => {
    await signedUpUser('dominique@exemple.fr');
    const unknown = asData(await logInAction(post('/connexion', { email: 'personne@exemple.fr', password: PASSWORD })));
    const wrong = asData(
      await logInAction(post('/connexion', { email: 'dominique@exemple.fr', password: 'pas le bon' })),
    );
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const messages = (a: typeof wrong) => (a.data as unknown as { error: Record<string, string[]> }).error;
    expect(messages(unknown)).toEqual({ '': ['Adresse e-mail ou mot de passe incorrect.'] });
    expect(messages(wrong)).toEqual(messages(unknown));
  });

  it('answers 429 with Retry-After after 10 attempts on one address', async () => {
    await signedUpUser('claude@exemple.fr');
    for (let i = 0; i < 10; i++)
      await logInAction(post('/connexion', { email: 'claude@exemple.fr', password: 'faux' }));
    const answer = asData(await logInAction(post('/connexion', { email: 'claude@exemple.fr', password: PASSWORD })));
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
  }, 30_000);

  it('signs in with a cookie (HttpOnly, SameSite=Lax, Path=/), shows the account, and log-out makes the old cookie worthless', async () => {
    await signedUpUser('alix@exemple.fr');
    const answer = await run(() =>
      logInAction(post('/connexion', { email: 'alix@exemple.fr', password: PASSWORD, redirectTo: '/compte?x=1' })),
    );
    expect(answer).toBeInstanceOf(Response);
    const response = answer as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/compte?x=1');
    const setCookie = response.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^maillage_session=[a-z2-7]{24}\.[a-z2-7]{24};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    const cookie = cookiePair(setCookie);

    const account = asData(await accountLoader(getArgs('/compte', cookie)));
    expect(account.data).toEqual({ email: 'alix@exemple.fr', emailVerified: false });
    expect(account.headers.get('Cache-Control')).toBe('no-store');
    const root = asData(await rootLoader(getArgs('/', cookie)));
    expect(root.data).toEqual({ user: { email: 'alix@exemple.fr', moderator: false, unreadNotifications: 0 } });
    expect(root.headers.get('Cache-Control')).toBe('no-store');

    const out = (await run(() => logOutAction(post('/deconnexion', {}, { cookie })))) as Response;
    expect(out.status).toBe(302);
    expect(out.headers.get('Location')).toBe('/');
    expect(out.headers.get('Set-Cookie')).toMatch(/^maillage_session=;.*Max-Age=0/);

    const after = (await run(() => accountLoader(getArgs('/compte', cookie)))) as Response;
    expect(after.status).toBe(302);
    expect(after.headers.get('Location')).toBe('/connexion?redirectTo=%2Fcompte');
    const anonymous = asData(await rootLoader(getArgs('/', cookie)));
    expect(anonymous.data).toEqual({ user: null });
    expect(anonymous.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
  });

  it('never redirects off the site after log-in', async () => {
    await signedUpUser('sacha@exemple.fr');
    const answer = (await run(() =>
      logInAction(
        post('/connexion', { email: 'sacha@exemple.fr', password: PASSWORD, redirectTo: '//evil.example/x' }),
      ),
    )) as Response;
    expect(answer.headers.get('Location')).toBe('/compte');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'compte', '/a\nb', null])
      expect(safeRedirectPath(bad)).toBeNull();
    expect(safeRedirectPath('/fournisseurs?q=a')).toBe('/fournisseurs?q=a');
  });

  it('builds mail links from SITE_URL, never from the Host header, when it is set (decision 103)', () => {
    const forged = new Request('http://evil.example/mot-de-passe-oublie', { method: 'POST' });
    expect(siteOrigin(forged, { SITE_URL: 'https://maillage.example.fr' })).toBe('https://maillage.example.fr');
    expect(siteOrigin(forged, { SITE_URL: undefined })).toBe('http://evil.example');
  });
});

describe('/verifier-email', () => {
  it('verifies with the POST of the mailed token, once', async () => {
    await signUpAction(post('/inscription', { email: 'eden@exemple.fr', password: PASSWORD }));
    const [mail] = await mailsTo('eden@exemple.fr');
    const token = /token=([a-z2-7.]+)/.exec(mail.text_body)?.[1] ?? '';
    const first = asData(await verifyAction(post(`/verifier-email?token=${token}`, { token })));
    expect(first).toMatchObject({ status: 200, data: { verified: true } });
    const user = await db
      .selectFrom('users')
      .select('email_verified_at')
      .where('email', '=', 'eden@exemple.fr')
      .executeTakeFirstOrThrow();
    expect(user.email_verified_at).not.toBeNull();
    const again = asData(await verifyAction(post(`/verifier-email?token=${token}`, { token })));
    expect(again.status).toBe(400);
    expect(again.data.message).toMatch(/invalide ou a expiré/);
  });
});

describe('/compte/sessions', () => {
  async function logInCookie(email: string): Promise<string> {
    const answer = (await run(() => logInAction(post('/connexion', { email, password: PASSWORD })))) as Response;
    return cookiePair(answer.headers.get('Set-Cookie') ?? '');
  }

  it("lists the user's sessions, closes another one (its cookie becomes worthless), never someone else's", async () => {
    await signedUpUser('morgan@exemple.fr');
    await signedUpUser('noa@exemple.fr');
    const here = await logInCookie('morgan@exemple.fr');
    const elsewhere = await logInCookie('morgan@exemple.fr');
    const stranger = await logInCookie('noa@exemple.fr');

    const listed = asData(await sessionsLoader(getArgs('/compte/sessions', here)));
    expect(listed.headers.get('Cache-Control')).toBe('no-store');
    const sessions = listed.data.sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current);

    const strangerSessions = asData(await sessionsLoader(getArgs('/compte/sessions', stranger))).data.sessions as {
      id: string;
    }[];
    const refused = asData(
      await sessionsAction(post('/compte/sessions', { sessionId: strangerSessions[0].id }, { cookie: here })),
    );
    expect(refused.status).toBe(404);

    const closed = asData(
      await sessionsAction(post('/compte/sessions', { sessionId: other?.id ?? '' }, { cookie: here })),
    );
    expect(closed).toMatchObject({ status: 200, data: { revoked: true } });
    const gone = (await run(() => accountLoader(getArgs('/compte', elsewhere)))) as Response;
    expect(gone.status).toBe(302);
    expect(asData(await accountLoader(getArgs('/compte', here))).status).toBe(200);
    expect(asData(await accountLoader(getArgs('/compte', stranger))).status).toBe(200);
  });
});

describe('getCurrentUser', () => {
  it('reads the session once per page request: the loaders that share a load context share the answer', async () => {
    await signedUpUser('sasha@exemple.fr');
    const logIn = (await run(() =>
      logInAction(post('/connexion', { email: 'sasha@exemple.fr', password: PASSWORD })),
    )) as Response;
    const cookie = cookiePair(logIn.headers.get('Set-Cookie') ?? '');
    const request = () => new Request('http://localhost/compte', { headers: { Cookie: cookie } });
    const context = { database };
    const pageRequest = { clientIp: '203.0.113.9' };
    const root = getCurrentUser({ request: request(), context: pageRequest }, context);
    const page = getCurrentUser({ request: request(), context: pageRequest }, context);
    expect(page).toBe(root);
    expect((await root).current?.user.email).toBe('sasha@exemple.fr');

    // The session ends: the request already answered keeps its answer, the next request reads the database again.
    await db.deleteFrom('sessions').execute();
    expect((await getCurrentUser({ request: request(), context: pageRequest }, context)).current).not.toBeNull();
    expect((await getCurrentUser({ request: request(), context: {} }, context)).current).toBeNull();
    // An action (POST) never reuses an answer: it may be the one that ends the session.
    const post1 = getCurrentUser(
      { request: new Request('http://localhost/', { method: 'POST' }), context: pageRequest },
      context,
    );
    const post2 = getCurrentUser(
      { request: new Request('http://localhost/', { method: 'POST' }), context: pageRequest },
      context,
    );
    expect(post1).not.toBe(post2);
    await Promise.all([post1, post2]);
  });

  it('blanks a cookie that does not validate, and leaves the anonymous alone', async () => {
    const context = { database };
    const none = await getCurrentUser({ request: new Request('http://localhost/') }, context);
    expect(none).toEqual({ current: null, setCookie: null });
    const forged = await getCurrentUser(
      {
        request: new Request('http://localhost/', {
          headers: { Cookie: `maillage_session=${'a'.repeat(24)}.${'b'.repeat(24)}` },
        }),
      },
      context,
    );
    expect(forged.current).toBeNull();
    expect(forged.setCookie).toMatch(/^maillage_session=;.*Max-Age=0/);
  });
});
