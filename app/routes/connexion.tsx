import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { Honeypot } from '~/components/form/honeypot';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { HONEYPOT_FIELD, logInSchema } from '~/domain/auth/forms';
import { logIn } from '~/services/auth/accounts.server';
import { getCurrentUser, requestClient, safeRedirectPath } from '~/services/auth/current-user.server';
import { replyToRefusal } from '~/services/auth/form-reply.server';
import { serializeSessionCookie } from '~/services/auth/session-cookie.server';
import { getAppContext } from '~/services/context.server';

// Log-in (issue 6): `email` and `password`, `redirectTo` hidden (a same-site path, else /compte). Wrong
// credentials give one message that never says whether the address has an account.

const FIELDS = ['email', 'password'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { current } = await getCurrentUser({ request, context }, await getAppContext());
  if (current) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get('redirectTo')) ?? '/compte');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: logInSchema, disableAutoCoercion: true });
  const now = new Date();
  const outcome = await logIn(ctx.database.db, Object.fromEntries(formData), requestClient(request, context), now);
  if (outcome.ok) {
    const target = safeRedirectPath(formData.get('redirectTo')) ?? '/compte';
    throw redirect(target, {
      headers: { 'Set-Cookie': serializeSessionCookie(outcome.value.token, outcome.value.session.expiresAt, now) },
    });
  }
  const { result, init } = replyToRefusal(submission, outcome.error, FIELDS);
  return data(result, init);
}

export const meta: MetaFunction = () => [{ title: 'Se connecter — Maillage' }];

export default function LogInPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = safeClientPath(searchParams.get('redirectTo'));
  const [form, fields] = useForm<{ email: string; password: string }>({ lastResult, shouldValidate: 'onSubmit' });
  return (
    <div className="container page">
      <h1>Se connecter</h1>
      {searchParams.get('motDePasse') === 'reinitialise' ? (
        <div className="notice" role="status">
          <p>Votre mot de passe a été changé et toutes vos sessions ont été fermées. Connectez-vous avec le nouveau.</p>
        </div>
      ) : null}
      <p>Tous les champs sont obligatoires.</p>
      <ErrorSummary
        submissionKey={lastResult}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.email.id, label: 'Adresse e-mail', messages: fields.email.errors ?? [] },
          { fieldId: fields.password.id, label: 'Mot de passe', messages: fields.password.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <TextField meta={fields.email} label="Adresse e-mail" type="email" autoComplete="username" />
        <TextField meta={fields.password} label="Mot de passe" type="password" autoComplete="current-password" />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Honeypot name={HONEYPOT_FIELD} />
        <SubmitButton>Se connecter</SubmitButton>
      </Form>
      <p>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
    </div>
  );
}

/** The hidden field only carries a path of this site; the server checks it again. */
function safeClientPath(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : null;
}
