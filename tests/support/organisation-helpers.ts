import type { DB } from '../../db/connection';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { insertUser, markUserEmailVerified } from '../../db/repositories/users';
import type { SiteRole } from '../../app/domain/auth/account';
import { hashPassword } from '../../app/services/auth/passwords.server';
import { createSession } from '../../app/services/auth/sessions.server';
import { SESSION_COOKIE_NAME } from '../../app/services/auth/session-cookie.server';

// Accounts, suppliers and SIRETs for the organisation tests (decisions 120–122): users are inserted directly
// (one argon2id hash shared by all, computed once) with a session cookie, so each test sets up in milliseconds.

export const PASSWORD = 'cheval violet sur la Loire';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: number;
  email: string;
  cookie: string;
}

export async function createUser(
  db: DB,
  email: string,
  options: { verified?: boolean; siteRole?: SiteRole | null } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const id = await insertUser(db, { email, passwordHash: await passwordHash, siteRole: options.siteRole ?? null, now });
  if (options.verified ?? true) await markUserEmailVerified(db, id, now);
  const { token } = await createSession(db, id);
  return { id, email, cookie: `${SESSION_COOKIE_NAME}=${token}` };
}

function luhnDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const digits = partial + d;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let n = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) {
        n *= 2;
        if (n > 9) n -= 9;
      }
      sum += n;
    }
    if (sum % 10 === 0) return String(d);
  }
  throw new Error('unreachable');
}

/** A valid SIRET (valid SIREN, Luhn over the 14 digits) made from a small number. */
export function makeSiret(seed: number): string {
  const sirenHead = String(41000000 + seed).padStart(8, '0');
  const siren = sirenHead + luhnDigit(sirenHead);
  const head = `${siren}0001`;
  return head + luhnDigit(head);
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
