import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { matchRoutes as matchRoutesType } from '@remix-run/router';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyDependencyPatch,
  DEPENDENCY_PATCHES,
  isDependencyPatchApplied,
  type DependencyPatch,
} from '../../scripts/patch-dependencies';

const nodeModules = path.resolve(import.meta.dirname, '../../node_modules');
const require = createRequire(import.meta.url);

describe('dependency patches (docs/decisions/302-route-matching-cache.md)', () => {
  it('are applied to the installed packages (npm install runs scripts/patch-dependencies.ts)', () => {
    for (const patch of DEPENDENCY_PATCHES) expect(isDependencyPatchApplied(nodeModules, patch), patch.name).toBe(true);
  });

  it('leave route matching answering as before: the same routes, params and order for each path', () => {
    // The CommonJS build is the one the server loads (and the one patched).
    const { matchRoutes } = require('@remix-run/router') as { matchRoutes: typeof matchRoutesType };
    const routes = [
      {
        id: 'root',
        path: '',
        children: [
          { id: 'index', index: true },
          { id: 'sheet', path: 'fournisseurs/:slug' },
          { id: 'search', path: 'fournisseurs' },
          { id: 'Search', path: 'Fournisseurs/Casse', caseSensitive: true },
          { id: 'splat', path: '*' },
        ],
      },
    ];
    const ids = (p: string) => matchRoutes(routes, p)?.map((m) => m.route.id);
    for (let round = 0; round < 2; round++) {
      // The second round answers from the caches.
      expect(ids('/')).toEqual(['root', 'index']);
      expect(ids('/fournisseurs')).toEqual(['root', 'search']);
      expect(matchRoutes(routes, '/fournisseurs/la-navette')?.[1].params).toEqual({ slug: 'la-navette' });
      expect(ids('/fournisseurs/casse')).toEqual(['root', 'sheet']);
      expect(ids('/Fournisseurs/Casse')).toEqual(['root', 'Search']);
      expect(ids('/ailleurs/encore')).toEqual(['root', 'splat']);
    }
    // A new routes array (development rebuilds) is flattened again, not answered from another array's cache.
    expect(matchRoutes([{ id: 'only', path: 'seul' }], '/fournisseurs')).toBeNull();
  });
});

describe('applyDependencyPatch', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-patch-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const patch: DependencyPatch = {
    name: 'exemple',
    packageName: '@exemple/paquet',
    version: '1.0.0',
    file: 'index.js',
    edits: [{ find: 'return 1;', replace: 'return 2;' }],
  };

  function install(version: string, source: string) {
    const packageDir = path.join(dir, patch.packageName);
    fs.mkdirSync(packageDir, { recursive: true });
    fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ version }));
    fs.writeFileSync(path.join(packageDir, 'index.js'), source);
    return path.join(packageDir, 'index.js');
  }

  it('applies once, then says it is already applied', () => {
    const file = install('1.0.0', 'function f() { return 1; }');
    expect(applyDependencyPatch(dir, patch)).toEqual({ status: 'applied' });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '/* maillage-patch: exemple (docs/decisions/302-route-matching-cache.md) */\nfunction f() { return 2; }',
    );
    expect(isDependencyPatchApplied(dir, patch)).toBe(true);
    expect(applyDependencyPatch(dir, patch)).toEqual({ status: 'already-applied' });
    expect(fs.readFileSync(file, 'utf8')).toContain('return 2;');
  });

  it('skips another version, and fails when the passage is missing or repeated, writing nothing', () => {
    install('1.0.1', 'function f() { return 1; }');
    expect(applyDependencyPatch(dir, patch)).toEqual({
      status: 'skipped',
      reason: '@exemple/paquet 1.0.1 installé, le correctif est écrit pour 1.0.0',
    });
    const file = install('1.0.0', 'return 1; return 1;');
    expect(applyDependencyPatch(dir, patch)).toEqual({
      status: 'failed',
      reason: 'index.js : passage attendu introuvable ou répété',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('return 1; return 1;');
    expect(applyDependencyPatch(dir, { ...patch, packageName: '@exemple/absent' })).toEqual({
      status: 'skipped',
      reason: '@exemple/absent n’est pas installé',
    });
  });
});
