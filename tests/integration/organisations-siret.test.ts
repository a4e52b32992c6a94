import { describe, expect, it } from 'vitest';
import { deleteAccount } from '../../app/services/auth/accounts.server';
import { createBuyerOrganisation } from '../../app/services/organisations/buyers.server';
import {
  decideClaim,
  decideJoin,
  requestSupplierOrganisation,
  withdrawJoinRequest,
} from '../../app/services/organisations/join-by-siret.server';
import { createTestDatabase } from '../support/db';
import {
  PASSWORD,
  addSupplier,
  auditRows,
  count,
  createUser,
  makeSiret,
  mailsTo,
  issuesOf,
} from '../support/organisations';

// Joining or creating a supplier organisation by SIRET, and the decisions on the requests (decisions 120, 121),
// on a real SQLite file: new suppliers, claims decided by moderators, joins decided by owners, duplicates,
// bad inputs (nothing written), audit rows and mails in the outbox. Buyer organisations at the end.

const { db } = createTestDatabase();
const ORIGIN = 'http://localhost';
const actorOf = (u: { id: number; email: string }) => ({ userId: u.id, email: u.email });

async function kindCode(): Promise<string> {
  return (await db.selectFrom('structure_kinds').select('code').orderBy('position').executeTakeFirstOrThrow()).code;
}

function request(user: { id: number; email: string }, form: Record<string, unknown>) {
  return requestSupplierOrganisation(db, { actor: actorOf(user), form, origin: ORIGIN });
}

describe('a SIRET the catalogue does not hold', () => {
  it('asks the details first, writing nothing, then creates a draft supplier, its organisation and the owner', async () => {
    const user = await createUser(db, { email: 'creatrice@exemple.fr' });
    const siret = makeSiret(1);
    const before = { suppliers: await count(db, 'suppliers'), organisations: await count(db, 'organisations') };
    const first = await request(user, { siret: siret.replace(/(\d{3})/, '$1 '), message: '' });
    expect(first).toEqual({ ok: true, value: { kind: 'details-needed', siret } });
    expect(await count(db, 'suppliers')).toBe(before.suppliers);
    expect(await count(db, 'organisations')).toBe(before.organisations);

    const created = await request(user, {
      step: 'details',
      siret,
      message: '',
      name: '  Les  Jardins du Rhône ',
      structureKind: await kindCode(),
      commune: 'Lyon',
    });
    expect(created.ok && created.value.kind).toBe('created');
    if (!created.ok || created.value.kind !== 'created') return;
    const supplier = await db.selectFrom('suppliers').selectAll().where('siret', '=', siret).executeTakeFirstOrThrow();
    expect(supplier).toMatchObject({
      name: 'Les Jardins du Rhône',
      publication_status: 'draft',
      charter_status: 'none',
      commune_code: '69123',
    });
    const organisation = await db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', created.value.organisationId)
      .executeTakeFirstOrThrow();
    expect(organisation).toMatchObject({ kind: 'supplier', supplier_id: supplier.id, siret });
    const membership = await db
      .selectFrom('memberships')
      .selectAll()
      .where('organisation_id', '=', organisation.id)
      .execute();
    expect(membership).toMatchObject([{ user_id: user.id, role: 'owner' }]);
    const audit = (await auditRows(db, 'organisation.created')).filter((r) => r.organisation_id === organisation.id);
    expect(audit).toMatchObject([{ actor_user_id: user.id, actor_email: user.email, supplier_id: supplier.id }]);
    const outbox = await db
      .selectFrom('search_changes')
      .select('supplier_id')
      .where('supplier_id', '=', supplier.id)
      .execute();
    expect(outbox.length).toBeGreaterThan(0);
  });

  it('refuses each bad detail next to its field and writes nothing', async () => {
    const user = await createUser(db, { email: 'details@exemple.fr' });
    const siret = makeSiret(2);
    const before = { suppliers: await count(db, 'suppliers'), organisations: await count(db, 'organisations') };
    const empty = await request(user, { step: 'details', siret, name: ' ', structureKind: '', commune: '' });
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(
      issuesOf(empty)
        .map((i) => i.field)
        .sort(),
    ).toEqual(['commune', 'name', 'structureKind']);
    const unknown = await request(user, {
      step: 'details',
      siret,
      name: 'Atelier',
      structureKind: 'pas-un-type',
      commune: 'Nulle-Part-sur-Mer',
    });
    expect(unknown.ok).toBe(false);
    if (unknown.ok) return;
    expect(issuesOf(unknown)).toEqual([
      { field: 'structureKind', message: 'Choisissez un type de structure de la liste.' },
      { field: 'commune', message: expect.stringContaining('« Nulle-Part-sur-Mer »') },
    ]);
    const long = await request(user, {
      step: 'details',
      siret,
      name: 'x'.repeat(201),
      structureKind: await kindCode(),
      commune: '69123',
    });
    expect(issuesOf(long)).toEqual([{ field: 'name', message: expect.stringMatching(/200 caractères/) }]);
    expect(await count(db, 'suppliers')).toBe(before.suppliers);
    expect(await count(db, 'organisations')).toBe(before.organisations);
  });

  it('refuses a bad SIRET or a too long message, with a message next to the field', async () => {
    const user = await createUser(db, { email: 'siret@exemple.fr' });
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ siret: '' }, 'siret', /obligatoire/],
      [{ siret: '1234' }, 'siret', /14 chiffres/],
      [{ siret: 'abc' }, 'siret', /chiffres/],
      [{ siret: '12345678901234' }, 'siret', /clé de contrôle/],
      [{ siret: makeSiret(3), message: 'x'.repeat(1001) }, 'message', /1000 caractères/],
    ];
    for (const [form, field, message] of cases) {
      const outcome = await request(user, form);
      expect(outcome.ok, JSON.stringify(form)).toBe(false);
      if (!outcome.ok) expect(issuesOf(outcome)).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
  });
});

