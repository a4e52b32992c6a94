import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js (docs/architecture.md, "Layers") checked on code written at a virtual
// path inside each layer: a forbidden import must be reported, an allowed one must not.

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesReported(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

/** One import and one use of it, so that only the layer rules can object. */
const importing = (names: string, from: string) =>
  `import { ${names} } from '${from}';\nexport const x = [${names}];\n`;

const FORBIDDEN: [label: string, file: string, code: string][] = [
  ['domain → db', 'app/domain/fixture.ts', importing('openDatabase', '../../db/connection')],
  ['domain → search', 'app/domain/fixture.ts', importing('createSearchEngine', '../../search/index')],
  ['domain → services', 'app/domain/fixture.ts', importing('getAppContext', '../services/context.server')],
  ['db → services', 'db/repositories/fixture.ts', importing('getAppContext', '../../app/services/context.server')],
  ['db → search', 'db/repositories/fixture.ts', importing('createSearchEngine', '../../search/index')],
  ['search → services', 'search/fixture.ts', importing('getAppContext', '../app/services/context.server')],
  ['services → components', 'app/services/fixture.server.ts', importing('ErrorPage', '~/components/error-page')],
  ['routes → db', 'app/routes/fixture.tsx', importing('openDatabase', '../../db/connection')],
  ['api → search', 'app/api/fixture.server.ts', importing('createSearchEngine', '../../search/index')],
];

const ALLOWED: [label: string, file: string, code: string][] = [
  ['domain → domain', 'app/domain/fixture.ts', importing('normaliseForSearch', './text')],
  ['db → domain', 'db/repositories/fixture.ts', importing('luhnValid', '../../app/domain/siret')],
  ['search → db', 'search/fixture.ts', importing('openDatabase', '../db/connection')],
  ['routes → services', 'app/routes/fixture.tsx', importing('getAppContext', '~/services/context.server')],
];

describe('layer rules', () => {
  it.each(FORBIDDEN)('reports %s', async (_label, file, code) => {
    expect(await rulesReported(file, code)).toContain('import-x/no-restricted-paths');
  });

  it.each(ALLOWED)('allows %s', async (_label, file, code) => {
    expect(await rulesReported(file, code)).toEqual([]);
  });

  it('reports an I/O module in the pure domain', async () => {
    expect(await rulesReported('app/domain/fixture.ts', importing('readFileSync', 'node:fs'))).toContain(
      'no-restricted-imports',
    );
  });

  it('reports a source file over 500 lines', async () => {
    const code = Array.from({ length: 501 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    expect(await rulesReported('app/domain/fixture.ts', code)).toContain('max-lines');
  });
});
