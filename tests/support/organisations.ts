import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { MembershipRole } from '../../app/domain/organisation';
import { signUp } from '../../app/services/auth/accounts.server';
import { createSession } from '../../app/services/auth/sessions.server';
import { serializeSessionCookie } from '../../app/services/auth/session-cookie.server';
import type { DB } from '../../db/connection';

// Organisations, members and signed-in people for the tests of organisation pages, written straight into the
// tables (the organisation pages and their services are tested on their own).

let counter = 0;

/** A supplier organisation for this supplier. */
export async function supplierOrganisation(db: DB, supplierId: number, name = 'Organisation'): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('organisations')
    .values({ kind: 'supplier', name, supplier_id: supplierId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A buyer organisation (no supplier). */
export async function buyerOrganisation(db: DB, name = 'Acheteur'): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('organisations')
    .values({ kind: 'buyer', name, buyer_type: 'commune', buyer_size: '10-49', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addMember(db: DB, organisationId: number, userId: number, role: MembershipRole) {
  await db
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: userId, role, created_at: new Date().toISOString() })
    .execute();
}

export interface SignedIn {
  id: number;
  email: string;
  cookie: string;
}

/** A new account with a confirmed address (and a site role if given), signed in: its cookie. */
export async function signedInUser(
  db: DB,
  options: { siteRole?: 'moderator' | 'admin'; verified?: boolean } = {},
): Promise<SignedIn> {
  counter += 1;
  const email = `personne${counter}-${process.pid}@exemple.fr`;
  const created = await signUp(db, { email, password: 'cheval violet sur la Loire' }, { ip: `198.51.110.${counter}` });
  if (!created.ok) throw new Error('sign-up failed');
  const id = created.value.userId;
  await db
    .updateTable('users')
    .set({
      email_verified_at: options.verified === false ? null : new Date().toISOString(),
      site_role: options.siteRole ?? null,
    })
    .where('id', '=', id)
    .execute();
  const now = new Date();
  const { token, session } = await createSession(db, id, { ip: '198.51.110.1', userAgent: 'vitest' }, now);
  const cookie = serializeSessionCookie(token, session.expiresAt, now).split(';')[0];
  return { id, email, cookie };
}

/** Loader arguments for a page with route parameters. */
export function pageGet(path: string, params: Record<string, string>, cookie?: string): LoaderFunctionArgs {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { request, params, context: {} } as unknown as LoaderFunctionArgs;
}

/** Action arguments: a urlencoded form (repeated names allowed) or a ready body (multipart). */
export function pagePost(
  path: string,
  params: Record<string, string>,
  body: [string, string][] | FormData,
  cookie?: string,
): ActionFunctionArgs {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const request =
    body instanceof FormData
      ? new Request(`http://localhost${path}`, { method: 'POST', body, headers })
      : new Request(`http://localhost${path}`, {
          method: 'POST',
          body: new URLSearchParams(body),
          headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        });
  return { request, params, context: { clientIp: '198.51.110.200' } } as unknown as ActionFunctionArgs;
}

/** A loader's or action's answer, whether returned or thrown: redirects (Response) and data() answers alike. */
export async function attempt(
  fn: () => Promise<unknown>,
): Promise<{ status: number; headers: Headers; data: Record<string, unknown> | null }> {
  let answer: unknown;
  try {
    answer = await fn();
  } catch (thrown) {
    answer = thrown;
  }
  if (answer instanceof Response) return { status: answer.status, headers: answer.headers, data: null };
  const d = answer as { type?: string; data: unknown; init: { status?: number; headers?: HeadersInit } | null };
  if (d.type !== 'DataWithResponseInit') throw answer;
  return {
    status: d.init?.status ?? 200,
    headers: new Headers(d.init?.headers),
    data: d.data as Record<string, unknown> | null,
  };
}
