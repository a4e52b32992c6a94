import { beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.server';
import { action, loader } from '../../app/routes/organisations.$orgId.modifier';
import { BUYER_MESSAGES, createBuyerOrganisation } from '../../app/services/organisations/buyers.server';
import { setAppContext, type AppContext } from '../../app/services/context.server';
import { addMember } from '../../db/repositories/memberships';
import { createTestDatabase } from '../support/db';
import {
  type TestUser,
  addSupplier,
  createUser,
  formArgs,
  loaderArgs,
  makeSiret,
  settle,
  statusOf,
  supplierOrganisation,
} from '../support/organisations';
import { asData } from '../support/pages';

// « Modifier les informations » of a buyer organisation (decision 120): its owners only (organisation.edit), the
// change audited with the values before it; a supplier organisation's page is a 404; every bad field refused
// with nothing written.

const database = createTestDatabase();
const { db } = database;
let owner: TestUser;
let editor: TestUser;
let buyerId: number;
let otherBuyerSiret: string;

beforeAll(async () => {
  setAppContext({ env: parseEnv({}), database, search: {} as AppContext['search'] } as AppContext);
  owner = await createUser(db, { email: 'direction.achats@exemple.fr' });
  editor = await createUser(db, { email: 'acheteuse@exemple.fr' });
  const created = await createBuyerOrganisation(db, {
    actor: { userId: owner.id, email: owner.email },
    form: { name: 'Ville de Test', buyerType: 'commune', buyerSize: '50-249', siret: '' },
  });
  if (!created.ok) throw new Error('buyer not created');
  buyerId = created.value.organisationId;
  await addMember(db, { organisationId: buyerId, userId: editor.id, role: 'editor', now: new Date().toISOString() });
  otherBuyerSiret = makeSiret(77);
  const other = await createUser(db, { email: 'autre@exemple.fr' });
  await createBuyerOrganisation(db, {
    actor: { userId: other.id, email: other.email },
    form: { name: 'Autre acheteur', buyerType: 'region', buyerSize: 'gte-5000', siret: otherBuyerSiret },
  });
});

const path = () => `/organisations/${buyerId}/modifier`;
const params = () => ({ orgId: String(buyerId) });
const stored = () =>
  db
    .selectFrom('organisations')
    .select(['name', 'buyer_type', 'buyer_size', 'siret'])
    .where('id', '=', buyerId)
    .executeTakeFirstOrThrow();
const GOOD = { name: 'Ville de Test-sur-Loire', buyerType: 'intercommunalite', buyerSize: '250-4999', siret: '' };

describe('/organisations/:id/modifier', () => {
  it('shows the stored values to the owners; an editor gets a 403, a supplier organisation a 404', async () => {
    const shown = asData(await loader(loaderArgs(path(), owner.cookie, params())));
    expect(shown.headers.get('Cache-Control')).toBe('no-store');
    expect(shown.data.defaultValue).toEqual({
      name: 'Ville de Test',
      buyerType: 'commune',
      buyerSize: '50-249',
      siret: '',
    });
    expect(statusOf(await settle(() => loader(loaderArgs(path(), editor.cookie, params()))))).toBe(403);
    expect(statusOf(await settle(() => action(formArgs(path(), GOOD, editor.cookie, params()))))).toBe(403);
    const supplierId = await addSupplier(db, { siret: makeSiret(78), name: 'Fournisseur' });
    const supplierOrg = await supplierOrganisation(db, supplierId);
    await addMember(db, {
      organisationId: supplierOrg,
      userId: owner.id,
      role: 'owner',
      now: new Date().toISOString(),
    });
    const supplierPath = `/organisations/${supplierOrg}/modifier`;
    const notBuyer = await settle(() => loader(loaderArgs(supplierPath, owner.cookie, { orgId: String(supplierOrg) })));
    expect(statusOf(notBuyer)).toBe(404);
  });

  it.each([
    [{ ...GOOD, name: '' }, 'name'],
    [{ ...GOOD, buyerType: 'ministere' }, 'buyerType'],
    [{ ...GOOD, buyerSize: '' }, 'buyerSize'],
    [{ ...GOOD, siret: '12345678901234' }, 'siret'],
  ])('refuses %o next to %s, nothing written', async (fields, field) => {
    const answer = asData(await action(formArgs(path(), fields, owner.cookie, params())));
    expect(answer.status).toBe(400);
    const result = answer.data.result as { error: Record<string, string[]> };
    expect(result.error[field]?.length).toBeGreaterThan(0);
    expect(await stored()).toEqual({ name: 'Ville de Test', buyer_type: 'commune', buyer_size: '50-249', siret: null });
  });

  it('refuses the SIRET of another buyer organisation', async () => {
    const answer = asData(await action(formArgs(path(), { ...GOOD, siret: otherBuyerSiret }, owner.cookie, params())));
    expect((answer.data.result as { error: Record<string, string[]> }).error.siret).toEqual([
      BUYER_MESSAGES.siretTaken,
    ]);
    expect((await stored()).siret).toBeNull();
  });

  it('saves and audits the change with the values before it', async () => {
    const done = (await settle(() => action(formArgs(path(), GOOD, owner.cookie, params())))) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe(`/organisations/${buyerId}?modifiee=1`);
    expect(await stored()).toEqual({
      name: 'Ville de Test-sur-Loire',
      buyer_type: 'intercommunalite',
      buyer_size: '250-4999',
      siret: null,
    });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'organisation.updated')
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(owner.id);
    expect(JSON.parse(audit.details).before).toEqual({
      name: 'Ville de Test',
      buyerType: 'commune',
      buyerSize: '50-249',
      siret: null,
    });
  });
});
