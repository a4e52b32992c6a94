import crypto from 'node:crypto';
import pg from 'pg';

// PostgreSQL test databases (docs/decisions/313): when TEST_DATABASE_URL is set (a server where the role may
// create databases), global-setup.ts builds a template database from the migrations and the reference data, and
// each test file gets `CREATE DATABASE … TEMPLATE` of it, dropped after the file. Names start with
// TEST_DATABASE_PREFIX (default `maillage_test_`), so a shared server's other databases are never touched.

/** The admin URL of the PostgreSQL test server, or undefined for a SQLite run (the default). */
export function postgresTestUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function testDatabasePrefix(): string {
  const prefix = process.env.TEST_DATABASE_PREFIX || 'maillage_test_';
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`TEST_DATABASE_PREFIX: lower-case letters, digits, _`);
  return prefix;
}

/** The name every database of one run starts with: the prefix and a random run tag. */
export function newRunPrefix(): string {
  return `${testDatabasePrefix()}${crypto.randomBytes(4).toString('hex')}_`;
}

/** A fresh database name of this run: lower case, digits and _, at most 63 bytes. */
export function newDatabaseName(runPrefix: string, what: string): string {
  return `${runPrefix}${what}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`.slice(0, 63);
}

/** The same server and credentials, another database. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
}

/** Runs administrative statements on the admin database, one connection, closed after. */
async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  return withAdmin(adminUrl, async (client) => {
    await client.query(`create database ${quoted(name)}${template ? ` template ${quoted(template)}` : ''}`);
  });
}

/**
 * Drops every database of this run (the template and any test database a crashed or timed-out file left behind,
 * or one created inside a test, whose afterAll never runs).
 */
export function dropRunDatabases(adminUrl: string, runPrefix: string): Promise<void> {
  return withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1)`,
      [runPrefix],
    );
    for (const { datname } of rows) await client.query(`drop database if exists ${quoted(datname)} with (force)`);
  });
}

export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return withAdmin(adminUrl, async (client) => {
    await client.query(`drop database if exists ${quoted(name)} with (force)`);
  });
}
