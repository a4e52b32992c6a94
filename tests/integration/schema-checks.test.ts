import { describe, expect, it } from 'vitest';
import { SITE_ROLES, USER_TOKEN_PURPOSES } from '../../app/domain/auth/account';
import { CHARTER_STATUSES } from '../../app/domain/charter';
import { ASSESSMENT_STATUSES, CHARTER_ANSWERS, CRITERION_REVIEWS } from '../../app/domain/charter-assessment';
import {
  BUYER_SIZES,
  BUYER_TYPES,
  JOIN_REQUEST_KINDS,
  JOIN_REQUEST_STATUSES,
  MEMBERSHIP_ROLES,
  ORGANISATION_KINDS,
} from '../../app/domain/organisation';
import { PUBLICATION_STATUSES, SERVICE_AREA_KINDS } from '../../app/domain/supplier';
import {
  MAIN_CATEGORIES,
  NEED_KINDS,
  PLACE_KINDS,
  PROCUREMENT_METHODS,
  RESERVATIONS,
  TENDER_STATUSES,
} from '../../app/domain/tenders/tender';
import { createSqliteTestDatabase } from '../support/db';

// The frozen migrations (db/migrations/2026-11-21-001-catalogue.ts, 2026-12-01-002-accounts.ts,
// 2026-12-01-003-organisations.ts) list the statuses and service-area kinds
// in CHECK constraints of its own, since migrations never import app code. These tests keep the migrated
// database and the domain's lists (app/domain) the same (docs/decisions/071-charter-rules-in-the-domain.md).

const { sqlite } = createSqliteTestDatabase();

const SUPPLIER = {
  siret: '35600000000048',
  slug: 'schema-check',
  name: 'Contrôle du schéma',
  structure_kind: sqlite.prepare('select code from structure_kinds order by position limit 1').pluck().get() as string,
  commune_code: '69123',
  created_at: '2026-12-01T00:00:00.000Z',
  updated_at: '2026-12-01T00:00:00.000Z',
};

/** Runs the write in a transaction that is always rolled back; returns the error it raised, if any. */
function attempt(write: () => void): Error | undefined {
  sqlite.exec('begin');
  try {
    write();
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    sqlite.exec('rollback');
  }
}

function insertSupplier(columns: Record<string, string>): number {
  const row = { ...SUPPLIER, ...columns };
  const names = Object.keys(row);
  return Number(
    sqlite
      .prepare(`insert into suppliers (${names.join(', ')}) values (${names.map((n) => `@${n}`).join(', ')})`)
      .run(row).lastInsertRowid,
  );
}

function insertArea(kind: string): void {
  const id = insertSupplier({});
  const code = kind === 'national' || kind === 'radius' ? null : kind === 'region' ? '84' : '69';
  sqlite
    .prepare('insert into supplier_service_areas (supplier_id, kind, code, radius_km) values (?, ?, ?, ?)')
    .run(id, kind, code, kind === 'radius' ? 20 : null);
}

/** The values listed by the `column in (…)` CHECK of the table's stored definition. */
function checkedValues(table: string, column: string): string[] {
  const definition = sqlite
    .prepare('select sql from sqlite_master where type = ? and name = ?')
    .pluck()
    .get('table', table);
  const match = new RegExp(`check\\s*\\(\\s*"?${column}"?\\s+in\\s*\\(([^)]*)\\)`, 'i').exec(String(definition));
  if (!match) throw new Error(`no CHECK on ${table}.${column}`);
  return match[1].split(',').map((v) => v.trim().replace(/^'|'$/g, ''));
}

let userCount = 0;

function insertUser(siteRole: string | null): number {
  userCount += 1;
  return Number(
    sqlite
      .prepare('insert into users (email, password_hash, site_role, created_at, updated_at) values (?, ?, ?, ?, ?)')
      .run(`schema-${userCount}@exemple.fr`, '$argon2id$x', siteRole, SUPPLIER.created_at, SUPPLIER.updated_at)
      .lastInsertRowid,
  );
}

