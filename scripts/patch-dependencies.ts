import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EXIT_CODES } from '../app/domain/failure';
import { runCommand, runIfMain, type CommandSpec } from './lib/cli';

// Small fixes to installed dependencies, applied after every `npm install` / `npm ci` (the `postinstall` script).
// Each names the exact version it was written for and the upstream change it backports; on another version it
// is skipped with a warning, and tests/unit/dependency-patches.test.ts fails, so a dependency update is noticed.
// See docs/decisions/302-route-matching-cache.md.

export interface DependencyPatch {
  name: string;
  packageName: string;
  version: string;
  file: string;
  /** Exact replacements, each found once in the original file. */
  edits: { find: string; replace: string }[];
}

const MARKER = (name: string) => `/* maillage-patch: ${name} (docs/decisions/302-route-matching-cache.md) */`;

/**
 * @remix-run/router 1.23 flattens and ranks every route again, and compiles each route path to a regular
 * expression again, on every matchRoutes call: three times per page request (Remix's route matching, the static
 * handler's query, React Router's render). React Router 7 caches the ranked branches since
 * remix-run/react-router#14967; Remix v2 stays on 1.23. This caches the ranked branches per routes array (the
 * server's arrays are built once per build) and the compiled paths by pattern (bounded).
 */
export const ROUTE_MATCHING_CACHE: DependencyPatch = {
  name: 'route-matching-cache',
  packageName: '@remix-run/router',
  version: '1.23.3',
  file: 'dist/router.cjs.js',
  edits: [
    {
      find: 'function matchRoutesImpl(routes, locationArg, basename, allowPartial) {',
      replace: `const rankedBranchesByRoutes = new WeakMap();
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {`,
    },
    {
      find: `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  let matches = null;`,
      replace: `  let branches = rankedBranchesByRoutes.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranchesByRoutes.set(routes, branches);
  }
  let matches = null;`,
    },
    {
      find: `function compilePath(path, caseSensitive, end) {
  if (caseSensitive === void 0) {
    caseSensitive = false;
  }
  if (end === void 0) {
    end = true;
  }`,
      replace: `const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  if (caseSensitive === void 0) {
    caseSensitive = false;
  }
  if (end === void 0) {
    end = true;
  }
  let key = (caseSensitive ? "1" : "0") + (end ? "1" : "0") + path;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    compiled = compilePathUncached(path, caseSensitive, end);
    if (compiledPaths.size < 5000) compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {`,
    },
  ],
};

export const DEPENDENCY_PATCHES: readonly DependencyPatch[] = [ROUTE_MATCHING_CACHE];

export type PatchOutcome =
  | { status: 'applied' | 'already-applied' }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string };

/** Applies one patch to the package under `nodeModules`; never applies it twice. */
export function applyDependencyPatch(nodeModules: string, patch: DependencyPatch): PatchOutcome {
  const packageDir = path.join(nodeModules, patch.packageName);
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest)) return { status: 'skipped', reason: `${patch.packageName} n’est pas installé` };
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string };
  if (version !== patch.version)
    return {
      status: 'skipped',
      reason: `${patch.packageName} ${version} installé, le correctif est écrit pour ${patch.version}`,
    };
  const file = path.join(packageDir, patch.file);
  let source = fs.readFileSync(file, 'utf8');
  if (source.includes(MARKER(patch.name))) return { status: 'already-applied' };
  for (const edit of patch.edits) {
    const at = source.indexOf(edit.find);
    if (at === -1 || source.indexOf(edit.find, at + 1) !== -1)
      return { status: 'failed', reason: `${patch.file} : passage attendu introuvable ou répété` };
    source = source.slice(0, at) + edit.replace + source.slice(at + edit.find.length);
  }
  // The marker goes first (a comment: 'use strict' stays the first statement), so the patch is never applied twice.
  fs.writeFileSync(file, `${MARKER(patch.name)}\n${source}`);
  return { status: 'applied' };
}

/** Whether a patch is in the installed file (what tests/unit/dependency-patches.test.ts checks). */
export function isDependencyPatchApplied(nodeModules: string, patch: DependencyPatch): boolean {
  const file = path.join(nodeModules, patch.packageName, patch.file);
  return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(MARKER(patch.name));
}

export const PATCH_DEPENDENCIES_COMMAND = {
  command: 'npx tsx scripts/patch-dependencies.ts',
  synopsis: '',
  options: {},
  schema: z.object({}),
  footer: 'Lancé par npm après chaque installation (postinstall) ; voir docs/decisions/302-route-matching-cache.md.',
} satisfies CommandSpec<z.ZodTypeAny>;

async function patchAll(): Promise<number> {
  const nodeModules = path.resolve(import.meta.dirname, '../node_modules');
  let failed = false;
  for (const patch of DEPENDENCY_PATCHES) {
    const outcome = applyDependencyPatch(nodeModules, patch);
    if (outcome.status === 'applied') console.log(`Correctif ${patch.name} appliqué à ${patch.packageName}.`);
    else if (outcome.status === 'skipped') console.warn(`Correctif ${patch.name} non appliqué : ${outcome.reason}.`);
    else if (outcome.status === 'failed') {
      console.error(`Correctif ${patch.name} impossible : ${outcome.reason}.`);
      failed = true;
    }
  }
  return failed ? EXIT_CODES.internal : EXIT_CODES.ok;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(PATCH_DEPENDENCIES_COMMAND, argv, patchAll);
}

runIfMain(import.meta.filename, main);
