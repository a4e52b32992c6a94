import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import * as invitationPage from '../../app/routes/invitations.$token';
import * as claimsPage from '../../app/routes/moderation.rattachements';
import * as overviewPage from '../../app/routes/organisations.$orgId._index';
import * as membersPage from '../../app/routes/organisations.$orgId.membres';
import * as listPage from '../../app/routes/organisations._index';
import * as choicePage from '../../app/routes/organisations.nouvelle._index';
import * as buyerPage from '../../app/routes/organisations.nouvelle.acheteur';
import * as supplierPage from '../../app/routes/organisations.nouvelle.fournisseur';
import { RATE_LIMIT_RULES } from '../../app/domain/auth/rate-limits';
import { createTestDatabase } from '../support/db';
import { getArgs, postArgs, setPageContext } from '../support/pages';
import { PASSWORD, type TestUser, addSupplier, count, createUser, makeSiret, mailsTo } from '../support/organisations';

// The organisation pages' loaders and actions on a real SQLite file (decisions 110, 120–122): who may open
// and post them (anonymous → log-in with redirectTo, other organisation → 403, editor vs owner, moderator),
// and each form's bad inputs (400, the message next to the field, values kept, nothing written).

const database = createTestDatabase();
const { db } = database;

beforeAll(() => {
  setPageContext(database);
});

type Args = LoaderFunctionArgs & ActionFunctionArgs;

function get(path: string, cookie?: string, params: Record<string, string> = {}): Args {
  return { ...getArgs(path, cookie), params } as Args;
}

function post(
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  params: Record<string, string> = {},
): Args {
  return { ...postArgs(path, fields, { cookie, ip: '203.0.113.9' }), params } as Args;
}

interface Answer {
  status: number;
  headers: Headers;
  data: Record<string, unknown> | null;
}

/** The answer of a loader or action, returned or thrown (redirects, 403 and 404 are thrown). */
async function call(fn: (args: Args) => Promise<unknown>, args: Args): Promise<Answer> {
  let value: unknown;
  try {
    value = await fn(args);
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null };
  const d = value as { type?: string; data: unknown; init: { status?: number; headers?: HeadersInit } | null };
  if (d?.type !== 'DataWithResponseInit') throw value;
  return {
    status: d.init?.status ?? 200,
    headers: new Headers(d.init?.headers),
    data: d.data as Record<string, unknown>,
  };
}

