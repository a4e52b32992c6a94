import os from 'node:os';
import { z } from 'zod';

// The one place where environment variables are read. Defaults make `npm start` work with nothing set.

/** A postgres:// or postgresql:// URL with a host (the credentials and database name are optional). */
function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default('data/maillage.db'),
    // Set: PostgreSQL is the database of record and DATABASE_PATH is not used (docs/decisions/310).
    DATABASE_URL: z
      .string()
      .trim()
      .refine(
        isPostgresUrl,
        'adresse PostgreSQL attendue, de la forme postgres://utilisateur:mot-de-passe@hôte:5432/base (ou postgresql://…)',
      )
      .optional()
      .or(z.literal('').transform(() => undefined)),
    // The embedded search index's own SQLite file when PostgreSQL is the database of record without MEILI_HOST.
    SEARCH_INDEX_PATH: z.string().min(1).default('data/search-index.db'),
    SEED_DEMO: z.enum(['0', '1']).default('1'),
    MEILI_HOST: z
      .string()
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MEILI_API_KEY: z.string().optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/)
      .default('suppliers'),
    // Answers of repeated searches kept per process while the index does not change (decision 303); 0 keeps none.
    SEARCH_CACHE_ENTRIES: z.coerce
      .number({ invalid_type_error: 'expected a whole number of answers, 0 to 100000 (0 turns the cache off)' })
      .int('expected a whole number of answers, 0 to 100000 (0 turns the cache off)')
      .min(0, 'expected a whole number of answers, 0 to 100000 (0 turns the cache off)')
      .max(100_000, 'expected a whole number of answers, 0 to 100000 (0 turns the cache off)')
      .default(500),
    // Rendered pages kept per process for visitors who are not signed in (decision 305); 0 keeps none.
    HTML_CACHE_ENTRIES: z.coerce
      .number({ invalid_type_error: 'expected a whole number of pages, 0 to 100000 (0 turns the cache off)' })
      .int('expected a whole number of pages, 0 to 100000 (0 turns the cache off)')
      .min(0, 'expected a whole number of pages, 0 to 100000 (0 turns the cache off)')
      .max(100_000, 'expected a whole number of pages, 0 to 100000 (0 turns the cache off)')
      .default(300),
    MAIL_DIR: z.string().min(1).default('data/mail'),
    // Unset: each message is written as an .eml file into MAIL_DIR (docs/decisions/084-mail-outbox.md).
    SMTP_URL: z
      .string()
      .url()
      .refine((url) => /^smtps?:\/\//i.test(url), 'expected an smtp:// or smtps:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MAIL_FROM: z.string().trim().min(1).default('Maillage <ne-pas-repondre@maillage.localhost>'),
    // Uploaded files (logos, charter evidence), kept outside public/ under random names.
    UPLOADS_DIR: z.string().min(1).default('data/uploads'),
    // The site's public origin, for the links of mails (docs/decisions/103-site-url.md). Required in production:
    // a link built from the request's Host header could point a password reset at another site.
    SITE_URL: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//i.test(url), 'expected an http:// or https:// URL')
      .transform((url) => new URL(url).origin)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    // Processes serving HTTP (docs/decisions/330-cluster-workers.md): 1 serves from one process, as before the
    // cluster; more forks that many workers sharing the port. Default: the machine's cores (at most 64).
    WEB_CONCURRENCY: z
      .preprocess(
        (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
        z
          .string()
          .trim()
          .regex(/^\d+$/, 'nombre entier de processus attendu, de 1 à 64')
          .transform(Number)
          .pipe(
            z
              .number()
              .min(1, 'au moins 1 processus (1 : un seul processus, sans cluster)')
              .max(64, 'au plus 64 processus'),
          )
          .optional(),
      )
      .transform((count) => count ?? Math.min(64, os.availableParallelism())),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SITE_URL !== undefined, {
    path: ['SITE_URL'],
    message: 'required when NODE_ENV=production (the origin of the links in mails, e.g. https://maillage.example.fr)',
  });

export type Env = z.infer<typeof schema>;

/** Parses an environment (process.env by default); throws a readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
