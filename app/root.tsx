import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { ErrorPage } from '~/components/error-page';
import { useNonce } from '~/components/nonce';
import { SiteFooter } from '~/components/site-footer';
import { SiteHeader } from '~/components/site-header';
import { getCurrentUser } from '~/services/auth/current-user.server';
import { can } from '~/domain/permissions';
import type { SiteRole } from '~/domain/auth/account';
import { pageHeaders } from '~/services/auth/page-headers.server';
import { getAppContext } from '~/services/context.server';
import { unreadCount } from '~/services/notifications/inbox.server';
import stylesHref from '~/styles/app.css';

// Single fetch is on (remix.config.js): loaders' data keeps its types (Date, Map...) through turbo-stream,
// and data() carries a status; this makes useLoaderData<typeof loader>() type it that way.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// The header shows who is signed in: every answer for a signed-in person is personalised, so it is never
// cached (Cache-Control: no-store); anonymous answers keep the pages' own caching (docs/decisions/110-forms.md).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getAppContext();
  const { current, setCookie } = await getCurrentUser({ request, context }, ctx);
  const headers = new Headers();
  if (setCookie) headers.append('Set-Cookie', setCookie);
  if (current) headers.set('Cache-Control', 'no-store');
  // `moderator`: the header links to /moderation (moderators and admins, app/domain/permissions.ts).
  const user = current
    ? {
        email: current.user.email,
        moderator: can(moderatorActor(current.user.siteRole), { action: 'moderation.view' }),
        // « Notifications (n) »: one count over the person's organisations (decision 253).
        unreadNotifications: await unreadCount(ctx.database.db, current.user.id),
      }
    : null;
  return data({ user }, { headers });
}

/** The permissions module's view of a person for a site-wide permission (memberships do not matter). */
function moderatorActor(siteRole: SiteRole | null) {
  return { userId: 0, siteRole, emailVerified: true, memberships: new Map() };
}

export const headers = pageHeaders;

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = ({ error }) => [
  {
    title: error
      ? isRouteErrorResponse(error) && error.status === 404
        ? 'Page introuvable — Maillage'
        : 'Erreur — Maillage'
      : 'Maillage — achats responsables auprès de l’ESS',
  },
  { name: 'description', content: 'Trouvez des fournisseurs de l’économie sociale et solidaire près de chez vous.' },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Absent on the error page of a failed root loader: the header then shows the anonymous links.
  const root = useRouteLoaderData<typeof loader>('root');
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <SiteHeader user={root?.user ?? null} />
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // On the server, entry.server.tsx's handleError has logged it already, once.
  if (!isRouteErrorResponse(error) && typeof document !== 'undefined') console.error(error);
  const denial =
    isRouteErrorResponse(error) && status === 403 && error.data?.denial === 'verify-email' ? 'verify-email' : undefined;
  return <ErrorPage status={status} denial={denial} />;
}