type FormResult = { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
const resultOf = (answer: Answer) => answer.data?.result as FormResult;

let owner: TestUser;
let editor: TestUser;
let outsider: TestUser;
let moderator: TestUser;
let organisationId: number;
let params: { orgId: string };

beforeAll(async () => {
  owner = await createUser(db, { email: 'owner@pages.fr' });
  editor = await createUser(db, { email: 'editor@pages.fr' });
  outsider = await createUser(db, { email: 'outsider@pages.fr' });
  moderator = await createUser(db, { email: 'modo@pages.fr', siteRole: 'moderator' });
  const created = await call(
    buyerPage.action,
    post(
      '/organisations/nouvelle/acheteur',
      { name: 'Métropole', buyerType: 'intercommunalite', buyerSize: '250-4999', siret: '' },
      owner.cookie,
    ),
  );
  expect(created.status).toBe(302);
  organisationId = Number(/\/organisations\/(\d+)\?creee=1$/.exec(created.headers.get('Location') ?? '')?.[1]);
  params = { orgId: String(organisationId) };
  await db
    .insertInto('memberships')
    .values({
      organisation_id: organisationId,
      user_id: editor.id,
      role: 'editor',
      created_at: new Date().toISOString(),
    })
    .execute();
  await call(
    buyerPage.action,
    post(
      '/organisations/nouvelle/acheteur',
      { name: 'Ailleurs', buyerType: 'pme', buyerSize: 'lt-10' },
      outsider.cookie,
    ),
  );
});

describe('permissions of the organisation pages', () => {
  it('sends the anonymous to log in, coming back to the page', async () => {
    const pages: [(args: Args) => Promise<unknown>, string, Record<string, string>][] = [
      [listPage.loader, '/organisations', {}],
      [choicePage.loader, '/organisations/nouvelle', {}],
      [supplierPage.loader, '/organisations/nouvelle/fournisseur', {}],
      [buyerPage.loader, '/organisations/nouvelle/acheteur', {}],
      [overviewPage.loader, `/organisations/${organisationId}`, params],
      [membersPage.loader, `/organisations/${organisationId}/membres`, params],
      [invitationPage.loader, `/invitations/abc.def`, { token: 'abc.def' }],
      [claimsPage.loader, '/moderation/rattachements', {}],
    ];
    for (const [loader, path, p] of pages) {
      const answer = await call(loader, get(path, undefined, p));
      expect(answer.status, path).toBe(302);
      expect(answer.headers.get('Location'), path).toBe(`/connexion?${new URLSearchParams({ redirectTo: path })}`);
    }
    const posted = await call(
      membersPage.action,
      post(`/organisations/${organisationId}/membres`, { intent: 'leave' }, undefined, params),
    );
    expect(posted.status).toBe(302);
    const claim = await call(
      supplierPage.action,
      post('/organisations/nouvelle/fournisseur', { siret: makeSiret(90) }),
    );
    expect(claim.status).toBe(302);
  });

  it('answers 403 to a member of another organisation, on pages and on every intent', async () => {
    expect(
      (await call(overviewPage.loader, get(`/organisations/${organisationId}`, outsider.cookie, params))).status,
    ).toBe(403);
    expect(
      (await call(membersPage.loader, get(`/organisations/${organisationId}/membres`, outsider.cookie, params))).status,
    ).toBe(403);
    for (const intent of [
      'invite',
      'revoke-invitation',
      'change-role',
      'remove',
      'decide-join',
      'transfer',
      'leave',
      'unknown',
    ]) {
      const answer = await call(
        membersPage.action,
        post(`/organisations/${organisationId}/membres`, { intent, userId: String(owner.id) }, outsider.cookie, params),
      );
      expect(answer.status, intent).toBe(403);
    }
    expect((await call(claimsPage.loader, get('/moderation/rattachements', owner.cookie))).status).toBe(403);
    expect(
      (
        await call(
          claimsPage.action,
          post('/moderation/rattachements', { requestId: '1', decision: 'approve' }, owner.cookie),
        )
      ).status,
    ).toBe(403);
  });

  it('lets an editor view and leave but not manage; a moderator views but does not manage', async () => {
    const view = await call(membersPage.loader, get(`/organisations/${organisationId}/membres`, editor.cookie, params));
    expect(view.status).toBe(200);
    expect(view.headers.get('Cache-Control')).toBe('no-store');
    expect(view.data?.invitations).toEqual([]);
    const invite = await call(
      membersPage.action,
      post(
        `/organisations/${organisationId}/membres`,
        { intent: 'invite', email: 'x@pages.fr', role: 'owner' },
        editor.cookie,
        params,
      ),
    );
    expect(invite.status).toBe(403);
    expect(
      (await call(overviewPage.loader, get(`/organisations/${organisationId}`, moderator.cookie, params))).status,
    ).toBe(200);
    const modInvite = await call(
      membersPage.action,
      post(
        `/organisations/${organisationId}/membres`,
        { intent: 'invite', email: 'x@pages.fr', role: 'owner' },
        moderator.cookie,
        params,
      ),
    );
    expect(modInvite.status).toBe(403);
    expect(
      (await call(overviewPage.loader, get('/organisations/999999', moderator.cookie, { orgId: '999999' }))).status,
    ).toBe(404);
    expect((await call(overviewPage.loader, get('/organisations/abc', owner.cookie, { orgId: 'abc' }))).status).toBe(
      404,
    );
  });

  it('refuses creation to an address not confirmed yet, saying why', async () => {
    const unverified = await createUser(db, { email: 'pas-confirme@pages.fr', verified: false });
    const answer = await call(supplierPage.loader, get('/organisations/nouvelle/fournisseur', unverified.cookie));
    expect(answer).toMatchObject({ status: 403, data: { denial: 'verify-email' } });
    const list = await call(listPage.loader, get('/organisations', unverified.cookie));
    expect(list).toMatchObject({ status: 200, data: { emailVerified: false, organisations: [] } });
  });
});

describe('the forms', () => {
  it('supplier by SIRET: a bad SIRET is a 400 next to the field; an unknown one asks the details; then creates', async () => {
    const before = await count(db, 'organisations');
    const bad = await call(
      supplierPage.action,
      post('/organisations/nouvelle/fournisseur', { siret: '123', message: 'Bonjour' }, owner.cookie),
    );
    expect(bad.status).toBe(400);
    expect(resultOf(bad).error?.siret?.[0]).toMatch(/14 chiffres/);
    expect(resultOf(bad).initialValue?.message).toBe('Bonjour');
    const siret = makeSiret(91);
    const step = await call(supplierPage.action, post('/organisations/nouvelle/fournisseur', { siret }, owner.cookie));
    expect(step).toMatchObject({ status: 200, data: { step: 'details' } });
    const missing = await call(
      supplierPage.action,
      post(
        '/organisations/nouvelle/fournisseur',
        { step: 'details', siret, name: '', structureKind: '', commune: 'Atlantide' },
        owner.cookie,
      ),
    );
    expect(missing.status).toBe(400);
    expect(missing.data?.step).toBe('details');
    expect(Object.keys(resultOf(missing).error ?? {}).sort()).toEqual(['commune', 'name', 'structureKind']);
    const commune = await call(
      supplierPage.action,
      post(
        '/organisations/nouvelle/fournisseur',
        { step: 'details', siret, name: 'Ressourcerie', structureKind: 'nope', commune: 'Atlantide' },
        owner.cookie,
      ),
    );
    expect(resultOf(commune).error?.commune?.[0]).toMatch(/Aucune commune ne s’appelle « Atlantide »/);
    expect(resultOf(commune).initialValue?.commune).toBe('Atlantide');
    expect(await count(db, 'organisations')).toBe(before);
    const kind = (await db.selectFrom('structure_kinds').select('code').executeTakeFirstOrThrow()).code;
    const created = await call(
      supplierPage.action,
      post(
        '/organisations/nouvelle/fournisseur',
        { step: 'details', siret, name: 'Ressourcerie', structureKind: kind, commune: 'Lyon (69123)' },
        owner.cookie,
      ),
    );
    expect(created.status).toBe(302);
    expect(created.headers.get('Location')).toMatch(/^\/organisations\/\d+\?creee=1$/);
  });

  it('supplier by SIRET: a known supplier gives a claim, confirmed on the page', async () => {
    await addSupplier(db, { siret: makeSiret(92), name: 'Conserverie' });
    const answer = await call(
      supplierPage.action,
      post('/organisations/nouvelle/fournisseur', { siret: makeSiret(92) }, editor.cookie),
    );
    expect(answer).toMatchObject({
      status: 200,
      data: { done: { kind: 'claim-requested', organisationName: 'Conserverie' } },
    });
    const list = await call(listPage.loader, get('/organisations', editor.cookie));
    expect(list.data?.pendingRequests).toMatchObject([{ kind: 'claim', organisationName: 'Conserverie' }]);
  });

  it('buyer: every field refused next to it, values kept, nothing written', async () => {
    const before = await count(db, 'organisations');
    const bad = await call(
      buyerPage.action,
      post(
        '/organisations/nouvelle/acheteur',
        { name: ' ', buyerType: 'x', buyerSize: '', siret: '1234' },
        owner.cookie,
      ),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(resultOf(bad).error ?? {}).sort()).toEqual(['buyerSize', 'buyerType', 'name', 'siret']);
    expect(resultOf(bad).initialValue?.siret).toBe('1234');
    expect(await count(db, 'organisations')).toBe(before);
  });

  it('members: invite (bad address, then sent), transfer with a wrong password, the last owner’s leave', async () => {
    const path = `/organisations/${organisationId}/membres`;
    const bad = await call(
      membersPage.action,
      post(path, { intent: 'invite', email: 'oups', role: '' }, owner.cookie, params),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(resultOf(bad).error ?? {}).sort()).toEqual(['email', 'role']);
    const sent = await call(
      membersPage.action,
      post(path, { intent: 'invite', email: 'nouvelle@pages.fr', role: 'editor' }, owner.cookie, params),
    );
    expect(sent).toMatchObject({ status: 200, data: { ok: true, message: 'Invitation envoyée à nouvelle@pages.fr.' } });
    expect(await mailsTo(db, 'nouvelle@pages.fr')).toHaveLength(1);
    const view = await call(membersPage.loader, get(path, owner.cookie, params));
    expect(view.data?.invitations).toMatchObject([{ email: 'nouvelle@pages.fr', role: 'editor' }]);

    const wrong = await call(
      membersPage.action,
      post(path, { intent: 'transfer', newOwnerUserId: String(editor.id), password: 'faux' }, owner.cookie, params),
    );
    expect(wrong.status).toBe(400);
    expect(resultOf(wrong).error?.password?.[0]).toMatch(/incorrect/);
    expect(resultOf(wrong).initialValue?.password).toBeUndefined();
    const last = await call(membersPage.action, post(path, { intent: 'leave' }, owner.cookie, params));
    expect(last).toMatchObject({
      status: 400,
      data: { ok: false, message: expect.stringMatching(/dernier propriétaire/) },
    });
    const transferred = await call(
      membersPage.action,
      post(path, { intent: 'transfer', newOwnerUserId: String(editor.id), password: PASSWORD }, owner.cookie, params),
    );
    expect(transferred.status).toBe(200);
    const left = await call(membersPage.action, post(path, { intent: 'leave' }, owner.cookie, params));
    expect(left.status).toBe(302);
    expect(left.headers.get('Location')).toBe('/organisations?quitte=1');
  });

  it('the invitation link: 404 for a bad token; another address told so; the invited one accepts', async () => {
    const path = `/organisations/${organisationId}/membres`;
    await call(
      membersPage.action,
      post(path, { intent: 'invite', email: 'lien@pages.fr', role: 'editor' }, editor.cookie, params),
    );
    const token = /\/invitations\/([a-z2-7.]+)/.exec((await mailsTo(db, 'lien@pages.fr'))[0].text_body)?.[1] ?? '';
    const garbage = await call(invitationPage.loader, get('/invitations/nope', outsider.cookie, { token: 'nope' }));
    expect(garbage.status).toBe(404);
    const other = await call(invitationPage.loader, get(`/invitations/${token}`, outsider.cookie, { token }));
    expect(other.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(other.data?.invitation).toMatchObject({
      kind: 'open',
      blocker: expect.stringMatching(/adressée à lien@pages.fr/),
    });
    const refused = await call(
      invitationPage.action,
      post(`/invitations/${token}`, { decision: 'accept' }, outsider.cookie, { token }),
    );
    expect(refused.status).toBe(400);
    const invited = await createUser(db, { email: 'lien@pages.fr' });
    const accepted = await call(
      invitationPage.action,
      post(`/invitations/${token}`, { decision: 'accept' }, invited.cookie, { token }),
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('Location')).toBe(`/organisations/${organisationId}`);
  });

  it('the claims queue: a refusal needs a note; an approval makes the person owner', async () => {
    await addSupplier(db, { siret: makeSiret(93), name: 'Menuiserie' });
    const claimant = await createUser(db, { email: 'menuisier@pages.fr' });
    await call(
      supplierPage.action,
      post('/organisations/nouvelle/fournisseur', { siret: makeSiret(93) }, claimant.cookie),
    );
    const queue = await call(claimsPage.loader, get('/moderation/rattachements', moderator.cookie));
    const claim = (queue.data?.claims as { id: number; organisationName: string }[]).find(
      (c) => c.organisationName === 'Menuiserie',
    );
    expect(claim).toBeDefined();
    const noNote = await call(
      claimsPage.action,
      post(
        '/moderation/rattachements',
        { requestId: String(claim?.id), decision: 'reject', note: '' },
        moderator.cookie,
      ),
    );
    expect(noNote).toMatchObject({ status: 400, data: { ok: false, targetId: String(claim?.id) } });
    const approved = await call(
      claimsPage.action,
      post(
        '/moderation/rattachements',
        { requestId: String(claim?.id), decision: 'approve', note: '' },
        moderator.cookie,
      ),
    );
    expect(approved).toMatchObject({ status: 200, data: { ok: true } });
    const mine = await call(listPage.loader, get('/organisations', claimant.cookie));
    expect(mine.data?.organisations).toMatchObject([
      { name: 'Menuiserie', role: 'owner', supplier: { publicationStatus: 'published' } },
    ]);
  });

  it('caps the requests and invitations a person sends (each mails someone): 429 with Retry-After', async () => {
    const busy = await createUser(db, { email: 'pressee@pages.fr' });
    for (let i = 0; i < RATE_LIMIT_RULES['join-request-user'].limit; i++)
      await call(
        supplierPage.action,
        post('/organisations/nouvelle/fournisseur', { siret: makeSiret(200 + i) }, busy.cookie),
      );
    const capped = await call(
      supplierPage.action,
      post('/organisations/nouvelle/fournisseur', { siret: makeSiret(250) }, busy.cookie),
    );
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(capped.headers.get('Cache-Control')).toBe('no-store');
    expect((resultOf(capped) as { error?: Record<string, string[]> }).error?.['']?.[0]).toMatch(/Réessayez/);

    const created = await call(
      buyerPage.action,
      post('/organisations/nouvelle/acheteur', { name: 'Pressée', buyerType: 'pme', buyerSize: 'lt-10' }, busy.cookie),
    );
    const orgId = /\/organisations\/(\d+)/.exec(created.headers.get('Location') ?? '')?.[1] ?? '';
    const path = `/organisations/${orgId}/membres`;
    for (let i = 0; i < RATE_LIMIT_RULES['invite-user'].limit; i++)
      await call(
        membersPage.action,
        post(path, { intent: 'invite', email: `n${i}@pages.fr`, role: 'editor' }, busy.cookie, { orgId }),
      );
    const before = await count(db, 'invitations');
    const refused = await call(
      membersPage.action,
      post(path, { intent: 'invite', email: 'trop@pages.fr', role: 'editor' }, busy.cookie, { orgId }),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).not.toBeNull();
    expect(await count(db, 'invitations')).toBe(before);
    expect(await mailsTo(db, 'trop@pages.fr')).toHaveLength(0);
  });
});
