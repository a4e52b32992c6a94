import { getFormProps, useForm } from '@conform-to/react';
import { tokenPageHeaders } from '~/services/auth/authorize.server';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { passwordResetSchema } from '~/domain/auth/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '~/domain/auth/password-rules';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { isPasswordResetTokenUsable, resetPassword } from '~/services/auth/password-reset.server';
import { getAppContext } from '~/services/context.server';

// The link of the reset mail (issue 6). GET shows the new-password form while the link is usable, else
// « lien expiré ou déjà utilisé » with a link to ask again. The POST sets the password, spends the link and
// revokes every session of the user, then sends the person to /connexion with a success message (no
// automatic log-in: the person proves the new password once). The token travels in the URL and a hidden
// field; the page is not cached and sends no Referer with the token.

const FIELDS = ['password'] as const;
const RESET_DONE_PATH = '/connexion?motDePasse=reinitialise';

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const usable = token !== '' && (await isPasswordResetTokenUsable(ctx.database.db, token));
  return data({ token, usable }, { headers: tokenPageHeaders() });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: passwordResetSchema, disableAutoCoercion: true });
  const outcome = await resetPassword(ctx.database.db, {
    token: formData.get('token'),
    password: formData.get('password'),
  });
  if (outcome.ok) throw redirect(RESET_DONE_PATH, { headers: tokenPageHeaders() });
  if (outcome.error.kind === 'invalid-token')
    return data({ expired: true as const, result: null }, { status: 400, headers: tokenPageHeaders() });
  return data(
    { expired: false as const, result: replyWithIssues(submission, outcome.error.issues, FIELDS) },
    { status: 400, headers: tokenPageHeaders() },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Choisir un nouveau mot de passe — Maillage' }];

export default function ResetPasswordPage() {
  const { token, usable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ password: string }>({
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  if (!usable || answer?.expired)
    return (
      <div className="container page">
        <h1>Choisir un nouveau mot de passe</h1>
        <div className="alert" role="alert">
          <p>Ce lien a expiré ou a déjà été utilisé : il ne sert qu’une fois, pendant une heure.</p>
        </div>
        <p>
          <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
        </p>
      </div>
    );
  return (
    <div className="container page">
      <h1>Choisir un nouveau mot de passe</h1>
      <p>
        Le champ est obligatoire. Une fois le mot de passe changé, toutes les sessions ouvertes sur votre compte sont
        fermées.
      </p>
      <ErrorSummary
        submissionKey={answer}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.password.id, label: 'Nouveau mot de passe', messages: fields.password.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="token" value={token} />
        <TextField
          meta={fields.password}
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          hint={`De ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères, différent de votre adresse e-mail et pas l’un des mots de passe les plus courants. Une phrase de plusieurs mots fait un bon mot de passe.`}
        />
        <SubmitButton>Enregistrer le mot de passe</SubmitButton>
      </Form>
    </div>
  );
}
