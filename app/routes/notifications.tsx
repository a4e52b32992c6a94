import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { formatDateTime } from '~/components/format';
import { Pagination } from '~/components/pagination';
import { privateHeaders } from '~/services/auth/authorize.server';
import { requireUser, safeRedirectPath } from '~/services/auth/current-user.server';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { getInbox, markRead, parseInboxAction, parsePage } from '~/services/notifications/inbox.server';

// /notifications: the signed-in person's in-site notifications, those of every organisation they belong to,
// newest first, 20 a page, each with « marquer comme lue », and « tout marquer comme lu » (decision 253). Any
// signed-in person (their own notifications only); anonymous visitors go to the log-in page. Never cached.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request, context }, ctx);
  const url = new URL(request.url);
  const inbox = await getInbox(ctx.database.db, user.id, parsePage(url.searchParams.get('page')));
  const done = url.searchParams.get('fait');
  return data(
    { ...inbox, done: done === 'lue' || done === 'toutes' ? done : null },
    { headers: privateHeaders(setCookie) },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await getAppContext();
  const { user, setCookie } = await requireUser({ request }, ctx);
  const formData = await request.formData();
  const parsed = parseInboxAction(Object.fromEntries(formData));
  if (!parsed)
    return data(
      { message: 'Cette demande n’est pas comprise : choisissez une notification à marquer comme lue.' },
      { status: 400, headers: privateHeaders(setCookie) },
    );
  await markRead(ctx.database.db, user.id, parsed);
  const back = safeRedirectPath(formData.get('back'));
  const page = back && back.startsWith('/notifications') ? new URL(back, 'http://x').searchParams.get('page') : null;
  const query = new URLSearchParams({ ...(page ? { page } : {}), fait: parsed.intent === 'read' ? 'lue' : 'toutes' });
  throw redirect(`/notifications?${query}`, { headers: privateHeaders(setCookie) });
}

export const headers = pageHeaders;

export const meta: MetaFunction = () => [{ title: 'Notifications — Maillage' }];

export default function NotificationsPage() {
  const { notifications, page, lastPage, total, unread, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const back = `/notifications?page=${page}`;
  return (
    <div className="container page">
      <h1>Notifications</h1>
      {answer ? (
        <div className="alert" role="alert">
          <p>{answer.message}</p>
        </div>
      ) : null}
      {done ? (
        <div className="notice" role="status">
          <p>{done === 'lue' ? 'La notification est marquée comme lue.' : 'Toutes vos notifications sont lues.'}</p>
        </div>
      ) : null}
      <p>
        {total === 0
          ? 'Vous n’avez aucune notification.'
          : `${total} notification${total > 1 ? 's' : ''}, dont ${unread} non lue${unread > 1 ? 's' : ''}.`}
      </p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <input type="hidden" name="back" value={back} />
          <button type="submit" className="button">
            Tout marquer comme lu
          </button>
        </Form>
      ) : null}
      {notifications.length > 0 ? (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification notification--unread'}>
              <p>
                {n.readAt ? null : <strong>Non lue — </strong>}
                {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
              </p>
              {n.body ? <p>{n.body}</p> : null}
              <p>
                <small>
                  {n.organisationName}, le {formatDateTime(new Date(n.createdAt))}
                </small>
              </p>
              {n.readAt ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="notificationId" value={n.id} />
                  <input type="hidden" name="back" value={back} />
                  <button type="submit" className="link-button">
                    Marquer comme lue<span className="visually-hidden"> : {n.title}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <Pagination page={page} lastPage={lastPage} hrefFor={(p) => `/notifications?page=${p}`} />
    </div>
  );
}
