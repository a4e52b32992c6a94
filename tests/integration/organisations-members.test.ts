import { beforeAll, describe, expect, it } from 'vitest';
import { createBuyerOrganisation } from '../../app/services/organisations/buyers.server';
import {
  answerInvitation,
  inviteMember,
  revokeInvitation,
  viewInvitation,
} from '../../app/services/organisations/invitations.server';
import {
  changeMemberRole,
  leaveOrganisation,
  removeMember,
  transferOwnership,
} from '../../app/services/organisations/members.server';
import { INVITATION_LIFETIME_MS } from '../../app/domain/organisation';
import { deleteAccount } from '../../app/services/auth/accounts.server';
import { createTestDatabase } from '../support/db';
import { PASSWORD, type TestUser, auditRows, createUser, mailsTo, issuesOf } from '../support/organisations';

// Invitations, roles, removal, leaving and the transfer of ownership (decisions 120, 122) on a real SQLite
// file: the last-owner rule, the invitation's expiry, single use and address check, the password asked for
// the transfer, the audit rows and the mails.

const { db } = createTestDatabase();
const ORIGIN = 'http://localhost';
const actorOf = (u: TestUser) => ({ userId: u.id, email: u.email });
let counter = 0;

async function organisationOf(owner: TestUser): Promise<number> {
  counter += 1;
  const created = await createBuyerOrganisation(db, {
    actor: actorOf(owner),
    form: { name: `Acheteur ${counter}`, buyerType: 'commune', buyerSize: 'lt-10' },
  });
  if (!created.ok) throw new Error('organisation not created');
  return created.value.organisationId;
}

async function roleOf(organisationId: number, userId: number) {
  return (
    await db
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  )?.role;
}

/** Invites the address and returns the token from the mail. */
async function invite(owner: TestUser, organisationId: number, email: string, role = 'editor', now = new Date()) {
  const sent = await inviteMember(
    db,
    { actor: actorOf(owner), organisationId, form: { email, role }, origin: ORIGIN },
    now,
  );
  if (!sent.ok) throw new Error(JSON.stringify(sent.error));
  const mail = (await mailsTo(db, email.toLowerCase())).at(-1);
  const token = /\/invitations\/([a-z2-7]{24}\.[a-z2-7]{24})/.exec(mail?.text_body ?? '')?.[1];
  if (!token) throw new Error('no token in the mail');
  return token;
}

let owner: TestUser;
beforeAll(async () => {
  owner = await createUser(db, { email: 'proprietaire@exemple.fr' });
});

