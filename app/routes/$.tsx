import type { MetaFunction } from '@remix-run/node';
import { ErrorPage } from '~/components/error-page';

// Any URL no other route matches: a real 404 status with the French "page introuvable".
export function loader() {
  throw new Response('Page introuvable', { status: 404 });
}

export const meta: MetaFunction = () => [{ title: 'Page introuvable — Maillage' }];

export default function NotFound() {
  return <ErrorPage status={404} />;
}
