import { data, redirect } from '@remix-run/node';
import type { Executor } from '../../../db/connection';
import { listMembershipsOfUser } from '../../../db/repositories/memberships';
import { type Actor, type Permission, decide } from '../../domain/permissions';
import type { AppContext } from '../context.server';
import { type RequestArgs, getCurrentUser, logInUrlFor } from './current-user.server';
import type { SessionUser } from './sessions.server';

// Every loader and action that is not public asks here (decision 120): who is signed in, what they are
// allowed, from the one permissions module app/domain/permissions.ts. Anonymous: a redirect to the log-in
// page that brings the person back; signed in but not allowed: a 403 page (the French error page, which says
// why: no right, or an address still to confirm). The answer carries the session cookie to re-send.

export interface Authorized {
  user: SessionUser;
  actor: Actor;
  /** The `Set-Cookie` to send with the answer (renewed session), or null. */
  setCookie: string | null;
}

/** What the 403 answer's body says, for the error page. */
export interface ForbiddenBody {
  denial: 'forbidden' | 'verify-email';
}

/** The actor as the permissions module sees it: the user and their memberships. */
export async function loadActor(db: Executor, user: SessionUser): Promise<Actor> {
  const memberships = await listMembershipsOfUser(db, user.id);
  return {
    userId: user.id,
    siteRole: user.siteRole,
    emailVerified: user.emailVerified,
    memberships: new Map(memberships.map((m) => [m.organisationId, m.role])),
  };
}

/** Private answers are never stored by a browser or a proxy. */
export function privateHeaders(setCookie: string | null): Record<string, string> {
  return { 'Cache-Control': 'no-store', ...(setCookie ? { 'Set-Cookie': setCookie } : {}) };
}

/**
 * A page whose address carries a secret token (an e-mailed link): private, and the token never leaves in a
 * Referer header to a page linked from it.
 */
export function tokenPageHeaders(setCookie: string | null = null): Record<string, string> {
  return { ...privateHeaders(setCookie), 'Referrer-Policy': 'no-referrer' };
}

/**
 * The signed-in user allowed to do `permission`, or a thrown answer: a redirect to /connexion?redirectTo=…
 * for anonymous requests, a 403 for the others.
 */
export async function authorize(
  args: RequestArgs,
  context: Pick<AppContext, 'database'>,
  permission: Permission,
  now: Date = new Date(),
): Promise<Authorized> {
  const { current, setCookie } = await getCurrentUser(args, context, now);
  if (!current) {
    throw redirect(logInUrlFor(args.request), setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined);
  }
  const actor = await loadActor(context.database.db, current.user);
  const decision = decide(actor, permission);
  if (!decision.allowed) {
    const body: ForbiddenBody = { denial: decision.denial === 'verify-email' ? 'verify-email' : 'forbidden' };
    throw data(body, { status: 403, headers: privateHeaders(setCookie) });
  }
  return { user: current.user, actor, setCookie };
}

/** A route parameter that names a row by its integer id, or a thrown 404 (an id that cannot exist). */
export function idParam(value: string | undefined): number {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value)) throw data(null, { status: 404 });
  const id = Number(value);
  if (!Number.isSafeInteger(id)) throw data(null, { status: 404 });
  return id;
}