describe('invitations', () => {
  it('mails a single-use link, stores only the hash, and makes the invited address a member with the role', async () => {
    const organisationId = await organisationOf(owner);
    const token = await invite(owner, organisationId, 'Invitee@Exemple.fr', 'editor');
    const [id, secret] = token.split('.');
    const row = await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'invitee@exemple.fr', role: 'editor', invited_by_user_id: owner.id });
    expect(Buffer.from(row.secret_hash).toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(INVITATION_LIFETIME_MS);
    expect((await auditRows(db, 'membership.invited')).at(-1)).toMatchObject({
      organisation_id: organisationId,
      actor_user_id: owner.id,
    });

    const invitee = await createUser(db, { email: 'invitee@exemple.fr' });
    const view = await viewInvitation(db, token, invitee.id);
    expect(view).toMatchObject({ kind: 'open', organisationId, role: 'editor', blocker: null });
    const accepted = await answerInvitation(db, { actor: actorOf(invitee), token, decision: 'accept' });
    expect(accepted).toEqual({ ok: true, value: { accepted: true, organisationId } });
    expect(await roleOf(organisationId, invitee.id)).toBe('editor');
    expect((await auditRows(db, 'membership.joined')).at(-1)).toMatchObject({
      actor_user_id: invitee.id,
      organisation_id: organisationId,
    });

    const reused = await answerInvitation(db, { actor: actorOf(invitee), token, decision: 'accept' });
    expect(!reused.ok && reused.error.message).toMatch(/déjà été utilisée/);
    const again = await inviteMember(db, {
      actor: actorOf(owner),
      organisationId,
      form: { email: 'invitee@exemple.fr', role: 'owner' },
      origin: ORIGIN,
    });
    expect(issuesOf(again)).toEqual([{ field: 'email', message: expect.stringMatching(/déjà membre/) }]);
  });

  it('refuses another signed-in address, saying which one is invited, and an unconfirmed one', async () => {
    const organisationId = await organisationOf(owner);
    const token = await invite(owner, organisationId, 'bonne@exemple.fr');
    const wrong = await createUser(db, { email: 'mauvaise@exemple.fr' });
    const view = await viewInvitation(db, token, wrong.id);
    expect(view.kind === 'open' && view.blocker).toMatch(
      /adressée à bonne@exemple.fr.*connecté avec mauvaise@exemple.fr/,
    );
    const refused = await answerInvitation(db, { actor: actorOf(wrong), token, decision: 'accept' });
    expect(!refused.ok && refused.error.message).toMatch(/adressée à bonne@exemple.fr/);
    const declined = await answerInvitation(db, { actor: actorOf(wrong), token, decision: 'decline' });
    expect(declined.ok).toBe(false);
    expect(await roleOf(organisationId, wrong.id)).toBeUndefined();

    const unconfirmed = await createUser(db, { email: 'bonne@exemple.fr', verified: false });
    const blocked = await answerInvitation(db, { actor: actorOf(unconfirmed), token, decision: 'accept' });
    expect(!blocked.ok && blocked.error.message).toMatch(/Confirmez d’abord votre adresse/);
    expect(await roleOf(organisationId, unconfirmed.id)).toBeUndefined();
  });

  it('expires after 14 days, can be revoked or declined, and a new invitation replaces the open one', async () => {
    const organisationId = await organisationOf(owner);
    const sentAt = new Date('2026-11-01T10:00:00Z');
    const token = await invite(owner, organisationId, 'tard@exemple.fr', 'editor', sentAt);
    const late = await createUser(db, { email: 'tard@exemple.fr' });
    const expired = await answerInvitation(
      db,
      { actor: actorOf(late), token, decision: 'accept' },
      new Date(sentAt.getTime() + INVITATION_LIFETIME_MS),
    );
    expect(!expired.ok && expired.error.message).toMatch(/a expiré/);

    const first = await invite(owner, organisationId, 'double@exemple.fr');
    const second = await invite(owner, organisationId, 'double@exemple.fr', 'owner');
    const person = await createUser(db, { email: 'double@exemple.fr' });
    const replaced = await answerInvitation(db, { actor: actorOf(person), token: first, decision: 'accept' });
    expect(!replaced.ok && replaced.error.message).toMatch(/annulée/);
    const declined = await answerInvitation(db, { actor: actorOf(person), token: second, decision: 'decline' });
    expect(declined).toMatchObject({ ok: true, value: { accepted: false } });
    expect(await roleOf(organisationId, person.id)).toBeUndefined();

    const third = await invite(owner, organisationId, 'revoque@exemple.fr');
    const otherOrganisation = await organisationOf(owner);
    const invitationId = third.split('.')[0];
    const elsewhere = await revokeInvitation(db, {
      actor: actorOf(owner),
      organisationId: otherOrganisation,
      invitationId,
    });
    expect(elsewhere.ok).toBe(false);
    expect(await revokeInvitation(db, { actor: actorOf(owner), organisationId, invitationId })).toMatchObject({
      ok: true,
    });
    expect((await auditRows(db, 'membership.invitation-revoked')).at(-1)).toMatchObject({
      organisation_id: organisationId,
    });
    const revoker = await createUser(db, { email: 'revoque@exemple.fr' });
    const revoked = await answerInvitation(db, { actor: actorOf(revoker), token: third, decision: 'accept' });
    expect(!revoked.ok && revoked.error.message).toMatch(/annulée/);

    const forged = await answerInvitation(db, {
      actor: actorOf(revoker),
      token: `${invitationId}.${'a'.repeat(24)}`,
      decision: 'accept',
    });
    expect(!forged.ok && forged.error.message).toMatch(/introuvable/);
  });

  it('refuses a bad address or role next to the field, writing nothing', async () => {
    const organisationId = await organisationOf(owner);
    const before = (await db.selectFrom('invitations').select('id').execute()).length;
    const bad = await inviteMember(db, {
      actor: actorOf(owner),
      organisationId,
      form: { email: 'pas une adresse', role: 'chef' },
      origin: ORIGIN,
    });
    expect(
      issuesOf(bad)
        .map((i) => i.field)
        .sort(),
    ).toEqual(['email', 'role']);
    expect((await db.selectFrom('invitations').select('id').execute()).length).toBe(before);
  });
});

