// ESLint flat config. The layer rules below are the machine-checked form of docs/architecture.md ("Layers"):
// app/domain (pure) ← db/ and search/ ← app/services ← app/routes, app/api, app/components.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const UI = [
  './app/routes',
  './app/components',
  './app/api',
  './app/root.tsx',
  './app/entry.server.tsx',
  './app/entry.client.tsx',
];
const ENTRY_POINTS = ['./scripts', './server.ts', './app/http'];

/** Each zone: files in `target` may not import from `from`. */
export const LAYER_ZONES = [
  {
    target: './app/domain',
    from: ['./db', './search', './app/services', './app/env.server.ts', ...UI, ...ENTRY_POINTS],
    message: 'app/domain is the bottom layer: pure rules and their types, no I/O (docs/architecture.md).',
  },
  {
    target: './db',
    from: ['./search', './app/services', './app/env.server.ts', ...UI, ...ENTRY_POINTS],
    message: 'db/ may import the domain only: services call repositories, never the reverse (docs/architecture.md).',
  },
  {
    target: './search',
    from: ['./app/services', './app/env.server.ts', ...UI, ...ENTRY_POINTS],
    message: 'search/ may import the domain and db/ only (docs/architecture.md).',
  },
  {
    target: './app/services',
    from: [...UI, ...ENTRY_POINTS],
    message: 'Services are called by routes and the API, never the reverse (docs/architecture.md).',
  },
  {
    target: UI,
    from: ['./db', './search'],
    message: 'Routes, components and the API go through app/services for data (docs/architecture.md).',
  },
  {
    target: './app/components',
    from: ['./app/services', './app/routes', './app/api'],
    message: 'Components are presentational: they receive data as props (docs/architecture.md).',
  },
];

/** Modules with I/O that the pure domain must not use. */
const IO_MODULES = ['node:*', 'fs', 'path', 'better-sqlite3', 'kysely', 'meilisearch', 'express', '@remix-run/*'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'public/build/',
      '.cache/',
      'data/',
      'bench-data/',
      'tests/.tmp/',
      'tests/lint-fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
      'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['app/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['app/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: IO_MODULES, message: 'app/domain is pure: no I/O module (docs/architecture.md).' }] },
      ],
    },
  },
  prettier,
);
