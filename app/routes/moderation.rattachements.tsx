import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatSiret } from '~/components/format';
import { JoinRequestList } from '~/components/organisation-members';
import { PUBLICATION_STATUS_TEXT } from '~/components/organisation-status';
import type { PublicationStatus } from '~/domain/supplier';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { siteOrigin } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { decideClaim } from '~/services/organisations/join-by-siret.server';
import { claimsQueue } from '~/services/organisations/views.server';

// The moderators' queue of claims (issue 6, decision 121): people asking to manage a catalogue supplier that
// nobody manages yet. The moderator checks the link (the person's message, their address's domain, the
// public sheet) and accepts (the person becomes owner) or refuses with a note; the person is mailed and the
// decision is audited. Permission moderation.claims.decide.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.claims.decide' });
  return data({ claims: await claimsQueue(ctx.database.db) }, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'moderation.claims.decide' });
  const form = Object.fromEntries(await request.formData());
  const done = await decideClaim(ctx.database.db, {
    actor: { userId: user.id, email: user.email },
    form,
    origin: siteOrigin(request),
  });
  const headers = privateHeaders(setCookie);
  const targetId = typeof form.requestId === 'string' ? form.requestId : null;
  if (done.ok)
    return data(
      {
        intent: 'decide-claim',
        ok: true,
        targetId,
        message: done.value.approved
          ? `Rattachement accepté : ${done.value.email} est propriétaire de l’organisation.`
          : `Rattachement refusé ; ${done.value.email} en est informé.`,
      },
      { headers },
    );
  return data(
    { intent: 'decide-claim', ok: false, targetId, message: done.error.issues[0].message },
    { status: 400, headers },
  );
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Demandes de rattachement — Modération — Maillage' }];

export default function ClaimsQueuePage() {
  const { claims } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <p>
        <Link to="/moderation">Retour à la modération</Link>
      </p>
      <h1>Demandes de rattachement</h1>
      <p>
        Des personnes demandent à gérer la fiche d’un fournisseur du catalogue que personne ne gère encore. Vérifiez
        leur lien avec la structure avant d’accepter : la personne en deviendra propriétaire. Un refus doit être motivé
        ; la note est envoyée à la personne.
      </p>
      {answer?.message ? (
        <div className={answer.ok ? 'notice' : 'alert'} role={answer.ok ? 'status' : 'alert'}>
          <p>{answer.message}</p>
        </div>
      ) : null}
      {claims.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <JoinRequestList
          requests={claims.map((c) => ({
            ...c,
            details: (
              <dl className="definition-list">
                <dt>Structure</dt>
                <dd>{c.organisationName}</dd>
                {c.supplier ? (
                  <>
                    <dt>SIRET</dt>
                    <dd>{formatSiret(c.supplier.siret)}</dd>
                    <dt>Fiche</dt>
                    <dd>
                      {PUBLICATION_STATUS_TEXT[c.supplier.publicationStatus as PublicationStatus]}
                      {c.supplier.publicationStatus === 'published' ? (
                        <>
                          {' '}
                          (<Link to={`/fournisseurs/${c.supplier.slug}`}>voir la fiche publique</Link>)
                        </>
                      ) : null}
                    </dd>
                  </>
                ) : null}
                <dt>Adresse de la personne</dt>
                <dd>{c.emailVerified ? 'confirmée' : 'non confirmée'}</dd>
              </dl>
            ),
          }))}
          answer={answer}
          intent="decide-claim"
          headingLevel={2}
          approveLabel="Accepter le rattachement"
          noteLabel="Note (obligatoire pour un refus, envoyée à la personne)"
        />
      )}
    </div>
  );
}
