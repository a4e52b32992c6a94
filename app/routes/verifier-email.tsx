import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { tokenPageHeaders } from '~/services/auth/authorize.server';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { SubmitButton } from '~/components/form/submit-button';
import { verifyEmail } from '~/services/auth/accounts.server';
import { getCurrentUser } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';

// The link of the verification mail (issue 6). GET only shows a button: mail scanners follow links, so the
// address is verified by the POST the person sends. The token travels in the URL and in a hidden field;
// the page is not cached and sends no Referer with the token.

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return data({ token }, { headers: tokenPageHeaders() });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const formData = await request.formData();
  const outcome = await verifyEmail(ctx.database.db, formData.get('token'));
  const { current } = await getCurrentUser({ request }, ctx);
  const headers = tokenPageHeaders();
  if (outcome.ok) return data({ verified: true as const, signedIn: current !== null, message: null }, { headers });
  return data(
    { verified: false as const, signedIn: current !== null, message: outcome.error.message },
    { status: 400, headers },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Confirmer votre adresse e-mail — Maillage' }];

export default function VerifyEmailPage() {
  const { token } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (answer?.verified)
    return (
      <div className="container page">
        <h1>Adresse e-mail confirmée</h1>
        <div className="notice" role="status">
          <p>Merci : l’adresse de votre compte est confirmée.</p>
        </div>
        <p>
          {answer.signedIn ? <Link to="/compte">Aller à mon compte</Link> : <Link to="/connexion">Se connecter</Link>}
        </p>
      </div>
    );
  return (
    <div className="container page">
      <h1>Confirmer votre adresse e-mail</h1>
      {answer?.message ? (
        <div className="alert" role="alert">
          <p>{answer.message}</p>
          <p>
            {answer.signedIn ? (
              <>
                Un nouveau lien se demande depuis <Link to="/compte">votre compte</Link>.
              </>
            ) : (
              <>
                <Link to="/connexion">Connectez-vous</Link> pour en demander un nouveau depuis votre compte.
              </>
            )}
          </p>
        </div>
      ) : token === '' ? (
        <div className="alert" role="alert">
          <p>Ce lien est incomplet : ouvrez le lien du message tel qu’il a été reçu.</p>
        </div>
      ) : null}
      {token !== '' && !answer ? (
        <Form method="post">
          <p>Pour confirmer l’adresse de votre compte Maillage, validez ci-dessous.</p>
          <input type="hidden" name="token" value={token} />
          <SubmitButton>Confirmer mon adresse</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
