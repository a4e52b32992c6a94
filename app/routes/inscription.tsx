import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { Honeypot } from '~/components/form/honeypot';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { HONEYPOT_FIELD, signUpSchema } from '~/domain/auth/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '~/domain/auth/password-rules';
import { signUpMails } from '~/services/auth/account-mail.server';
import { signUp } from '~/services/auth/accounts.server';
import { getCurrentUser, requestClient, siteOrigin } from '~/services/auth/current-user.server';
import { replyToRefusal } from '~/services/auth/form-reply.server';
import { getAppContext } from '~/services/context.server';

// Sign-up (issue 6): `email` and `password`, plus the `website` honeypot. Both outcomes (new account, known
// address) answer the same « vérifiez votre messagerie », and each sends its own mail.

const FIELDS = ['email', 'password'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { current } = await getCurrentUser({ request, context }, await getAppContext());
  if (current) throw redirect('/compte');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signUpSchema, disableAutoCoercion: true });
  const now = new Date();
  const outcome = await signUp(
    ctx.database.db,
    Object.fromEntries(formData),
    requestClient(request, context),
    now,
    signUpMails(siteOrigin(request), now),
  );
  if (outcome.ok) return data({ sent: true as const, result: null });
  const { result, init } = replyToRefusal(submission, outcome.error, FIELDS);
  return data({ sent: false as const, result }, init);
}

export const meta: MetaFunction = () => [{ title: 'Créer un compte — Maillage' }];

export default function SignUpPage() {
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ email: string; password: string }>({
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  if (answer?.sent)
    return (
      <div className="container page">
        <h1>Vérifiez votre messagerie</h1>
        <div className="notice" role="status">
          <p>
            Un message vient d’être envoyé à l’adresse indiquée. Ouvrez le lien qu’il contient pour confirmer votre
            adresse, puis <Link to="/connexion">connectez-vous</Link>.
          </p>
        </div>
      </div>
    );
  return (
    <div className="container page">
      <h1>Créer un compte</h1>
      <p>Tous les champs sont obligatoires.</p>
      <ErrorSummary
        submissionKey={answer}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.email.id, label: 'Adresse e-mail', messages: fields.email.errors ?? [] },
          { fieldId: fields.password.id, label: 'Mot de passe', messages: fields.password.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <TextField
          meta={fields.email}
          label="Adresse e-mail"
          type="email"
          autoComplete="email"
          hint="Par exemple : nom@exemple.fr"
        />
        <TextField
          meta={fields.password}
          label="Mot de passe"
          type="password"
          autoComplete="new-password"
          hint={`De ${PASSWORD_MIN_LENGTH} à ${PASSWORD_MAX_LENGTH} caractères, différent de votre adresse e-mail et pas l’un des mots de passe les plus courants. Une phrase de plusieurs mots fait un bon mot de passe.`}
        />
        <Honeypot name={HONEYPOT_FIELD} />
        <SubmitButton>Créer mon compte</SubmitButton>
      </Form>
      <p>
        Vous avez déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}
