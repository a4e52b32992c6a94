import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCommandLine, runCommand, usageText, type CommandSpec, type ScriptIo } from '../../scripts/lib/cli';
import { BENCH_COMMAND } from '../../scripts/bench';
import { BENCH_HTTP_COMMAND } from '../../scripts/bench-http';
import { IMPORT_COMMAND } from '../../scripts/import';

const SPEC = {
  command: 'npm run demo --',
  synopsis: 'FICHIER [--count N] [--dry-run]',
  positionals: { max: 1, example: 'FICHIER' },
  example: '--count 3',
  options: {
    count: { type: 'string', value: 'N', description: 'combien' },
    'dry-run': { type: 'boolean', description: 'sans écrire' },
  },
  schema: z.object({
    positionals: z.array(z.string()).min(1, 'Fichier manquant.'),
    count: z.string().regex(/^\d+$/, '--count doit être un nombre entier.').transform(Number).default('1'),
    dryRun: z.boolean().default(false),
  }),
} satisfies CommandSpec<z.ZodTypeAny>;

function capture(): ScriptIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (t) => out_.push(t), err: (t) => err_.push(t) };
}

describe('parseCommandLine', () => {
  it('gives typed arguments, camel-cased, with defaults', () => {
    expect(parseCommandLine(SPEC, ['a.csv', '--count', '3', '--dry-run'])).toEqual({
      ok: true,
      value: { help: false, args: { positionals: ['a.csv'], count: 3, dryRun: true } },
    });
    expect(parseCommandLine(SPEC, ['a.csv'])).toMatchObject({ ok: true, value: { args: { count: 1, dryRun: false } } });
    expect(parseCommandLine(SPEC, ['-h'])).toEqual({ ok: true, value: { help: true } });
  });

  it('refuses an unknown option, naming it and the possible ones, in French', () => {
    const result = parseCommandLine(SPEC, ['a.csv', '--force']);
    expect(result).toEqual({
      ok: false,
      error: [
        {
          field: '--force',
          message:
            'Arguments invalides : option inconnue « --force » (options possibles : --count, --dry-run, --help).',
        },
      ],
    });
  });

  it('names the option of a bad or missing value', () => {
    expect(parseCommandLine(SPEC, ['a.csv', '--count', 'x'])).toEqual({
      ok: false,
      error: [{ field: '--count', message: '--count doit être un nombre entier.' }],
    });
    const missing = parseCommandLine(SPEC, ['a.csv', '--count']);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error[0]).toMatchObject({ field: '--count' });
    if (!missing.ok) expect(missing.error[0].message).toContain('valeur manquante ou ambiguë pour --count');
    expect(parseCommandLine(SPEC, [])).toEqual({ ok: false, error: [{ field: '', message: 'Fichier manquant.' }] });
    expect(parseCommandLine(SPEC, ['a', 'b']).ok).toBe(false);
  });

  it('hands every argument of a pass-through command to its schema', () => {
    const spec = { ...SPEC, passThrough: true, schema: z.object({ positionals: z.array(z.string()) }) };
    expect(parseCommandLine(spec, ['--project', 'unit'])).toEqual({
      ok: true,
      value: { help: false, args: { positionals: ['--project', 'unit'] } },
    });
  });
});

describe('usageText', () => {
  it('lists the synopsis and every option with its value name, --help included', () => {
    const text = usageText(IMPORT_COMMAND);
    expect(text.split('\n')[0]).toBe(
      'Usage : npm run import -- FICHIER.csv [--approve] [--dry-run] [--database CHEMIN]',
    );
    expect(text).toContain('--database CHEMIN');
    expect(text).toContain('--help, -h');
    expect(text).toContain('docs/import.md');
  });
});

describe('runCommand', () => {
  it('exits 2 with every issue and the usage, without running the script', async () => {
    const io = capture();
    let ran = false;
    const code = await runCommand(SPEC, ['--count', 'x'], async () => ((ran = true), 0), { io });
    expect(code).toBe(2);
    expect(ran).toBe(false);
    expect(io.err_.join('\n')).toContain(
      'Fichier manquant.\n--count doit être un nombre entier.\n\nUsage : npm run demo',
    );
  });

  it('prints the usage on --help and exits 0', async () => {
    const io = capture();
    expect(await runCommand(SPEC, ['--help'], async () => 5, { io })).toBe(0);
    expect(io.out_[0]).toContain('Usage : npm run demo');
  });

  it('reports a named cause without a stack trace, and an internal error with one', async () => {
    const io = capture();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const code = await runCommand(SPEC, ['a.csv'], () => Promise.reject(full), { io, hints: { path: '/d/m.db' } });
    expect(code).toBe(10);
    expect(io.err_).toEqual([expect.stringMatching(/^Échec : Disque plein \(\/d\/m\.db\)/)]);

    const bug = capture();
    expect(await runCommand(SPEC, ['a.csv'], () => Promise.reject(new TypeError('x is undefined')), { io: bug })).toBe(
      70,
    );
    expect(bug.err_[0]).toBe('Échec : Erreur interne : x is undefined');
    expect(bug.err_[1]).toContain('TypeError: x is undefined\n    at ');
  });

  it('does no work when a script is imported (its main runs only when executed)', async () => {
    const before = process.exitCode;
    await import('../../scripts/migrate');
    await import('../../scripts/start');
    expect(process.exitCode).toBe(before);
  });
});

describe('the benchmarks’ command lines', () => {
  it('take whole numbers within their bounds, with defaults', () => {
    expect(parseCommandLine(BENCH_COMMAND, [])).toMatchObject({
      ok: true,
      value: { args: { suppliers: 100_000, seed: 42, queries: 240, keep: false } },
    });
    expect(parseCommandLine(BENCH_COMMAND, ['--suppliers', '500', '--keep'])).toMatchObject({
      ok: true,
      value: { args: { suppliers: 500, keep: true } },
    });
    expect(parseCommandLine(BENCH_HTTP_COMMAND, ['--duration', '5'])).toMatchObject({
      ok: true,
      value: { args: { duration: 5, connections: 16, url: 'http://localhost:3000' } },
    });
  });

  it.each([
    [['--queries', '5'], '--queries doit valoir au moins 200.'],
    [['--suppliers', '0'], '--suppliers doit valoir au moins 1.'],
    [['--seed=-1'], '--seed doit être positif ou nul.'],
    [['--seed', 'x'], '--seed doit être un nombre entier.'],
    [['--database', ' '], '--database ne peut pas être vide.'],
  ])('npm run bench -- %j is refused: %s', (argv, message) => {
    expect(parseCommandLine(BENCH_COMMAND, argv)).toMatchObject({ ok: false, error: [{ message }] });
  });

  it.each([
    [['--duration', '0'], '--duration doit valoir au moins 1.'],
    [['--connections', '1001'], '--connections ne peut pas dépasser 1000.'],
    [['--url', 'ftp://x'], '--url doit être une adresse http(s)://…'],
  ])('npm run bench:http -- %j is refused: %s', (argv, message) => {
    expect(parseCommandLine(BENCH_HTTP_COMMAND, argv)).toMatchObject({ ok: false, error: [{ message }] });
  });
});
