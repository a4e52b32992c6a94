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
import { parseEnv } from '../../app/env.server';
import { setAppContext, type AppContext } from '../../app/services/context.server';
import { createBuyerOrganisation } from '../../app/services/organisations/buyers.server';
import { createTestDatabase } from '../support/db';
import { getArgs, postArgs } from '../support/pages';
import { type TestUser, createUser } from '../support/organisation-helpers';

// The organisation routes (decisions 120–122) against every kind of actor, as a table: anonymous, a member of
// another organisation, editor, owner, moderator, admin. `S`: sent to /connexion?redirectTo=…; `F`: 403;
// `A`: allowed (whatever the page then answers; the forms are posted with bad input so that nothing changes).
// Each row gets a fresh organisation and actors.

const database = createTestDatabase();
const { db } = database;

beforeAll(() => {
  setAppContext({ env: parseEnv({}), database, search: {} as AppContext['search'] } as AppContext);
});

type Args = LoaderFunctionArgs & ActionFunctionArgs;
type Handler = (args: Args) => Promise<unknown>;
type Expected = 'S' | 'F' | 'A';
const ACTORS = ['anonymous', 'otherOrganisation', 'editor', 'owner', 'moderator', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];

let n = 0;
async function world(): Promise<{ orgId: string; cookies: Record<ActorName, string | undefined> }> {
  n += 1;
  const org = async (owner: TestUser) => {
    const created = await createBuyerOrganisation(db, {
      actor: { userId: owner.id, email: owner.email },
      form: { name: `Organisation ${n}`, buyerType: 'commune', buyerSize: 'lt-10' },
    });
    if (!created.ok) throw new Error('organisation not created');
    return created.value.organisationId;
  };
  const owner = await createUser(db, `owner${n}@perm.fr`);
  const editor = await createUser(db, `editor${n}@perm.fr`);
  const other = await createUser(db, `other${n}@perm.fr`);
  const moderator = await createUser(db, `modo${n}@perm.fr`, { siteRole: 'moderator' });
  const admin = await createUser(db, `admin${n}@perm.fr`, { siteRole: 'admin' });
  const orgId = await org(owner);
  await org(other);
  await db
    .insertInto('memberships')
    .values({ organisation_id: orgId, user_id: editor.id, role: 'editor', created_at: new Date().toISOString() })
    .execute();
  return {
    orgId: String(orgId),
    cookies: {
      anonymous: undefined,
      otherOrganisation: other.cookie,
      editor: editor.cookie,
      owner: owner.cookie,
      moderator: moderator.cookie,
      admin: admin.cookie,
    },
  };
}

interface Row {
  label: string;
  handler: Handler;
  path: (orgId: string) => string;
  method: 'GET' | 'POST';
  fields?: Record<string, string>;
  params?: (orgId: string) => Record<string, string>;
  expected: Expected[];
}

const members = (orgId: string) => `/organisations/${orgId}/membres`;
const orgParams = (orgId: string) => ({ orgId });
const manage = (intent: string, fields: Record<string, string>): Row => ({
  label: `POST membres intent=${intent}`,
  handler: membersPage.action,
  path: members,
  method: 'POST',
  fields: { intent, ...fields },
  params: orgParams,
  expected: ['S', 'F', 'F', 'A', 'F', 'F'],
});

