import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { emailChangeSchema } from '~/domain/auth/forms';
import { emailChangeMails } from '~/services/auth/account-mail.server';
import { requireUser, siteOrigin } from '~/services/auth/current-user.server';
import { requestEmailChange } from '~/services/auth/email-change.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { privateHeaders } from '~/services/auth/authorize.server';

// « Changer d’adresse e-mail » (issue 6), private and never cached: the current password and the new address.
// A confirmation link goes to the new address and a notice to the current one, in the request's
// transaction; the account switches only when the link is confirmed (/confirmer-adresse).

const FIELDS = ['password', 'newEmail'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, setCookie } = await requireUser({ request, context }, await getAppContext());
  return data({ email: user.email }, { headers: privateHeaders(setCookie) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: emailChangeSchema, disableAutoCoercion: true });
  const now = new Date();
  const outcome = await requestEmailChange(
    ctx.database.db,
    { userId: user.id, password: formData.get('password'), newEmail: formData.get('newEmail') },
    now,
    emailChangeMails(siteOrigin(request), now),
  );
  if (outcome.ok) return data({ sentTo: outcome.value.newEmail, result: null }, { headers: privateHeaders(setCookie) });
  return data(
    { sentTo: null, result: replyWithIssues(submission, outcome.error, FIELDS) },
    { status: 400, headers: privateHeaders(setCookie) },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Changer d’adresse e-mail — Mon compte — Maillage' }];

export default function ChangeEmailPage() {
  const { email } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm<{ password: string; newEmail: string }>({
    lastResult: answer?.result ?? undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="container page">
      <p>
        <Link to="/compte">Retour à mon compte</Link>
      </p>
      <h1>Changer d’adresse e-mail</h1>
      {answer?.sentTo ? (
        <div className="notice" role="status">
          <p>
            Un lien de confirmation vient d’être envoyé à {answer.sentTo}. Votre compte garde l’adresse {email} jusqu’à
            ce que vous ouvriez ce lien et validiez.
          </p>
        </div>
      ) : (
        <>
          <p>
            Adresse actuelle : {email}. Tous les champs sont obligatoires. La nouvelle adresse ne sera utilisée qu’une
            fois confirmée par le lien que nous lui enverrons.
          </p>
          <ErrorSummary
            submissionKey={answer}
            items={[
              { fieldId: null, label: null, messages: form.errors ?? [] },
              { fieldId: fields.newEmail.id, label: 'Nouvelle adresse e-mail', messages: fields.newEmail.errors ?? [] },
              { fieldId: fields.password.id, label: 'Mot de passe actuel', messages: fields.password.errors ?? [] },
            ]}
          />
          <Form method="post" className="form" {...getFormProps(form)}>
            <TextField
              meta={fields.newEmail}
              label="Nouvelle adresse e-mail"
              type="email"
              autoComplete="email"
              hint="Par exemple : nom@exemple.fr"
            />
            <TextField
              meta={fields.password}
              label="Mot de passe actuel"
              type="password"
              autoComplete="current-password"
            />
            <SubmitButton>Envoyer le lien de confirmation</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
