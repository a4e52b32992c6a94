import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { runCommand, runIfMain, type CommandSpec } from './lib/cli';

// `npm test`: lint (ESLint and Prettier), type check, production build (the browser tests serve it), then every Vitest project.
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

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  return result.status === 0;
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

  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const vitestOk = run('tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
    ...extra,
  ]);
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: { status: string; name: string; message?: string }[];
    };
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A test file that fails to load has no test results of its own: count it as a failure.
    for (const file of json.testResults) {
      if (file.status === 'failed' && file.message) {
        failed++;
        console.error(`✗ ${path.relative(root, file.name)}: ${file.message.split('\n')[0]}`);
      }
    }
  } else if (!vitestOk) {
    failed++;
  }
  if (!vitestOk && failed === 0) failed++;

  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(TEST_COMMAND, argv, (args) => runAll(args.positionals));
}

runIfMain(import.meta.filename, main);
