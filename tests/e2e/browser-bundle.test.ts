import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import COMMON_PASSWORDS from '../../app/domain/auth/common-passwords.json';
import { ROOT } from '../support/paths';

// What the production build sends to browsers (public/build, built by `npm test` before this project runs).
// The common-password list is 130 kB and only the server checks it (docs/decisions/101-passwords.md): the form
// pages import their schemas from app/domain/auth/forms.ts, which must not pull it in.

function browserFiles(dir = path.join(ROOT, 'public/build')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? browserFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .filter((file) => file.endsWith('.js'));
}

describe('the browser bundle', () => {
  it('does not carry the common-password list', () => {
    const files = browserFiles();
    expect(files.some((file) => file.includes(`${path.sep}routes${path.sep}inscription-`))).toBe(true);
    const probes = ['azertyuiop', COMMON_PASSWORDS[5000]];
    for (const probe of probes) expect(COMMON_PASSWORDS).toContain(probe);
    const carrying = files.filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return probes.every((probe) => text.includes(`"${probe}"`));
    });
    expect(carrying.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});
