import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { classifyFailure, EXIT_CODES, isNamedCause, type FailureHints } from '../../app/domain/failure';
import { fail, ok, type FieldIssue, type Result } from '../../app/domain/result';
import { parseEnv, type Env } from '../../app/env.server';

// The one command-line helper of scripts/: declared options, parsed by node:util's parseArgs and validated by
// a zod schema, French messages for unknown options and bad values, a usage text built from the declaration,
// and the exit codes of app/domain/failure.ts. Each script exports `main(argv)` and runs it only when executed
// directly (`runIfMain`), so importing a script does no work. See docs/decisions/081-script-command-line.md.

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in the usage text (`--database CHEMIN`). */
  value?: string;
  description: string;
}

export interface CommandSpec<Schema extends z.ZodTypeAny> {
  /** How the command is typed, without options: `npm run import --`. */
  command: string;
  /** What follows the command in the usage line, e.g. `FICHIER.csv [--approve] [--database CHEMIN]`. */
  synopsis: string;
  /** Option names in kebab case, without `--`. `--help` (`-h`) is always added. */
  options: Record<string, OptionSpec>;
  /** How many words without an option the command takes (default none). */
  positionals?: { max: number; example: string };
  /** Example shown when a value has no option: `--suppliers 100`. */
  example?: string;
  /** Validates `{ ...options (camelCase), positionals }`; messages in French. */
  schema: Schema;
  /** Lines after the options in the usage text. */
  footer?: string;
  /**
   * Hands every argument, unparsed, to the schema as `positionals` (for a wrapper such as `npm test`, whose
   * arguments belong to the tool it runs); only a first `--help` is the script's own.
   */
  passThrough?: boolean;
}