describe('a SIRET the catalogue holds', () => {
  it('is a claim for the moderators when nobody manages it; a moderator approves it and the person is owner', async () => {
    const siret = makeSiret(10);
    const supplierId = await addSupplier(db, { siret, name: 'Recyclerie du Pont' });
    const claimant = await createUser(db, { email: 'claim@exemple.fr' });
    const moderator = await createUser(db, { email: 'modo@exemple.fr', siteRole: 'moderator' });
    const claimed = await request(claimant, { siret, message: 'Je suis la directrice.' });
    expect(claimed.ok && claimed.value.kind).toBe('claim-requested');
    const organisation = await db
      .selectFrom('organisations')
      .selectAll()
      .where('supplier_id', '=', supplierId)
      .executeTakeFirstOrThrow();
    expect(organisation).toMatchObject({ kind: 'supplier', name: 'Recyclerie du Pont', siret });
    const pending = await db
      .selectFrom('join_requests')
      .selectAll()
      .where('organisation_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ kind: 'claim', status: 'pending', message: 'Je suis la directrice.' });
    expect((await auditRows(db, 'membership.requested')).at(-1)).toMatchObject({
      subject_type: 'join-request',
      subject_id: pending.id,
      organisation_id: organisation.id,
      supplier_id: supplierId,
    });
    expect((await mailsTo(db, claimant.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/Demande de rattachement à « Recyclerie du Pont » reçue/),
    ]);

    const again = await request(claimant, { siret });
    expect(issuesOf(again)[0]).toMatchObject({
      field: 'siret',
      message: expect.stringMatching(/déjà une demande en attente/),
    });
    expect(
      await db.selectFrom('join_requests').select('id').where('organisation_id', '=', organisation.id).execute(),
    ).toHaveLength(1);

    const noNote = await decideClaim(db, {
      actor: actorOf(moderator),
      form: { requestId: String(pending.id), decision: 'reject' },
      origin: ORIGIN,
    });
    expect(!noNote.ok && noNote.error.issues).toEqual([
      { field: 'note', message: expect.stringMatching(/Expliquez le refus/) },
    ]);
    const approved = await decideClaim(db, {
      actor: actorOf(moderator),
      form: { requestId: String(pending.id), decision: 'approve', note: '' },
      origin: ORIGIN,
    });
    expect(approved).toMatchObject({ ok: true, value: { approved: true, organisationId: organisation.id } });
    expect(
      await db
        .selectFrom('memberships')
        .select(['user_id', 'role'])
        .where('organisation_id', '=', organisation.id)
        .execute(),
    ).toEqual([{ user_id: claimant.id, role: 'owner' }]);
    expect(
      await db.selectFrom('join_requests').selectAll().where('id', '=', pending.id).executeTakeFirst(),
    ).toMatchObject({
      status: 'approved',
      decided_by_user_id: moderator.id,
    });
    expect((await auditRows(db, 'membership.approved')).at(-1)).toMatchObject({
      actor_user_id: moderator.id,
      subject_id: pending.id,
    });
    expect((await mailsTo(db, claimant.email)).at(-1)?.subject).toMatch(/Demande acceptée/);

    const twice = await decideClaim(db, {
      actor: actorOf(moderator),
      form: { requestId: String(pending.id), decision: 'reject', note: 'non' },
      origin: ORIGIN,
    });
    expect(!twice.ok && twice.error.issues[0].message).toMatch(/déjà été traitée/);
    const member = await request(claimant, { siret });
    expect(issuesOf(member)[0]).toMatchObject({
      field: 'siret',
      message: expect.stringMatching(/déjà membre/),
    });
  });

  it('is a join for the owners when it has members: they are mailed, and decide it (a refusal carries the note)', async () => {
    const siret = makeSiret(11);
    const owner = await createUser(db, { email: 'owner11@exemple.fr' });
    const created = await request(owner, {
      step: 'details',
      siret,
      name: 'Atelier Onze',
      structureKind: await kindCode(),
      commune: '69123',
    });
    if (!created.ok || created.value.kind !== 'created') throw new Error('not created');
    const organisationId = created.value.organisationId;
    const asker = await createUser(db, { email: 'asker11@exemple.fr' });
    const joined = await request(asker, { siret, message: 'Je coordonne les chantiers.' });
    expect(joined).toMatchObject({ ok: true, value: { kind: 'join-requested', organisationId } });
    const [ownerMail] = await mailsTo(db, owner.email);
    expect(ownerMail.subject).toMatch(/asker11@exemple.fr demande à rejoindre « Atelier Onze »/);
    expect(ownerMail.text_body).toContain(`${ORIGIN}/organisations/${organisationId}/membres`);
    expect(ownerMail.text_body).toContain('Je coordonne les chantiers.');
    const pending = await db
      .selectFrom('join_requests')
      .selectAll()
      .where('user_id', '=', asker.id)
      .executeTakeFirstOrThrow();
    expect(pending.kind).toBe('join');

    // A claim cannot be decided as a join, nor a join of another organisation.
    const otherOrg = await request(await createUser(db, { email: 'other11@exemple.fr' }), {
      step: 'details',
      siret: makeSiret(12),
      name: 'Autre',
      structureKind: await kindCode(),
      commune: '69123',
    });
    if (!otherOrg.ok || otherOrg.value.kind !== 'created') throw new Error('not created');
    const wrongOrg = await decideJoin(db, {
      actor: actorOf(owner),
      organisationId: otherOrg.value.organisationId,
      form: { requestId: String(pending.id), decision: 'approve' },
      origin: ORIGIN,
    });
    expect(!wrongOrg.ok && wrongOrg.error.issues[0].message).toMatch(/n’existe pas/);
    const asClaim = await decideClaim(db, {
      actor: actorOf(owner),
      form: { requestId: String(pending.id), decision: 'approve' },
      origin: ORIGIN,
    });
    expect(asClaim.ok).toBe(false);

    const rejected = await decideJoin(db, {
      actor: actorOf(owner),
      organisationId,
      form: { requestId: String(pending.id), decision: 'reject', note: 'Nous ne vous connaissons pas.' },
      origin: ORIGIN,
    });
    expect(rejected).toMatchObject({ ok: true, value: { approved: false } });
    expect(
      await db.selectFrom('memberships').select('user_id').where('organisation_id', '=', organisationId).execute(),
    ).toHaveLength(1);
    const mail = (await mailsTo(db, asker.email)).at(-1);
    expect(mail?.subject).toMatch(/Demande refusée/);
    expect(mail?.text_body).toContain('Nous ne vous connaissons pas.');
    expect((await auditRows(db, 'membership.rejected')).at(-1)).toMatchObject({
      reason: 'Nous ne vous connaissons pas.',
      actor_user_id: owner.id,
    });

    const second = await request(asker, { siret });
    if (!second.ok) throw new Error('second request refused');
    const secondId = (
      await db
        .selectFrom('join_requests')
        .select('id')
        .where('user_id', '=', asker.id)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
    ).id;
    const approved = await decideJoin(db, {
      actor: actorOf(owner),
      organisationId,
      form: { requestId: String(secondId), decision: 'approve' },
      origin: ORIGIN,
    });
    expect(approved.ok).toBe(true);
    expect(
      await db.selectFrom('memberships').select('role').where('user_id', '=', asker.id).executeTakeFirst(),
    ).toEqual({ role: 'editor' });
  });

  it('turns the other pending claims into joins for the new owner once a claim is approved', async () => {
    const siret = makeSiret(14);
    await addSupplier(db, { siret, name: 'Imprimerie Quatorze' });
    const first = await createUser(db, { email: 'first14@exemple.fr' });
    const second = await createUser(db, { email: 'second14@exemple.fr' });
    const moderator = await createUser(db, { email: 'modo14@exemple.fr', siteRole: 'moderator' });
    await request(first, { siret });
    await request(second, { siret });
    const claims = await db
      .selectFrom('join_requests')
      .selectAll()
      .where('kind', '=', 'claim')
      .where('status', '=', 'pending')
      .execute();
    const firstClaim = claims.find((c) => c.user_id === first.id);
    await decideClaim(db, {
      actor: actorOf(moderator),
      form: { requestId: String(firstClaim?.id), decision: 'approve' },
      origin: ORIGIN,
    });
    const other = await db
      .selectFrom('join_requests')
      .selectAll()
      .where('user_id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(other).toMatchObject({ kind: 'join', status: 'pending' });
    const decided = await decideJoin(db, {
      actor: actorOf(first),
      organisationId: other.organisation_id,
      form: { requestId: String(other.id), decision: 'approve' },
      origin: ORIGIN,
    });
    expect(decided.ok).toBe(true);
  });

  it('lets a person withdraw their own pending request, not someone else’s', async () => {
    const siret = makeSiret(13);
    await addSupplier(db, { siret, name: 'Ferme Treize' });
    const person = await createUser(db, { email: 'withdraw@exemple.fr' });
    const stranger = await createUser(db, { email: 'stranger@exemple.fr' });
    await request(person, { siret });
    const pending = await db
      .selectFrom('join_requests')
      .select('id')
      .where('user_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(await withdrawJoinRequest(db, { actor: actorOf(stranger), requestId: String(pending.id) })).toBe(false);
    expect(await withdrawJoinRequest(db, { actor: actorOf(person), requestId: String(pending.id) })).toBe(true);
    expect(await withdrawJoinRequest(db, { actor: actorOf(person), requestId: String(pending.id) })).toBe(false);
    expect((await request(person, { siret })).ok).toBe(true);
  });
});

describe('buyer organisations', () => {
  it('creates the organisation with its creator as owner, audited; a SIRET is optional, checked, and unique', async () => {
    const buyer = await createUser(db, { email: 'acheteuse@exemple.fr' });
    const created = await createBuyerOrganisation(db, {
      actor: actorOf(buyer),
      form: { name: 'Ville de Lyon', buyerType: 'commune', buyerSize: 'gte-5000', siret: '' },
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(
      await db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', created.value.organisationId)
        .executeTakeFirst(),
    ).toMatchObject({ kind: 'buyer', buyer_type: 'commune', buyer_size: 'gte-5000', siret: null, supplier_id: null });
    expect(await db.selectFrom('memberships').select('role').where('user_id', '=', buyer.id).execute()).toEqual([
      { role: 'owner' },
    ]);
    expect((await auditRows(db, 'organisation.created')).at(-1)).toMatchObject({
      organisation_id: created.value.organisationId,
      supplier_id: null,
    });

    const withSiret = await createBuyerOrganisation(db, {
      actor: actorOf(buyer),
      form: { name: 'PME', buyerType: 'pme', buyerSize: 'lt-10', siret: makeSiret(40) },
    });
    expect(withSiret.ok).toBe(true);
    const before = await count(db, 'organisations');
    const taken = await createBuyerOrganisation(db, {
      actor: actorOf(buyer),
      form: { name: 'PME bis', buyerType: 'pme', buyerSize: 'lt-10', siret: makeSiret(40) },
    });
    expect(!taken.ok && taken.error.issues).toEqual([
      { field: 'siret', message: expect.stringMatching(/existe déjà/) },
    ]);
    const bad = await createBuyerOrganisation(db, {
      actor: actorOf(buyer),
      form: { name: '', buyerType: 'mairie', buyerSize: '12', siret: '123' },
    });
    expect(!bad.ok && bad.error.issues.map((i) => i.field).sort()).toEqual(['buyerSize', 'buyerType', 'name', 'siret']);
    expect(await count(db, 'organisations')).toBe(before);
  });

  it('frees the SIRET of a buyer organisation left without members', async () => {
    const gone = await createUser(db, { email: 'partie@exemple.fr' });
    const form = { name: 'Hôpital', buyerType: 'etablissement-sante', buyerSize: '250-4999', siret: makeSiret(41) };
    expect((await createBuyerOrganisation(db, { actor: actorOf(gone), form })).ok).toBe(true);
    expect((await deleteAccount(db, { userId: gone.id, password: PASSWORD, confirm: 'on' })).ok).toBe(true);
    const next = await createUser(db, { email: 'suivante@exemple.fr' });
    expect((await createBuyerOrganisation(db, { actor: actorOf(next), form })).ok).toBe(true);
  });
});
