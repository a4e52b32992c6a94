import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { SubmitButton } from '~/components/form/submit-button';
import { enqueueVerifyEmailMail } from '~/services/auth/account-mail.server';
import { resendEmailVerification } from '~/services/auth/accounts.server';
import { requireUser, siteOrigin } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { privateHeaders } from '~/services/auth/authorize.server';

// The account page (issue 6), private: the address, whether it is confirmed (with « renvoyer le lien »), and
// the log-out button. Never cached (Cache-Control: no-store).

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, setCookie } = await requireUser({ request, context }, await getAppContext());
  return data({ email: user.email, emailVerified: user.emailVerified }, { headers: privateHeaders(setCookie) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const now = new Date();
  const origin = siteOrigin(request);
  const resent = await resendEmailVerification(ctx.database.db, user.id, now, (trx, issued) =>
    enqueueVerifyEmailMail(trx, { ...issued, origin }, now),
  );
  return data({ resent: resent !== null }, { headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Mon compte — Maillage' }];

export default function AccountPage() {
  const { email, emailVerified } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <h1>Mon compte</h1>
      {answer?.resent ? (
        <div className="notice" role="status">
          <p>Un nouveau lien de confirmation a été envoyé à {email}.</p>
        </div>
      ) : null}
      <dl>
        <dt>Adresse e-mail</dt>
        <dd>{email}</dd>
        <dt>Confirmation de l’adresse</dt>
        <dd>{emailVerified ? 'Adresse confirmée' : 'Adresse non confirmée'}</dd>
      </dl>
      {emailVerified ? null : (
        <Form method="post">
          <p>Vous n’avez pas reçu le lien de confirmation, ou il a expiré ?</p>
          <SubmitButton>Renvoyer le lien de confirmation</SubmitButton>
        </Form>
      )}
      <p>
        <Link to="/compte/sessions">Voir les sessions actives</Link>
      </p>
      <p>
        <Link to="/compte/mot-de-passe">Changer de mot de passe</Link>
      </p>
      <p>
        <Link to="/compte/adresse">Changer d’adresse e-mail</Link>
      </p>
      <p>
        <Link to="/compte/supprimer">Supprimer mon compte</Link>
      </p>
      <Form method="post" action="/deconnexion">
        <SubmitButton>Se déconnecter</SubmitButton>
      </Form>
    </div>
  );
}
