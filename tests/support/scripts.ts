import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

// Runs one of scripts/ as a user would (tsx, the repository as working directory), without colours, the demo seed
// or Meilisearch unless `env` says otherwise.

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export function runScript(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', SEED_DEMO: '0', MEILI_HOST: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
