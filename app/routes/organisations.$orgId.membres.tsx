import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useFormKey } from '~/components/form/use-form-key';
import { ErrorSummary } from '~/components/form/error-summary';
import { SelectField } from '~/components/form/select-field';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { InvitationList, JoinRequestList, MemberList } from '~/components/organisation-members';
import { MEMBERSHIP_ROLES, MEMBERSHIP_ROLE_LABELS } from '~/domain/organisation';
import { invitationSchema, transferSchema } from '~/domain/organisation-forms';
import type { OrganisationPermissionAction } from '~/domain/permissions';
import { authorize, idParam, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { replyToRefusal, replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { inviteMember, revokeInvitation } from '~/services/organisations/invitations.server';
import { decideJoin } from '~/services/organisations/join-by-siret.server';
import {
  changeMemberRole,
  leaveOrganisation,
  removeMember,
  transferOwnership,
} from '~/services/organisations/members.server';
import { organisationMembers, organisationOverview } from '~/services/organisations/views.server';

// The members of an organisation (issue 6, decisions 120–122). Everyone allowed to view it sees the members;
// owners also invite, revoke invitations, change roles, remove members, decide join requests and transfer the
// ownership (with their password); any member leaves. Each form posts its own `intent`, and each intent asks
// its own permission (members.manage, or leave) before the service checks the data (last owner…).

type Intent = 'invite' | 'revoke-invitation' | 'change-role' | 'remove' | 'decide-join' | 'transfer' | 'leave';

const INTENT_PERMISSION: Record<Intent, OrganisationPermissionAction> = {
  invite: 'organisation.members.manage',
  'revoke-invitation': 'organisation.members.manage',
  'change-role': 'organisation.members.manage',
  remove: 'organisation.members.manage',
  'decide-join': 'organisation.members.manage',
  transfer: 'organisation.members.manage',
  leave: 'organisation.leave',
};

function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && Object.hasOwn(INTENT_PERMISSION, value);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const { user, actor, setCookie } = await authorize({ request, context }, ctx, {
    action: 'organisation.view',
    organisationId,
  });
  const organisation = await organisationOverview(ctx.database.db, organisationId);
  if (!organisation) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const role = actor.memberships.get(organisationId) ?? null;
  const view = await organisationMembers(ctx.database.db, organisationId, { userId: user.id, role });
  return data(
    { organisation: { id: organisation.id, name: organisation.name }, role, ...view },
    {
      headers: privateHeaders(setCookie),
    },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const organisationId = idParam(params.orgId);
  const ctx = await getAppContext();
  const formData = await request.formData();
  const intent = formData.get('intent');
  const permission = isIntent(intent) ? INTENT_PERMISSION[intent] : 'organisation.members.manage';
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: permission, organisationId });
  const headers = privateHeaders(setCookie);
  if (!isIntent(intent)) throw data(null, { status: 400, headers });
  const db = ctx.database.db;
  const actor = { userId: user.id, email: user.email };
  const origin = siteOrigin(request);
  const form = Object.fromEntries(formData);
  const targetOf = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : null);

  const answer = (
    ok: boolean,
    message: string | null,
    extra: { targetId?: string | null; result?: unknown; init?: ResponseInit } = {},
  ) =>
    data(
      {
        intent,
        ok,
        message,
        targetId: extra.targetId ?? null,
        result: (extra.result ?? null) as ReturnType<typeof replyWithIssues> | null,
      },
      {
        status: ok ? 200 : 400,
        ...extra.init,
        headers: { ...headers, ...(extra.init?.headers as Record<string, string>) },
      },
    );

  switch (intent) {
    case 'invite': {
      const submission = parseWithZod(formData, { schema: invitationSchema, disableAutoCoercion: true });
      const done = await inviteMember(db, { actor, organisationId, form, origin });
      if (done.ok)
        return answer(true, `Invitation envoyée à ${done.value.email}.`, {
          result: submission.reply({ resetForm: true }),
        });
      const { result, init } = replyToRefusal(submission, done.error, ['email', 'role']);
      return answer(false, null, { result, init });
    }
    case 'transfer': {
      const submission = parseWithZod(formData, { schema: transferSchema, disableAutoCoercion: true });
      const done = await transferOwnership(db, { actor, organisationId, form, origin });
      if (done.ok)
        return answer(true, `${done.value.newOwnerEmail} est désormais propriétaire ; vous restez éditeur.`, {
          result: submission.reply({ resetForm: true }),
        });
      return answer(false, null, {
        result: replyWithIssues(submission, done.error.issues, ['newOwnerUserId', 'password']),
      });
    }
    case 'leave': {
      const done = await leaveOrganisation(db, { actor, organisationId });
      if (done.ok) throw redirect('/organisations?quitte=1', { headers });
      return answer(false, done.error.issues[0].message, { targetId: 'leave' });
    }
    case 'revoke-invitation': {
      const done = await revokeInvitation(db, { actor, organisationId, invitationId: form.invitationId });
      return done.ok
        ? answer(true, `L’invitation de ${done.value.email} a été annulée.`)
        : answer(false, done.error.issues[0].message, { targetId: targetOf('invitationId') });
    }
    case 'change-role': {
      const done = await changeMemberRole(db, { actor, organisationId, form });
      if (!done.ok) return answer(false, done.error.issues[0].message, { targetId: targetOf('userId') });
      // Someone who gave up their own ownership can no longer manage the members: back to the page as it is now.
      return answer(true, 'Le rôle a été changé.');
    }
    case 'remove': {
      const done = await removeMember(db, { actor, organisationId, form, origin });
      return done.ok
        ? answer(true, `${done.value.email} a été retiré de l’organisation.`)
        : answer(false, done.error.issues[0].message, { targetId: targetOf('userId') });
    }
    case 'decide-join': {
      const done = await decideJoin(db, { actor, organisationId, form, origin });
      if (done.ok)
        return answer(
          true,
          done.value.approved
            ? `${done.value.email} est désormais éditeur de l’organisation.`
            : `La demande de ${done.value.email} a été refusée.`,
        );
      return answer(false, done.error.issues[0].message, { targetId: targetOf('requestId') });
    }
  }
}

