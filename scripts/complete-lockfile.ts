import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EXIT_CODES } from '../app/domain/failure';
import { runCommand, runIfMain, type CommandSpec } from './lib/cli';

// The npm registry mirror these machines use lacks rollup's native packages for other platforms, so npm
// leaves them out of package-lock.json, and `npm ci` then refuses the lock ("Missing: @rollup/rollup-… from
// lock file"). This adds the missing optional entries (version, os, cpu, libc; no tarball, never fetched on
// this platform). Run it after any `npm install` that rewrites the lock: `npx tsx scripts/complete-lockfile.ts`.
// See docs/decisions/005-lockfile-platform-packages.md.

interface LockPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export const COMPLETE_LOCKFILE_COMMAND = {
  command: 'npx tsx scripts/complete-lockfile.ts',
  synopsis: '',
  options: {},
  schema: z.object({}),
  footer: 'Complète package-lock.json ; voir docs/decisions/005-lockfile-platform-packages.md.',
} satisfies CommandSpec<z.ZodTypeAny>;

async function completeLockfile(): Promise<number> {
  const file = path.resolve(import.meta.dirname, '../package-lock.json');
  const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { packages: Record<string, LockPackage> };
  const packages = lock.packages;
  let added = 0;

  for (const [parentKey, parent] of Object.entries(packages)) {
    if (!/(^|\/)node_modules\/rollup$/.test(parentKey) || !parent.optionalDependencies) continue;
    for (const [name, version] of Object.entries(parent.optionalDependencies)) {
      const key = `${parentKey.slice(0, -'rollup'.length)}${name}`;
      if (packages[key]) continue;
      const match = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name);
      if (!match) throw new Error(`Unexpected optional dependency of rollup: ${name}`);
      const [, os, cpu, abi] = match;
      const entry: LockPackage = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
      if (abi && /gnu|musl/.test(abi)) entry.libc = [abi.includes('musl') ? 'musl' : 'glibc'];
      packages[key] = entry;
      added++;
    }
  }

  const sorted = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
  );
  fs.writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
  console.log(
    added ? `Added ${added} optional platform entries to package-lock.json.` : 'package-lock.json already complete.',
  );
  return EXIT_CODES.ok;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(COMPLETE_LOCKFILE_COMMAND, argv, completeLockfile);
}

runIfMain(import.meta.filename, main);
