import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { completeSiren, completeSiret } from '~/domain/siret';
import { ROOT } from './paths';

// The OCDS 1.1.5 schemas and codelists, read from the shared folder next to the repository (tests only: the
// running site never reads it). OCDS_SCHEMA_DIR overrides; otherwise ../shared/ocds from /work/main or from a
// worktree under /work/wt/.
export const OCDS_DIR =
  process.env.OCDS_SCHEMA_DIR ??
  [path.resolve(ROOT, '../shared/ocds'), path.resolve(ROOT, '../../shared/ocds')].find((dir) =>
    fs.existsSync(path.join(dir, 'release-schema.json')),
  ) ??
  path.resolve(ROOT, '../shared/ocds');

function readJson(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(OCDS_DIR, name), 'utf8')) as Record<string, unknown>;
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
  const rows = parse(fs.readFileSync(path.join(OCDS_DIR, 'codelists', name), 'utf8'), {
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