function insertUserToken(purpose: string): void {
  const userId = insertUser(null);
  sqlite
    .prepare(
      'insert into user_tokens (id, secret_hash, user_id, purpose, created_at, expires_at) values (?, ?, ?, ?, ?, ?)',
    )
    .run(`token-${userId}`, Buffer.alloc(32), userId, purpose, SUPPLIER.created_at, SUPPLIER.updated_at);
}

function insertAssessment(status: string): number {
  const supplierId = insertSupplier({ siret: '35600000000048', slug: `schema-check-${userCount++}` });
  return Number(
    sqlite
      .prepare(
        'insert into charter_assessments (supplier_id, version, status, created_at, updated_at) values (?, 1, ?, ?, ?)',
      )
      .run(supplierId, status, SUPPLIER.created_at, SUPPLIER.updated_at).lastInsertRowid,
  );
}

function insertAnswer(columns: { answer?: string; review?: string }): void {
  const assessmentId = insertAssessment('draft');
  const code = sqlite.prepare('select code from charter_criteria order by position limit 1').pluck().get();
  sqlite
    .prepare('insert into charter_answers (assessment_id, criterion_code, answer, review) values (?, ?, ?, ?)')
    .run(assessmentId, code, columns.answer ?? null, columns.review ?? null);
}

function insertBuyer(columns: Record<string, string>): number {
  const row = { kind: 'buyer', name: 'Acheteur', buyer_type: 'commune', buyer_size: 'lt-10', ...columns };
  const names = Object.keys(row);
  return Number(
    sqlite
      .prepare(
        `insert into organisations (${names.join(', ')}, created_at, updated_at) values (${names.map((n) => `@${n}`).join(', ')}, @at, @at)`,
      )
      .run({ ...row, at: SUPPLIER.created_at }).lastInsertRowid,
  );
}

function insertOrganisationOfKind(kind: string): void {
  if (kind === 'supplier') {
    const supplierId = insertSupplier({});
    sqlite
      .prepare('insert into organisations (kind, name, supplier_id, created_at, updated_at) values (?, ?, ?, ?, ?)')
      .run(kind, 'Fournisseur', supplierId, SUPPLIER.created_at, SUPPLIER.created_at);
  } else insertBuyer({ kind });
}

function insertMembership(role: string): void {
  sqlite
    .prepare('insert into memberships (organisation_id, user_id, role, created_at) values (?, ?, ?, ?)')
    .run(insertBuyer({}), insertUser(null), role, SUPPLIER.created_at);
}

function insertJoinRequest(columns: { kind?: string; status?: string }): void {
  sqlite
    .prepare('insert into join_requests (organisation_id, user_id, kind, status, created_at) values (?, ?, ?, ?, ?)')
    .run(insertBuyer({}), insertUser(null), columns.kind ?? 'join', columns.status ?? 'pending', SUPPLIER.created_at);
}

function insertTender(columns: Record<string, string>): void {
  const row = { kind: 'appel-d-offres', status: 'draft', title: 'Appel', ...columns };
  const names = Object.keys(row);
  sqlite
    .prepare(
      `insert into tenders (buyer_organisation_id, ${names.join(', ')}, created_at, updated_at) values (@buyer, ${names.map((n) => `@${n}`).join(', ')}, @at, @at)`,
    )
    .run({ ...row, buyer: insertBuyer({}), at: SUPPLIER.created_at });
}

function insertInvitation(role: string): void {
  sqlite
    .prepare(
      'insert into invitations (id, secret_hash, organisation_id, email, role, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      `inv-${role}`,
      Buffer.alloc(32),
      insertBuyer({}),
      'x@exemple.fr',
      role,
      SUPPLIER.created_at,
      SUPPLIER.updated_at,
    );
}

