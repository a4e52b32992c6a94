import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { Honeypot } from '~/components/form/honeypot';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { HONEYPOT_FIELD, passwordResetRequestSchema } from '~/domain/auth/forms';
import { passwordResetMails } from '~/services/auth/account-mail.server';
import { requestClient, siteOrigin } from '~/services/auth/current-user.server';
import { replyToRefusal } from '~/services/auth/form-reply.server';
import { requestPasswordReset } from '~/services/auth/password-reset.server';
import { getAppContext } from '~/services/context.server';

// « Mot de passe oublié » (issue 6): field `email`, plus the `website` honeypot. Whether the address has an
// account or not, the page answers the same « si un compte existe… »; the reset mail (a single-use link valid
// one hour) is enqueued in the request's transaction only when there is an account.

const FIELDS = ['email'] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: passwordResetRequestSchema, disableAutoCoercion: true });
  const now = new Date();
  const outcome = await requestPasswordReset(
    ctx.database.db,
    Object.fromEntries(formData),
    requestClient(request, context),
    now,
    passwordResetMails(siteOrigin(request), now),
  );
  if (outcome.ok) return data({ sent: true as const, result: null });
  const { result, init } = replyToRefusal(submission, outcome.error, FIELDS);
  return data({ sent: false as const, result }, init);
}

export const meta: MetaFunction = () => [{ title: 'Mot de passe oublié — Maillage' }];

export default function ForgottenPasswordPage() {
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ email: string }>({
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  if (answer?.sent)
    return (
      <div className="container page">
        <h1>Vérifiez votre messagerie</h1>
        <div className="notice" role="status">
          <p>
            Si un compte existe pour cette adresse, un message vient de lui être envoyé : vérifiez votre messagerie. Le
            lien qu’il contient est valable une heure et ne sert qu’une fois.
          </p>
        </div>
        <p>
          <Link to="/connexion">Retour à la connexion</Link>
        </p>
      </div>
    );
  return (
    <div className="container page">
      <h1>Mot de passe oublié</h1>
      <p>
        Indiquez l’adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe. Le champ
        est obligatoire.
      </p>
      <ErrorSummary
        submissionKey={answer}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.email.id, label: 'Adresse e-mail', messages: fields.email.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <TextField
          meta={fields.email}
          label="Adresse e-mail"
          type="email"
          autoComplete="username"
          hint="Par exemple : nom@exemple.fr"
        />
        <Honeypot name={HONEYPOT_FIELD} />
        <SubmitButton>Recevoir le lien</SubmitButton>
      </Form>
      <p>
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </div>
  );
}
