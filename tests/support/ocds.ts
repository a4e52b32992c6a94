import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { completeSiren, completeSiret } from '~/domain/siret';
import { ROOT } from './paths';

// The OCDS 1.1.5 schemas and codelists, read from the shared folder next to the repository (tests only: the
// running site never reads it). OCDS_SCHEMA_DIR overrides; otherwise the first `shared/ocds` found beside the
// repository or beside one of its parent folders (../shared/ocds from a clone, ../../shared/ocds from a worktree).
function findOcdsDir(): string | null {
  if (process.env.OCDS_SCHEMA_DIR) return process.env.OCDS_SCHEMA_DIR;
  for (let dir = path.resolve(ROOT, '..'); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/ocds');
    if (fs.existsSync(path.join(candidate, 'release-schema.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

export const OCDS_DIR = findOcdsDir();

function ocdsFile(...parts: string[]): string {
  if (!OCDS_DIR)
    throw new Error(
      `The OCDS 1.1.5 schemas were not found in a shared/ocds folder beside ${ROOT} or its parents: set OCDS_SCHEMA_DIR.`,
    );
  return path.join(OCDS_DIR, ...parts);
}

function readJson(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(ocdsFile(name), 'utf8')) as Record<string, unknown>;
}

/** Validators for a release and a release package (draft-04, formats on, not strict: the schemas carry OCDS keywords). */
export function ocdsValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const releaseSchema = readJson('release-schema.json');
  const packageSchema = readJson('release-package-schema.json');
  ajv.addSchema(releaseSchema);
  return {
    release: ajv.getSchema(releaseSchema.id as string)!,
    releasePackage: ajv.compile(packageSchema),
  };
}

/** The codes of one codelist CSV (its `Code` column). */
export function codelist(name: string): Set<string> {
  const rows = parse(fs.readFileSync(ocdsFile('codelists', name), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return new Set(rows.map((row) => row.Code));
}

/** A valid SIRET derived from n (1…9999). */
export function siretFor(n: number): string {
  const siren = completeSiren(String(10_000_000 + n));
  return completeSiret(`${siren}0001`);
}
