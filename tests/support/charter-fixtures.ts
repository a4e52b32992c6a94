import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { SiteRole } from '../../app/domain/auth/account';
import type { CharterStatus } from '../../app/domain/charter';
import type { MembershipRole } from '../../app/domain/organisation';
import type { PublicationStatus } from '../../app/domain/supplier';
import { createSession } from '../../app/services/auth/sessions.server';
import { SESSION_COOKIE_NAME } from '../../app/services/auth/session-cookie.server';
import type { DB } from '../../db/connection';
import { supplierInput, validSiret, writeSupplier } from './search-fixtures';

// Rows for the charter and moderation tests (decisions 140-143), written directly: users with a site role, a
// supplier with its organisation and members, a session cookie. The organisation pages are other work.

const NOW = '2026-12-01T09:00:00.000Z';
let counter = 0;

export async function insertUser(
  db: DB,
  options: { email?: string; siteRole?: SiteRole | null; verified?: boolean } = {},
): Promise<{ id: number; email: string; cookie: string }> {
  counter += 1;
  const email = options.email ?? `personne-${counter}@exemple.fr`;
  const { id } = await db
    .insertInto('users')
    .values({
      email,
      email_verified_at: options.verified === false ? null : NOW,
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$unused$unused',
      site_role: options.siteRole ?? null,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, id, {}, new Date());
  return { id, email, cookie: `${SESSION_COOKIE_NAME}=${token}` };
}

export interface SupplierOrg {
  supplierId: number;
  organisationId: number;
  slug: string;
  name: string;
}

export async function insertSupplierOrganisation(
  db: DB,
  options: {
    name?: string;
    publicationStatus?: PublicationStatus;
    charterStatus?: CharterStatus;
    verifiedAt?: string | null;
    members?: { userId: number; role: MembershipRole }[];
  } = {},
): Promise<SupplierOrg> {
  counter += 1;
  const name = options.name ?? `Atelier solidaire ${counter}`;
  const written = await writeSupplier(
    db,
    supplierInput({
      siret: validSiret(7000 + counter),
      name,
      publicationStatus: options.publicationStatus ?? 'draft',
      charterStatus: options.charterStatus ?? 'none',
    }),
  );
  if (options.verifiedAt !== undefined)
    await db
      .updateTable('suppliers')
      .set({ charter_verified_at: options.verifiedAt })
      .where('id', '=', written.id)
      .execute();
  const { id: organisationId } = await db
    .insertInto('organisations')
    .values({ kind: 'supplier', name, supplier_id: written.id, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const member of options.members ?? [])
    await db
      .insertInto('memberships')
      .values({ organisation_id: organisationId, user_id: member.userId, role: member.role, created_at: NOW })
      .execute();
  // The search sync rows of the set-up are not what the tests look at.
  await db.deleteFrom('search_outbox').execute();
  return { supplierId: written.id, organisationId, slug: written.slug, name };
}

/** Practices long enough for the evidence rule. */
export const EVIDENCE =
  'Depuis 2019, nous réunissons chaque trimestre les salariés en insertion et les encadrants pour fixer ensemble les priorités.';

export async function criterionCodes(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('charter_criteria').select('code').orderBy('position').execute();
  return rows.map((r) => r.code);
}

/** Every criterion answered `oui` with valid evidence. */
export function completeAnswers(codes: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const code of codes) {
    fields[`answer-${code}`] = 'oui';
    fields[`evidence-${code}`] = `${EVIDENCE} (${code})`;
  }
  return fields;
}

/** A multipart POST (FormData body) to a page's action. */
export function multipartArgs(
  path: string,
  fields: Record<string, string>,
  files: Record<string, { name: string; bytes: Uint8Array; type?: string }>,
  cookie: string | undefined,
  params: Record<string, string>,
): ActionFunctionArgs {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [k, f] of Object.entries(files))
    body.append(k, new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? 'application/pdf' }));
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: cookie ? { Cookie: cookie } : {},
  });
  return { request, params, context: { clientIp: '203.0.113.9' } } as unknown as ActionFunctionArgs;
}

export function formArgs(
  path: string,
  fields: Record<string, string>,
  cookie: string | undefined,
  params: Record<string, string> = {},
): ActionFunctionArgs {
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  });
  return { request, params, context: { clientIp: '203.0.113.9' } } as unknown as ActionFunctionArgs;
}

export function loaderArgs(
  path: string,
  cookie: string | undefined,
  params: Record<string, string> = {},
): LoaderFunctionArgs {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { request, params, context: {} } as unknown as LoaderFunctionArgs;
}

/** A small valid PDF. */
export const PDF_BYTES = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n',
);

/** What a loader or action gave or threw (redirects and data() answers alike). */
export async function settle(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (thrown) {
    return thrown;
  }
}

/** The HTTP status of a Response or a data() answer. */
export function statusOf(answer: unknown): number {
  if (answer instanceof Response) return answer.status;
  const init = (answer as { init?: { status?: number } | null }).init;
  return init?.status ?? 200;
}
