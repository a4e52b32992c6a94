import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { ErrorSummary } from '~/components/form/error-summary';
import { FieldErrors } from '~/components/form/field-errors';
import { SubmitButton } from '~/components/form/submit-button';
import { TextField } from '~/components/form/text-field';
import { deleteAccountSchema } from '~/domain/auth/forms';
import { deleteAccount } from '~/services/auth/accounts.server';
import { requireUser } from '~/services/auth/current-user.server';
import { replyWithIssues } from '~/services/auth/form-reply.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { serializeBlankSessionCookie } from '~/services/auth/session-cookie.server';
import { getAppContext } from '~/services/context.server';
import { privateHeaders } from '~/services/auth/authorize.server';

// « Supprimer mon compte » (issue 6), private and never cached: the current password and a box to tick. The
// account, its sessions and its links are deleted; the browser's cookie is blanked and the person goes home,
// where a message says the account is gone.

const FIELDS = ['password', 'confirm'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { setCookie } = await requireUser({ request, context }, await getAppContext());
  return data(null, { headers: privateHeaders(setCookie) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: deleteAccountSchema, disableAutoCoercion: true });
  const outcome = await deleteAccount(ctx.database.db, {
    userId: user.id,
    password: formData.get('password'),
    confirm: formData.get('confirm'),
  });
  if (outcome.ok) throw redirect('/?compte=supprime', { headers: privateHeaders(serializeBlankSessionCookie()) });
  return data(replyWithIssues(submission, outcome.error, FIELDS), { status: 400, headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Supprimer mon compte — Mon compte — Maillage' }];

export default function DeleteAccountPage() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<{ password: string; confirm: string }>({ lastResult, shouldValidate: 'onSubmit' });
  const confirmErrorsId = `${fields.confirm.id}-errors`;
  const { key, ...confirmProps } = getInputProps(fields.confirm, {
    type: 'checkbox',
    value: 'on',
    ariaDescribedBy: fields.confirm.errors?.length ? confirmErrorsId : undefined,
  });
  return (
    <div className="container page">
      <p>
        <Link to="/compte">Retour à mon compte</Link>
      </p>
      <h1>Supprimer mon compte</h1>
      <p>
        La suppression est définitive : votre compte, ses sessions et ses liens en cours sont effacés. Tous les champs
        sont obligatoires.
      </p>
      <ErrorSummary
        submissionKey={lastResult}
        items={[
          { fieldId: null, label: null, messages: form.errors ?? [] },
          { fieldId: fields.password.id, label: 'Mot de passe actuel', messages: fields.password.errors ?? [] },
          { fieldId: fields.confirm.id, label: 'Confirmation', messages: fields.confirm.errors ?? [] },
        ]}
      />
      <Form method="post" className="form" {...getFormProps(form)}>
        <TextField meta={fields.password} label="Mot de passe actuel" type="password" autoComplete="current-password" />
        <div className="field">
          <FieldErrors id={confirmErrorsId} errors={fields.confirm.errors} />
          <input key={key} {...confirmProps} />{' '}
          <label htmlFor={fields.confirm.id}>
            Je comprends que mon compte sera supprimé définitivement (obligatoire)
          </label>
        </div>
        <SubmitButton>Supprimer définitivement mon compte</SubmitButton>
      </Form>
    </div>
  );
}