const ROWS: Row[] = [
  {
    label: 'GET /organisations',
    handler: listPage.loader,
    path: () => '/organisations',
    method: 'GET',
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'POST /organisations (withdraw)',
    handler: listPage.action,
    path: () => '/organisations',
    method: 'POST',
    fields: { intent: 'withdraw', requestId: 'x' },
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'GET /organisations/nouvelle',
    handler: choicePage.loader,
    path: () => '/organisations/nouvelle',
    method: 'GET',
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'GET …/nouvelle/fournisseur',
    handler: supplierPage.loader,
    path: () => '/organisations/nouvelle/fournisseur',
    method: 'GET',
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'POST …/nouvelle/fournisseur',
    handler: supplierPage.action,
    path: () => '/organisations/nouvelle/fournisseur',
    method: 'POST',
    fields: { siret: '' },
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'GET …/nouvelle/acheteur',
    handler: buyerPage.loader,
    path: () => '/organisations/nouvelle/acheteur',
    method: 'GET',
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'POST …/nouvelle/acheteur',
    handler: buyerPage.action,
    path: () => '/organisations/nouvelle/acheteur',
    method: 'POST',
    fields: { name: '' },
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'GET /organisations/:id',
    handler: overviewPage.loader,
    path: (o) => `/organisations/${o}`,
    method: 'GET',
    params: orgParams,
    expected: ['S', 'F', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'GET /organisations/:id/membres',
    handler: membersPage.loader,
    path: members,
    method: 'GET',
    params: orgParams,
    expected: ['S', 'F', 'A', 'A', 'A', 'A'],
  },
  manage('invite', { email: 'oups', role: '' }),
  manage('revoke-invitation', { invitationId: 'x' }),
  manage('change-role', { userId: 'x', role: '' }),
  manage('remove', { userId: 'x' }),
  manage('decide-join', { requestId: 'x' }),
  manage('transfer', { newOwnerUserId: 'x', password: '' }),
  manage('unknown', {}),
  {
    label: 'POST membres intent=leave',
    handler: membersPage.action,
    path: members,
    method: 'POST',
    fields: { intent: 'leave' },
    params: orgParams,
    expected: ['S', 'F', 'A', 'A', 'F', 'F'],
  },
  {
    label: 'GET /invitations/:token',
    handler: invitationPage.loader,
    path: () => '/invitations/x.y',
    method: 'GET',
    params: () => ({ token: 'x.y' }),
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'POST /invitations/:token',
    handler: invitationPage.action,
    path: () => '/invitations/x.y',
    method: 'POST',
    fields: { decision: 'accept' },
    params: () => ({ token: 'x.y' }),
    expected: ['S', 'A', 'A', 'A', 'A', 'A'],
  },
  {
    label: 'GET /moderation/rattachements',
    handler: claimsPage.loader,
    path: () => '/moderation/rattachements',
    method: 'GET',
    expected: ['S', 'F', 'F', 'F', 'A', 'A'],
  },
  {
    label: 'POST /moderation/rattachements',
    handler: claimsPage.action,
    path: () => '/moderation/rattachements',
    method: 'POST',
    fields: { requestId: 'x', decision: 'approve' },
    expected: ['S', 'F', 'F', 'F', 'A', 'A'],
  },
];

/** S, F or A from a loader's or action's answer, returned or thrown. */
async function outcome(handler: Handler, args: Args): Promise<Expected> {
  let value: unknown;
  try {
    value = await handler(args);
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response)
    return value.status === 302 && (value.headers.get('Location') ?? '').startsWith('/connexion?redirectTo=')
      ? 'S'
      : 'A';
  const status = (value as { init?: { status?: number } | null })?.init?.status;
  return status === 403 ? 'F' : 'A';
}

describe('organisation routes × actors', () => {
  it(`covers ${ROWS.length} routes and actions against ${ACTORS.length} kinds of actor`, () => {
    expect(ROWS.length * ACTORS.length).toBe(126);
  });

  for (const row of ROWS)
    it(row.label, async () => {
      const { orgId, cookies } = await world();
      const got: Expected[] = [];
      for (const actor of ACTORS) {
        const path = row.path(orgId);
        const base =
          row.method === 'GET'
            ? getArgs(path, cookies[actor])
            : postArgs(path, row.fields ?? {}, { cookie: cookies[actor], ip: '203.0.113.50' });
        got.push(await outcome(row.handler, { ...base, params: row.params?.(orgId) ?? {} } as Args));
      }
      expect(Object.fromEntries(ACTORS.map((a, i) => [a, got[i]]))).toEqual(
        Object.fromEntries(ACTORS.map((a, i) => [a, row.expected[i]])),
      );
    });
});
