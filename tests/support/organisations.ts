import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { SiteRole } from '../../app/domain/auth/account';
import type { CharterStatus } from '../../app/domain/charter';
import type { MembershipRole } from '../../app/domain/organisation';
import type { PublicationStatus } from '../../app/domain/supplier';
import { hashPassword } from '../../app/services/auth/passwords.server';
import { createSession } from '../../app/services/auth/sessions.server';
import { SESSION_COOKIE_NAME } from '../../app/services/auth/session-cookie.server';
import type { DB } from '../../db/connection';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { insertUser, markUserEmailVerified } from '../../db/repositories/users';
import { supplierInput, validSiret, writeSupplier } from './search-fixtures';

// People, organisations and suppliers for the tests of the organisation, offer-sheet, charter and moderation
// pages (decisions 120–143), written straight into the tables (the pages and services that create them are
// tested on their own): accounts signed in with a session cookie (one argon2id hash of PASSWORD shared by all,
// computed once, so each test sets up in milliseconds), organisations and their members, the charter's answers,
// the loader and action arguments of a page and their answers read back.

const NOW = '2026-12-01T09:00:00.000Z';
/** Numbers the generated addresses, names and SIRETs of a test file. */
let counter = 0;

export const PASSWORD = 'cheval violet sur la Loire';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: number;
  email: string;
  cookie: string;
}

/**
 * A new account, signed in (`cookie`): its password is PASSWORD, its address confirmed unless `verified: false`,
 * a site role if given, a generated address unless `email` is given.
 */
export async function createUser(
  db: DB,
  options: { email?: string; siteRole?: SiteRole | null; verified?: boolean } = {},
): Promise<TestUser> {
  counter += 1;
  const email = options.email ?? `personne${counter}-${process.pid}@exemple.fr`;
  passwordHash ??= hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const id = await insertUser(db, { email, passwordHash: await passwordHash, siteRole: options.siteRole ?? null, now });
  if (options.verified ?? true) await markUserEmailVerified(db, id, now);
  const { token } = await createSession(db, id);
  return { id, email, cookie: `${SESSION_COOKIE_NAME}=${token}` };
}

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

/** A valid SIRET (valid SIREN, Luhn over the 14 digits) made from a small number: SIREN 41000000x + seed. */
export function makeSiret(seed: number): string {
  return validSiret(31_000_000 + seed);
}

export async function addSupplier(
  db: DB,
  input: { siret: string; name: string; published?: boolean },
): Promise<number> {
  const kind = await db.selectFrom('structure_kinds').select('code').orderBy('position').executeTakeFirstOrThrow();
  return db.transaction().execute(async (trx) => {
    const result = await upsertSupplierBySiret(trx, {
      siret: input.siret,
      name: input.name,
      structureKind: kind.code,
      communeCode: '69123',
      publicationStatus: input.published === false ? 'draft' : 'published',
      charterStatus: 'none',
    });
    return result.id;
  });
}

export function mailsTo(db: DB, email: string) {
  return db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).orderBy('id').execute();
}

export function auditRows(db: DB, action: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action as never)
    .orderBy('id')
    .execute();
}

export async function count(
  db: DB,
  table: 'organisations' | 'memberships' | 'join_requests' | 'invitations' | 'suppliers',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The field issues of a refused outcome (none for a success or a rate limit). */
export function issuesOf(outcome: { ok: boolean; error?: unknown }): { field: string; message: string }[] {
  if (outcome.ok) return [];
  return (outcome.error as { issues?: { field: string; message: string }[] }).issues ?? [];
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
  await db.deleteFrom('search_changes').execute();
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

/** Loader arguments for a page with route parameters. */
export function pageGet(path: string, params: Record<string, string>, cookie?: string): LoaderFunctionArgs {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { request, params, context: {} } as unknown as LoaderFunctionArgs;
}

/** Action arguments: a urlencoded form (repeated names allowed) or a ready body (multipart), from `clientIp`. */
export function pagePost(
  path: string,
  params: Record<string, string>,
  body: [string, string][] | FormData,
  cookie?: string,
  clientIp = '198.51.110.200',
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
  return { request, params, context: { clientIp } } as unknown as ActionFunctionArgs;
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

/** The client address of the charter and moderation tests' posts. */
const CHARTER_CLIENT_IP = '203.0.113.9';

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
  return pagePost(path, params, body, cookie, CHARTER_CLIENT_IP);
}

export function formArgs(
  path: string,
  fields: Record<string, string>,
  cookie: string | undefined,
  params: Record<string, string> = {},
): ActionFunctionArgs {
  return pagePost(path, params, Object.entries(fields), cookie, CHARTER_CLIENT_IP);
}

export function loaderArgs(
  path: string,
  cookie: string | undefined,
  params: Record<string, string> = {},
): LoaderFunctionArgs {
  return pageGet(path, params, cookie);
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