const CASES = [
  {
    table: 'suppliers',
    column: 'charter_status',
    domain: CHARTER_STATUSES,
    insert: (v: string) => insertSupplier({ charter_status: v }),
  },
  {
    table: 'suppliers',
    column: 'publication_status',
    domain: PUBLICATION_STATUSES,
    insert: (v: string) => insertSupplier({ publication_status: v }),
  },
  { table: 'supplier_service_areas', column: 'kind', domain: SERVICE_AREA_KINDS, insert: insertArea },
  { table: 'users', column: 'site_role', domain: SITE_ROLES, insert: insertUser },
  { table: 'user_tokens', column: 'purpose', domain: USER_TOKEN_PURPOSES, insert: insertUserToken },
  { table: 'charter_assessments', column: 'status', domain: ASSESSMENT_STATUSES, insert: insertAssessment },
  {
    table: 'charter_assessments',
    column: 'previous_charter_status',
    domain: CHARTER_STATUSES,
    insert: (v: string) => {
      const id = insertAssessment('submitted');
      sqlite.prepare('update charter_assessments set previous_charter_status = ? where id = ?').run(v, id);
    },
  },
  {
    table: 'charter_answers',
    column: 'answer',
    domain: CHARTER_ANSWERS,
    insert: (v: string) => insertAnswer({ answer: v }),
  },
  {
    table: 'charter_answers',
    column: 'review',
    domain: CRITERION_REVIEWS,
    insert: (v: string) => insertAnswer({ review: v }),
  },
  { table: 'organisations', column: 'kind', domain: ORGANISATION_KINDS, insert: insertOrganisationOfKind },
  {
    table: 'organisations',
    column: 'buyer_type',
    domain: BUYER_TYPES,
    insert: (v: string) => void insertBuyer({ buyer_type: v }),
  },
  {
    table: 'organisations',
    column: 'buyer_size',
    domain: BUYER_SIZES,
    insert: (v: string) => void insertBuyer({ buyer_size: v }),
  },
  { table: 'memberships', column: 'role', domain: MEMBERSHIP_ROLES, insert: insertMembership },
  {
    table: 'join_requests',
    column: 'kind',
    domain: JOIN_REQUEST_KINDS,
    insert: (v: string) => insertJoinRequest({ kind: v }),
  },
  {
    table: 'join_requests',
    column: 'status',
    domain: JOIN_REQUEST_STATUSES,
    insert: (v: string) => insertJoinRequest({ status: v }),
  },
  { table: 'invitations', column: 'role', domain: MEMBERSHIP_ROLES, insert: insertInvitation },
  ...(
    [
      ['kind', NEED_KINDS],
      ['status', TENDER_STATUSES],
      ['method', PROCUREMENT_METHODS],
      ['category', MAIN_CATEGORIES],
      ['place_kind', PLACE_KINDS],
      ['reservation', RESERVATIONS],
    ] as const
  ).map(([column, domain]) => ({
    table: 'tenders',
    column,
    domain,
    insert: (v: string) => insertTender({ [column]: v }),
  })),
];

describe('CHECK constraints of the migrated database and the domain lists', () => {
  for (const { table, column, domain, insert } of CASES) {
    it(`${table}.${column} lists exactly the domain's values`, () => {
      expect([...checkedValues(table, column)].sort()).toEqual([...domain].sort());
    });

    it(`${table}.${column} accepts every domain value and refuses any other`, () => {
      for (const value of domain)
        expect(
          attempt(() => insert(value)),
          value,
        ).toBeUndefined();
      for (const value of ['', 'unknown', domain[0].toUpperCase()])
        expect(attempt(() => insert(value))?.message, value).toMatch(/CHECK constraint failed/);
    });
  }

  it('users.site_role may be null: an ordinary account has no site role', () => {
    expect(attempt(() => insertUser(null))).toBeUndefined();
  });
});
