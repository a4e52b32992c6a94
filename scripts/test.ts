import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { runCommand, runIfMain, type CommandSpec } from './lib/cli';

// `npm test`: lint (ESLint and Prettier), type check, production build (the browser tests serve it), then every Vitest
// project on SQLite; with TEST_DATABASE_URL set, the files of tests/postgres-suites.txt again on PostgreSQL.
// Ends with one plain line `N passed, N failed, N skipped` that CI reads.

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(root, 'tests/.tmp/vitest-report.json');

export const TEST_COMMAND = {
  command: 'npm test --',
  synopsis: '[ARGUMENTS DE VITEST…]',
  options: {},
  passThrough: true,
  schema: z.object({ positionals: z.array(z.string()) }),
  footer: 'Les arguments sont passés à `vitest run` (par exemple `npm test -- --project unit`).',
} satisfies CommandSpec<z.ZodTypeAny>;

/** The PostgreSQL test server (docs/decisions/313), read here only: the first pass runs on SQLite without it. */
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
const sqliteEnv: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', TEST_DATABASE_URL: '' };

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = sqliteEnv): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env });
  return result.status === 0;
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs Vitest with a JSON report and counts its tests; a file that fails to load counts as a failure. */
function vitest(label: string, args: string[], env: NodeJS.ProcessEnv): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const ok = run(
    label,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args],
    env,
  );
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: { status: string; name: string; message?: string }[];
    };
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    for (const file of json.testResults) {
      if (file.status === 'failed' && file.message) {
        totals.failed++;
        console.error(`✗ ${path.relative(root, file.name)}: ${file.message.split('\n')[0]}`);
      }
    }
  } else if (!ok) {
    totals.failed++;
  }
  if (!ok && totals.failed === 0) totals.failed++;
  return totals;
}

/** The test files listed in tests/postgres-suites.txt (comments and blank lines left out). */
function postgresSuites(): string[] {
  return fs
    .readFileSync(path.join(root, 'tests/postgres-suites.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

async function runAll(extra: string[]): Promise<number> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;

  if (run('lint', 'npm', ['run', '--silent', 'lint'])) passed++;
  else failed++;

  if (run('type check', 'npx', ['tsc', '--noEmit'])) passed++;
  else failed++;

  const built = run('build', 'npx', ['remix', 'build']);
  if (built) passed++;
  else failed++;

  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    console.error('\n/usr/bin/chromium is missing: install it (apt-get install -y chromium) to run the browser tests.');
  }

  const onSqlite = vitest('tests', extra, sqliteEnv);
  passed += onSqlite.passed;
  failed += onSqlite.failed;
  skipped += onSqlite.skipped;

  // With TEST_DATABASE_URL (CI sets it: .ci/run), the repository, outbox and HTTP suites run again on PostgreSQL.
  if (postgresUrl && extra.length === 0) {
    const onPostgres = vitest('tests on PostgreSQL', postgresSuites(), {
      ...process.env,
      FORCE_COLOR: '0',
      TEST_DATABASE_URL: postgresUrl,
    });
    console.log(
      `\nOn PostgreSQL: ${onPostgres.passed} passed, ${onPostgres.failed} failed, ${onPostgres.skipped} skipped`,
    );
    passed += onPostgres.passed;
    failed += onPostgres.failed;
    skipped += onPostgres.skipped;
  }

  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(TEST_COMMAND, argv, (args) => runAll(args.positionals));
}

runIfMain(import.meta.filename, main);
