import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MAX_SEED_SUPPLIERS } from './index';

// Command-line arguments of `npm run seed`, parsed with zod; French messages for the person typing them.

export interface SeedArgs {
  suppliers: number;
  seed: number;
  database?: string;
}

export const SEED_USAGE = 'Usage : npm run seed -- --suppliers N --seed S [--database CHEMIN]';

const integer = (flag: string, min: number, max: number, fallback: number) =>
  z
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

const schema = z.object({
  suppliers: integer('--suppliers', 0, MAX_SEED_SUPPLIERS, 1000),
  seed: integer('--seed', 0, 2 ** 32 - 1, 42),
  database: z.string().trim().min(1, '--database ne peut pas être vide.').optional(),
});

export function parseSeedArgs(argv: string[]): { ok: true; value: SeedArgs } | { ok: false; message: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { suppliers: { type: 'string' }, seed: { type: 'string' }, database: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? 'Arguments invalides : option inconnue (options possibles : --suppliers, --seed, --database).'
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? 'Arguments invalides : valeur sans option (écrivez par exemple --suppliers 100).'
          : 'Arguments invalides : valeur manquante ou ambiguë (écrivez par exemple --suppliers=100).';
    return { ok: false, message };
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('\n') };
  return { ok: true, value: parsed.data };
}
