import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../app/services/auth/sessions.server';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { ROOT } from '../support/paths';
import { startE2eApp, type E2eApp } from '../support/e2e';
import { type Fixture, PUBLIC_ROUTES, ROUTE_TABLE, type Who, WHO } from './permissions-table';
import { createPermissionFixture } from './permissions-fixture';

// The permissions table (issue 6 §2, decision 120): every private route and action, over HTTP against the
// built app, for anonymous, a member of another organisation, editor, owner, moderator and admin. Denied is
// a redirect to /connexion?redirectTo=<the page> for anonymous requests and a 403 for the others; allowed is
// any other answer below 500 (a form posted empty answers 400 with its messages). Every route file must be
// in the table or in the list of public routes, so a new page cannot forget its permissions.

let app: E2eApp;
let database: OpenedDatabase;
let fixture: Fixture;
const cookies = {} as Record<Who, string | null>;

beforeAll(async () => {
  app = await startE2eApp();
  database = openDatabase(app.databaseFile);
  fixture = await createPermissionFixture(database.db);
  for (const who of WHO) {
    const userId = fixture.users[who];
    cookies[who] = userId === null ? null : `maillage_session=${(await createSession(database.db, userId)).token}`;
  }
});

afterAll(async () => {
  await database?.close();
  await app?.close();
});

function routeFiles(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'app/routes'))
    .map((f) => f.replace(/\.tsx?$/, ''))
    .sort();
}

describe('the permissions table', () => {
  it('names every route file, as private (with its rows) or public', () => {
    const covered = new Set([...ROUTE_TABLE.map((r) => r.route), ...Object.keys(PUBLIC_ROUTES)]);
    expect(routeFiles().filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((r) => !routeFiles().includes(r))).toEqual([]);
  });

  it('has a row per route, method and actor', () => {
    const cells = ROUTE_TABLE.length * WHO.length;
    console.log(`permissions table: ${ROUTE_TABLE.length} routes × actions, ${WHO.length} actors, ${cells} cells`);
    expect(cells).toBeGreaterThan(0);
  });

  for (const row of ROUTE_TABLE)
    for (const [i, who] of WHO.entries())
      it(`${row.method} ${row.route} (${row.label ?? ''}) as ${who}: ${row.expected[i]}`, async () => {
        const target = row.path(fixture);
        const answer = await fetch(`${app.baseUrl}${target}`, {
          method: row.method,
          redirect: 'manual',
          headers: {
            origin: app.baseUrl,
            ...(cookies[who] ? { cookie: cookies[who] } : {}),
            ...(row.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          body: row.method === 'POST' ? new URLSearchParams(row.fields?.(fixture) ?? {}) : undefined,
        });
        await answer.arrayBuffer();
        const location = answer.headers.get('location') ?? '';
        const toLogIn = answer.status === 302 && location.startsWith('/connexion?redirectTo=');
        expect(answer.status, `${row.method} ${target}`).toBeLessThan(500);
        if (row.expected[i] === 'deny') {
          if (who === 'anonymous') {
            expect(toLogIn, `${answer.status} ${location}`).toBe(true);
            expect(decodeURIComponent(location.slice('/connexion?redirectTo='.length))).toBe(
              row.method === 'GET' ? target : (row.redirectTo?.(fixture) ?? target),
            );
          } else expect(answer.status).toBe(403);
        } else {
          expect(answer.status).not.toBe(403);
          expect(toLogIn).toBe(false);
        }
      });

  it('logs each denial as one warning line naming the path and the status, never a stack trace', () => {
    const lines = app.serverLog().split('\n');
    const denials = lines.filter((l) => l.includes('"status":403'));
    expect(denials.length).toBeGreaterThan(0);
    for (const line of denials) expect(JSON.parse(line)).toMatchObject({ level: 'warn', status: 403 });
    expect(app.serverLog()).not.toMatch(/\n\s+at /);
  });
});
