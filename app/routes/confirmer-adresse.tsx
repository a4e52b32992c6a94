import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { tokenPageHeaders } from '~/services/auth/authorize.server';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { SubmitButton } from '~/components/form/submit-button';
import { getCurrentUser } from '~/services/auth/current-user.server';
import { confirmEmailChange } from '~/services/auth/email-change.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';

// The link of the « nouvelle adresse » mail (issue 6). GET only shows a button: mail scanners follow links,
// so the account switches to the new address with the POST the person sends. The token travels in the URL
// and in a hidden field; the page is not cached and sends no Referer with the token.

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return data({ token }, { headers: tokenPageHeaders() });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const formData = await request.formData();
  const outcome = await confirmEmailChange(ctx.database.db, formData.get('token'));
  const { current } = await getCurrentUser({ request }, ctx);
  const signedIn = current !== null;
  if (outcome.ok)
    return data(
      { confirmed: true as const, signedIn, email: outcome.value.email, message: null },
      { headers: tokenPageHeaders() },
    );
  return data(
    { confirmed: false as const, signedIn, email: null, message: outcome.error.message },
    { status: 400, headers: tokenPageHeaders() },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Confirmer votre nouvelle adresse e-mail — Maillage' }];

export default function ConfirmEmailChangePage() {
  const { token } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const accountLink = answer?.signedIn ? (
    <Link to="/compte">Aller à mon compte</Link>
  ) : (
    <Link to="/connexion">Se connecter</Link>
  );
  if (answer?.confirmed)
    return (
      <div className="container page">
        <h1>Nouvelle adresse confirmée</h1>
        <div className="notice" role="status">
          <p>Votre compte utilise désormais l’adresse {answer.email}.</p>
        </div>
        <p>{accountLink}</p>
      </div>
    );
  return (
    <div className="container page">
      <h1>Confirmer votre nouvelle adresse e-mail</h1>
      {answer?.message ? (
        <div className="alert" role="alert">
          <p>{answer.message}</p>
          <p>
            Un nouveau changement d’adresse se demande depuis <Link to="/compte/adresse">votre compte</Link>.
          </p>
        </div>
      ) : token === '' ? (
        <div className="alert" role="alert">
          <p>Ce lien est incomplet : ouvrez le lien du message tel qu’il a été reçu.</p>
        </div>
      ) : null}
      {token !== '' && !answer ? (
        <Form method="post">
          <p>Pour que votre compte Maillage utilise désormais cette adresse, validez ci-dessous.</p>
          <input type="hidden" name="token" value={token} />
          <SubmitButton>Confirmer la nouvelle adresse</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