export type CommandLine<T> = { help: true } | { help: false; args: T };

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The usage text: the synopsis line, then one line per option. */
export function usageText(spec: CommandSpec<z.ZodTypeAny>): string {
  const entries = Object.entries(spec.options).map(([name, o]) => [
    `--${name}${o.value ? ` ${o.value}` : ''}${o.short ? `, -${o.short}` : ''}`,
    o.description,
  ]);
  entries.push(['--help, -h', 'affiche cette aide']);
  const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
  const lines = entries.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`);
  return [`Usage : ${spec.command} ${spec.synopsis}`.trimEnd(), '', ...lines, ...(spec.footer ? ['', spec.footer] : [])]
    .join('\n')
    .trimEnd();
}

function parseError(spec: CommandSpec<z.ZodTypeAny>, error: unknown): FieldIssue {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1];
  const names = Object.keys(spec.options).map((n) => `--${n}`);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return {
        field: quoted ?? '',
        message: `Arguments invalides : option inconnue${quoted ? ` « ${quoted} »` : ''} (options possibles : ${
          names.length > 0 ? names.join(', ') : 'aucune'
        }, --help).`,
      };
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return {
        field: '',
        message: `Arguments invalides : valeur sans option${quoted ? ` « ${quoted} »` : ''}${
          spec.example ? ` (écrivez par exemple ${spec.example})` : ''
        }.`,
      };
    default: {
      const option = /(--[a-z-]+)/.exec(message ?? '')?.[1];
      return {
        field: option ?? '',
        message: `Arguments invalides : valeur manquante ou ambiguë${option ? ` pour ${option}` : ''} (écrivez par exemple ${
          option ? `${option}=VALEUR` : (spec.example ?? '--option=VALEUR')
        }).`,
      };
    }
  }
}

/** Parses argv against the declaration; issues name the option (`--suppliers`) they are about. */
export function parseCommandLine<Schema extends z.ZodTypeAny>(
  spec: CommandSpec<Schema>,
  argv: readonly string[],
): Result<CommandLine<z.output<Schema>>> {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  if (spec.passThrough) {
    if (argv[0] === '--help' || argv[0] === '-h') return ok({ help: true });
    parsed = { values: {}, positionals: [...argv] };
  } else {
    try {
      parsed = parseArgs({
        args: [...argv],
        strict: true,
        allowPositionals: (spec.positionals?.max ?? 0) > 0,
        options: {
          ...Object.fromEntries(
            Object.entries(spec.options).map(([name, o]) => [
              name,
              o.short ? { type: o.type, short: o.short } : { type: o.type },
            ]),
          ),
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      return fail([parseError(spec, error)]);
    }
  }
  if (parsed.values.help) return ok({ help: true });
  const max = spec.passThrough ? Infinity : (spec.positionals?.max ?? 0);
  if (parsed.positionals.length > max) {
    return fail([
      {
        field: '',
        message: `Arguments invalides : ${max} valeur(s) sans option au plus (reçu : ${parsed.positionals.join(', ')}).`,
      },
    ]);
  }
  const input: Record<string, unknown> = { positionals: parsed.positionals };
  for (const [name, value] of Object.entries(parsed.values)) if (name !== 'help') input[camel(name)] = value;
  const result = spec.schema.safeParse(input);
  if (!result.success) {
    return fail(
      result.error.issues.map((issue: z.ZodIssue) => {
        const key = issue.path.length > 0 ? String(issue.path[0]) : '';
        return { field: key === '' || key === 'positionals' ? '' : `--${kebab(key)}`, message: issue.message };
      }),
    );
  }
  return ok({ help: false, args: result.data as z.output<Schema> });
}

export interface ScriptIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: ScriptIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Parses the command line and runs the script with its arguments: `--help` prints the usage (exit 0), bad
 * arguments print every issue and the usage (exit 2, nothing run), and a failure the script throws is
 * reported by its cause (`reportFailure`).
 */
export async function runCommand<Schema extends z.ZodTypeAny>(
  spec: CommandSpec<Schema>,
  argv: readonly string[],
  run: (args: z.output<Schema>) => Promise<number | undefined>,
  options: { io?: ScriptIo; hints?: FailureHints | ((args: z.output<Schema>) => FailureHints) } = {},
): Promise<number | undefined> {
  const io = options.io ?? processIo;
  const parsed = parseCommandLine(spec, argv);
  if (!parsed.ok) {
    io.err(`${parsed.error.map((issue) => issue.message).join('\n')}\n\n${usageText(spec)}`);
    return EXIT_CODES.usage;
  }
  if (parsed.value.help) {
    io.out(usageText(spec));
    return EXIT_CODES.ok;
  }
  const { args } = parsed.value;
  try {
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return EXIT_CODES.usage;
    }
    const hints = typeof options.hints === 'function' ? options.hints(args) : options.hints;
    return reportFailure(error, hints, io);
  }
}

/**
 * A whole-number option given as text (`--suppliers 100`), within [min, max], `fallback` when absent; French
 * messages naming the option.
 */
export function integerOption(flag: string, { min, max, fallback }: { min: number; max: number; fallback: number }) {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, `${flag} doit être un nombre entier.`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, min === 0 ? `${flag} doit être positif ou nul.` : `${flag} doit valoir au moins ${min}.`)
        .max(max, `${flag} ne peut pas dépasser ${max}.`),
    )
    .optional()
    .transform((v) => v ?? fallback);
}

/** A mistake of the person running the script (an environment variable, a file name): exit 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The environment (app/env.server.ts); a bad variable is a UsageError listing every problem. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  try {
    return parseEnv(source);
  } catch (error) {
    throw new UsageError(
      `Variables d'environnement invalides (voir README.md, « Configuration ») :\n${(error as Error).message
        .split('\n')
        .slice(1)
        .join('\n')}`,
    );
  }
}

/**
 * Prints a failure by its cause in French (the path, a full disk, a read-only file system…) and returns the
 * exit code for it. Only an unclassified failure, a real fault, gets its stack trace.
 */
export function reportFailure(error: unknown, hints: FailureHints = {}, io: ScriptIo = processIo): number {
  const failure = classifyFailure(error, hints);
  io.err(`Échec : ${failure.message}`);
  if (!isNamedCause(failure)) io.err(error instanceof Error ? (error.stack ?? String(error)) : String(error));
  return failure.exitCode;
}

/** Whether this module is the one node (or tsx) was asked to run. */
export function isDirectRun(moduleFile: string): boolean {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]) === path.resolve(moduleFile);
}

/**
 * Runs `main(argv)` when `moduleFile` is the script being executed, then exits with its code; `undefined` means
 * "keep running" (a server). Does nothing when the module is imported (by a test, another script).
 */
export function runIfMain(moduleFile: string, main: (argv: string[]) => Promise<number | undefined>): void {
  if (!isDirectRun(moduleFile)) return;
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (error: unknown) => process.exit(reportFailure(error)),
  );
}
