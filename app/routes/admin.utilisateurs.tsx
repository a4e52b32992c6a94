import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { SITE_ROLES } from '~/domain/auth/account';
import { SITE_ROLE_LABELS, SITE_ROLE_REASON_MAX, SITE_ROLE_REASON_MIN } from '~/domain/auth/site-roles';
import { changeSiteRole, findUsersForAdmin } from '~/services/admin/site-roles.server';
import { authorize, privateHeaders } from '~/services/auth/authorize.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';

// « Rôles des utilisateurs » (issue 6, docs/decisions/124-site-roles-page.md): admins only
// (admin.users.manage). Without a search, the moderators and admins; with `?q=`, the accounts whose address
// contains it. Each account has a small form: the role and the reason, kept in the audit log.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'admin.users.manage' });
  const search = await findUsersForAdmin(ctx.database.db, new URL(request.url).searchParams.get('q'));
  return data({ search, selfId: user.id }, { headers: privateHeaders(setCookie) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'admin.users.manage' });
  const form = Object.fromEntries(await request.formData());
  const done = await changeSiteRole(ctx.database.db, { actor: { userId: user.id, email: user.email }, form });
  const headers = privateHeaders(setCookie);
  const targetId = typeof form.userId === 'string' ? form.userId : null;
  if (done.ok)
    return data({ ok: true, targetId, messages: [`Le rôle de ${done.value.email} a été changé.`] }, { headers });
  return data({ ok: false, targetId, messages: done.error.map((i) => i.message) }, { status: 400, headers });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Rôles des utilisateurs — Administration — Maillage' }];

const ROLE_OPTIONS = [
  { value: 'none', label: SITE_ROLE_LABELS.none },
  ...SITE_ROLES.map((r) => ({ value: r, label: SITE_ROLE_LABELS[r] })),
];

export default function SiteRolesPage() {
  const { search, selfId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="container page">
      <p>
        <Link to="/moderation">Retour à la modération</Link>
      </p>
      <h1>Rôles des utilisateurs</h1>
      <p>
        Les modérateurs vérifient les chartes, décident des rattachements et suspendent les fournisseurs ; les
        administrateurs font de même et donnent ces rôles. Chaque changement est gardé au{' '}
        <Link to="/moderation/journal?action=user.site-role-changed">journal des décisions</Link> avec sa raison.
      </p>
      {answer ? (
        <div className={answer.ok ? 'notice' : 'alert'} role={answer.ok ? 'status' : 'alert'}>
          <ul>
            {answer.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="get" role="search" className="field">
        <label htmlFor="q">Rechercher un compte par son adresse e-mail</label>
        <input id="q" name="q" type="search" defaultValue={search.query ?? ''} className="field__input" />
        <button type="submit" className="button">
          Rechercher
        </button>
      </Form>
      {search.problem ? (
        <p className="alert" role="alert">
          {search.problem}
        </p>
      ) : null}
      <h2>{search.query === null ? 'Modérateurs et administrateurs' : `Comptes contenant « ${search.query} »`}</h2>
      {search.users.length === 0 ? (
        <p>Aucun compte.</p>
      ) : (
        <ul className="user-roles">
          {search.users.map((u) => (
            <li key={u.id}>
              <h3>{u.email}</h3>
              <p>
                {SITE_ROLE_LABELS[u.siteRole ?? 'none']} · adresse {u.emailVerified ? 'confirmée' : 'non confirmée'}
              </p>
              {u.id === selfId ? (
                <p>C’est votre compte : un autre administrateur peut changer votre rôle.</p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="userId" value={u.id} />
                  <div className="field">
                    <label htmlFor={`role-${u.id}`}>Rôle de {u.email}</label>
                    <select
                      id={`role-${u.id}`}
                      name="role"
                      defaultValue={u.siteRole ?? 'none'}
                      className="field__input"
                    >
                      {ROLE_OPTIONS.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`reason-${u.id}`}>Raison du changement (obligatoire)</label>
                    <div id={`reason-${u.id}-hint`} className="field__hint">
                      De {SITE_ROLE_REASON_MIN} à {SITE_ROLE_REASON_MAX} caractères, gardée au journal.
                    </div>
                    <textarea
                      id={`reason-${u.id}`}
                      name="reason"
                      rows={2}
                      maxLength={SITE_ROLE_REASON_MAX}
                      required
                      aria-describedby={`reason-${u.id}-hint`}
                      aria-invalid={answer && !answer.ok && answer.targetId === String(u.id) ? true : undefined}
                      className="field__input"
                    />
                  </div>
                  <button type="submit" className="button">
                    Changer le rôle<span className="visually-hidden"> de {u.email}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
