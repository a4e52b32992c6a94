import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { changePasswordSchema } from '~/domain/auth/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '~/domain/auth/password-rules';
import { changePassword } from '~/services/auth/accounts.server';
import { requestClient, requireUser } from '~/services/auth/current-user.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { serializeSessionCookie } from '~/services/auth/session-cookie.server';
import { getAppContext } from '~/services/context.server';
import { privateHeaders } from '~/services/auth/authorize.server';

// « Changer de mot de passe » (issue 6), private and never cached: the current password, then the new one.
// On success every session of the account is revoked and this browser gets the fresh session the service
// returns (its cookie is replaced), so a stolen cookie stops working.

const FIELDS = ['currentPassword', 'newPassword'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { setCookie } = await requireUser({ request, context }, await getAppContext());
  return data(null, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: changePasswordSchema, disableAutoCoercion: true });
  const now = new Date();
  const outcome = await changePassword(
    ctx.database.db,
    { userId: user.id, currentPassword: formData.get('currentPassword'), newPassword: formData.get('newPassword') },
    requestClient(request, context),
    now,
  );
  if (outcome.ok)
    return data(
      { changed: true as const, result: null },
      { headers: privateHeaders(serializeSessionCookie(outcome.value.token, outcome.value.session.expiresAt, now)) },
    );
  return data(
    { changed: false as const, result: replyWithIssues(submission, outcome.error, FIELDS) },
    { status: 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Changer de mot de passe — Mon compte — Maillage' }];

export default function ChangePasswordPage() {
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ currentPassword: string; newPassword: string }>({
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to="/compte">Retour à mon compte</Link>
      </p>
      <h1>Changer de mot de passe</h1>
      {answer?.changed ? (
        <div className="notice" role="status">
          <p>Votre mot de passe a été changé. Vos autres sessions ont été fermées ; celle-ci reste ouverte.</p>
        </div>
      ) : (
        <>
          <p>Tous les champs sont obligatoires. Une fois le mot de passe changé, vos autres sessions sont fermées.</p>
          <ErrorSummary
            submissionKey={answer}
            items={[
              { fieldId: null, label: null, messages: form.errors ?? [] },
              {
                fieldId: fields.currentPassword.id,
                label: 'Mot de passe actuel',
                messages: fields.currentPassword.errors ?? [],
              },
              {
                fieldId: fields.newPassword.id,
                label: 'Nouveau mot de passe',
                messages: fields.newPassword.errors ?? [],
              },
            ]}
          />
          <Form method="post" className="form" {...getFormProps(form)}>
            <TextField
              meta={fields.currentPassword}
              label="Mot de passe actuel"
              type="password"
              autoComplete="current-password"
            />
            <TextField
              meta={fields.newPassword}
              label="Nouveau mot de passe"
              type="password"
              autoComplete="new-password"
              hint={`De ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères, différent de votre adresse e-mail et pas l’un des mots de passe les plus courants. Une phrase de plusieurs mots fait un bon mot de passe.`}
            />
            <SubmitButton>Changer le mot de passe</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