export const headers = pageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Membres — ${loaded.organisation.name} — Maillage` : 'Membres — Maillage' },
];

const ROLE_OPTIONS = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_ROLE_LABELS[r] }));

// Remounted on every navigation but the answer to a refused form (useFormKey): a refused invitation followed by a
// successful one leaves no stale message.
export default function MembersPageRoute() {
  const answer = useActionData<typeof action>();
  return <MembersPage key={useFormKey(answer?.ok === false)} />;
}

function MembersPage() {
  const { organisation, role, members, invitations, joinRequests } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const owner = role === 'owner';
  const [inviteForm, inviteFields] = useForm<{ email: string; role: string }>({
    id: 'invite',
    lastResult: answer?.intent === 'invite' ? (answer.result ?? undefined) : undefined,
    shouldValidate: 'onSubmit',
  });
  const [transferForm, transferFields] = useForm<{ newOwnerUserId: string; password: string }>({
    id: 'transfer',
    lastResult: answer?.intent === 'transfer' ? (answer.result ?? undefined) : undefined,
    shouldValidate: 'onSubmit',
  });
  const others = members.filter((m) => !m.you);
  return (
    <div className="container page">
      <p>
        <Link to={`/organisations/${organisation.id}`}>Retour à {organisation.name}</Link>
      </p>
      <h1>Membres de {organisation.name}</h1>
      {answer?.message ? (
        <div className={answer.ok ? 'notice' : 'alert'} role={answer.ok ? 'status' : 'alert'}>
          <p>{answer.message}</p>
        </div>
      ) : null}
      <h2>Membres</h2>
      <p>
        Les propriétaires gèrent tout, membres compris ; les éditeurs modifient la fiche et la charte. Une organisation
        garde toujours au moins un propriétaire.
      </p>
      <MemberList members={members} manage={owner} answer={answer} />
      {owner ? (
        <>
          <h2>Demandes pour rejoindre l’organisation</h2>
          {joinRequests.length === 0 ? (
            <p>Aucune demande en attente.</p>
          ) : (
            <JoinRequestList
              requests={joinRequests}
              answer={answer}
              intent="decide-join"
              approveLabel="Accepter comme éditeur"
              noteLabel="Note pour la personne (facultative)"
            />
          )}
          <h2>Invitations</h2>
          <InvitationList invitations={invitations} answer={answer} />
          <h3>Inviter une personne</h3>
          <ErrorSummary
            submissionKey={answer?.intent === 'invite' ? answer : undefined}
            items={[
              { fieldId: null, label: null, messages: inviteForm.errors ?? [] },
              { fieldId: inviteFields.email.id, label: 'Adresse e-mail', messages: inviteFields.email.errors ?? [] },
              { fieldId: inviteFields.role.id, label: 'Rôle', messages: inviteFields.role.errors ?? [] },
            ]}
          />
          <Form method="post" className="form" {...getFormProps(inviteForm)}>
            <input type="hidden" name="intent" value="invite" />
            <TextField
              meta={inviteFields.email}
              label="Adresse e-mail"
              type="email"
              autoComplete="off"
              hint="Un lien valable 14 jours y sera envoyé ; la personne l’accepte connectée avec cette adresse."
            />
            <SelectField
              meta={inviteFields.role}
              label="Rôle"
              options={ROLE_OPTIONS}
              emptyLabel="Choisissez un rôle"
              required
            />
            <SubmitButton>Envoyer l’invitation</SubmitButton>
          </Form>
          {others.length > 0 ? (
            <>
              <h2>Transférer la propriété</h2>
              <p>Le membre choisi devient propriétaire ; vous devenez éditeur. Confirmez avec votre mot de passe.</p>
              <ErrorSummary
                submissionKey={answer?.intent === 'transfer' ? answer : undefined}
                items={[
                  { fieldId: null, label: null, messages: transferForm.errors ?? [] },
                  {
                    fieldId: transferFields.newOwnerUserId.id,
                    label: 'Nouveau propriétaire',
                    messages: transferFields.newOwnerUserId.errors ?? [],
                  },
                  {
                    fieldId: transferFields.password.id,
                    label: 'Mot de passe actuel',
                    messages: transferFields.password.errors ?? [],
                  },
                ]}
              />
              <Form method="post" className="form" {...getFormProps(transferForm)}>
                <input type="hidden" name="intent" value="transfer" />
                <SelectField
                  meta={transferFields.newOwnerUserId}
                  label="Nouveau propriétaire"
                  options={others.map((m) => ({ value: String(m.userId), label: m.email }))}
                  emptyLabel="Choisissez un membre"
                  required
                />
                <TextField
                  meta={transferFields.password}
                  label="Mot de passe actuel"
                  type="password"
                  autoComplete="current-password"
                />
                <SubmitButton>Transférer la propriété</SubmitButton>
              </Form>
            </>
          ) : null}
        </>
      ) : null}
      {role ? (
        <>
          <h2>Quitter l’organisation</h2>
          {answer && !answer.ok && answer.intent === 'leave' ? (
            <ul id="leave-errors" className="field__errors">
              <li>{answer.message}</li>
            </ul>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="leave" />
            <button type="submit" className="button button--secondary">
              Quitter {organisation.name}
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