describe('roles, removal, leaving and transfer', () => {
  it('keeps at least one owner: the last one can neither leave, be demoted nor be removed', async () => {
    const organisationId = await organisationOf(owner);
    const left = await leaveOrganisation(db, { actor: actorOf(owner), organisationId });
    expect(!left.ok && left.error.issues[0].message).toMatch(/dernier propriétaire/);
    const demoted = await changeMemberRole(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: String(owner.id), role: 'editor' },
    });
    expect(!demoted.ok && demoted.error.issues).toEqual([
      { field: 'role', message: expect.stringMatching(/dernier propriétaire/) },
    ]);
    expect(await roleOf(organisationId, owner.id)).toBe('owner');

    const editor = await createUser(db, { email: `editeur${organisationId}@exemple.fr` });
    await answerInvitation(db, {
      actor: actorOf(editor),
      token: await invite(owner, organisationId, editor.email),
      decision: 'accept',
    });
    const promoted = await changeMemberRole(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: String(editor.id), role: 'owner' },
    });
    expect(promoted.ok).toBe(true);
    expect((await auditRows(db, 'membership.role-changed')).at(-1)).toMatchObject({
      subject_id: editor.id,
      details: JSON.stringify({ from: 'editor', to: 'owner' }),
    });
    const same = await changeMemberRole(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: String(editor.id), role: 'owner' },
    });
    expect(!same.ok && same.error.issues[0].message).toMatch(/déjà propriétaire/);
    // Two owners now: the first may leave.
    expect((await leaveOrganisation(db, { actor: actorOf(owner), organisationId })).ok).toBe(true);
    expect(await roleOf(organisationId, owner.id)).toBeUndefined();
    expect((await auditRows(db, 'membership.left')).at(-1)).toMatchObject({
      actor_user_id: owner.id,
      organisation_id: organisationId,
    });
  });

  it('removes a member (mailed, audited), never oneself nor a stranger', async () => {
    const organisationId = await organisationOf(owner);
    const member = await createUser(db, { email: `membre${organisationId}@exemple.fr` });
    await answerInvitation(db, {
      actor: actorOf(member),
      token: await invite(owner, organisationId, member.email),
      decision: 'accept',
    });
    const stranger = await createUser(db, { email: `etranger${organisationId}@exemple.fr` });
    const self = await removeMember(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: String(owner.id) },
      origin: ORIGIN,
    });
    expect(!self.ok && self.error.issues[0].message).toMatch(/Quitter l’organisation/);
    const notMember = await removeMember(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: String(stranger.id) },
      origin: ORIGIN,
    });
    expect(!notMember.ok && notMember.error.issues[0].message).toMatch(/pas \(ou plus\) membre/);
    const bad = await removeMember(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: 'x' },
      origin: ORIGIN,
    });
    expect(issuesOf(bad)[0].field).toBe('userId');
    const removed = await removeMember(db, {
      actor: actorOf(owner),
      organisationId,
      form: { userId: String(member.id) },
      origin: ORIGIN,
    });
    expect(removed.ok).toBe(true);
    expect(await roleOf(organisationId, member.id)).toBeUndefined();
    expect((await mailsTo(db, member.email)).at(-1)?.subject).toMatch(/ne faites plus partie/);
    expect((await auditRows(db, 'membership.removed')).at(-1)).toMatchObject({
      subject_id: member.id,
      actor_user_id: owner.id,
    });
  });

  it('transfers the ownership with the current password: the member becomes owner, the owner editor', async () => {
    const first = await createUser(db, { email: 'cedante@exemple.fr' });
    const organisationId = await organisationOf(first);
    const next = await createUser(db, { email: 'reprise@exemple.fr' });
    await answerInvitation(db, {
      actor: actorOf(next),
      token: await invite(first, organisationId, next.email),
      decision: 'accept',
    });
    const noPassword = await transferOwnership(db, {
      actor: actorOf(first),
      organisationId,
      form: { newOwnerUserId: String(next.id), password: '' },
      origin: ORIGIN,
    });
    expect(!noPassword.ok && noPassword.error.issues).toEqual([
      { field: 'password', message: 'Saisissez votre mot de passe actuel.' },
    ]);
    const wrong = await transferOwnership(db, {
      actor: actorOf(first),
      organisationId,
      form: { newOwnerUserId: String(next.id), password: 'pas le bon' },
      origin: ORIGIN,
    });
    expect(!wrong.ok && wrong.error.issues).toEqual([
      { field: 'password', message: expect.stringMatching(/incorrect/) },
    ]);
    const toSelf = await transferOwnership(db, {
      actor: actorOf(first),
      organisationId,
      form: { newOwnerUserId: String(first.id), password: PASSWORD },
      origin: ORIGIN,
    });
    expect(!toSelf.ok && toSelf.error.issues[0].field).toBe('newOwnerUserId');
    expect(await roleOf(organisationId, next.id)).toBe('editor');

    const done = await transferOwnership(db, {
      actor: actorOf(first),
      organisationId,
      form: { newOwnerUserId: String(next.id), password: PASSWORD },
      origin: ORIGIN,
    });
    expect(done).toEqual({ ok: true, value: { newOwnerEmail: next.email } });
    expect(await roleOf(organisationId, next.id)).toBe('owner');
    expect(await roleOf(organisationId, first.id)).toBe('editor');
    expect((await auditRows(db, 'membership.ownership-transferred')).at(-1)).toMatchObject({
      actor_user_id: first.id,
      subject_id: next.id,
    });
    expect((await mailsTo(db, next.email)).at(-1)?.subject).toMatch(/Vous êtes propriétaire/);
    const notOwnerAnyMore = await transferOwnership(db, {
      actor: actorOf(first),
      organisationId,
      form: { newOwnerUserId: String(next.id), password: PASSWORD },
      origin: ORIGIN,
    });
    expect(!notOwnerAnyMore.ok && notOwnerAnyMore.error.issues[0].message).toMatch(/Seul un propriétaire/);
  });

  it('refuses to delete the account of the last owner of an organisation that has other members', async () => {
    const alone = await createUser(db, { email: 'seule@exemple.fr' });
    await organisationOf(alone);
    const keeper = await createUser(db, { email: 'gardienne@exemple.fr' });
    const organisationId = await organisationOf(keeper);
    const member = await createUser(db, { email: 'equipiere@exemple.fr' });
    await answerInvitation(db, {
      actor: actorOf(member),
      token: await invite(keeper, organisationId, member.email),
      decision: 'accept',
    });
    const refused = await deleteAccount(db, { userId: keeper.id, password: PASSWORD, confirm: 'on' });
    expect(!refused.ok && refused.error).toEqual([
      { field: '', message: expect.stringMatching(/dernier propriétaire de « Acheteur \d+ »/) },
    ]);
    expect(await roleOf(organisationId, keeper.id)).toBe('owner');
    // Alone in its organisation, or once another member is owner, the account may go.
    expect((await deleteAccount(db, { userId: alone.id, password: PASSWORD, confirm: 'on' })).ok).toBe(true);
    await changeMemberRole(db, {
      actor: actorOf(keeper),
      organisationId,
      form: { userId: String(member.id), role: 'owner' },
    });
    expect((await deleteAccount(db, { userId: keeper.id, password: PASSWORD, confirm: 'on' })).ok).toBe(true);
    expect(await roleOf(organisationId, member.id)).toBe('owner');
  });
});
