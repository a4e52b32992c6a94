import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TMP_DIR } from './paths';

// A small real file system for the "full disk" and "read-only" tests: a tmpfs mounted under tests/.tmp. Needs
// root (CI and the development machines run the tests as root); where mounting is refused, `mountTmpfs`
// returns null and the tests that need it are skipped with that reason. See
// docs/decisions/080-failure-causes-and-exit-codes.md.

export interface Tmpfs {
  dir: string;
  remountReadOnly(): void;
  unmount(): void;
}

function run(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/** Mounts a tmpfs of `sizeKiB`; null when this machine does not allow it (not root, no CAP_SYS_ADMIN). */
export function mountTmpfs(sizeKiB: number): Tmpfs | null {
  const dir = path.join(TMP_DIR, `tmpfs-${process.pid}-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  if (!run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0755`, 'tmpfs', dir]).ok) {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    remountReadOnly() {
      const result = run('mount', ['-o', 'remount,ro', dir]);
      if (!result.ok) throw new Error(`remount read-only failed: ${result.output}`);
    },
    unmount() {
      run('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether tmpfs mounts work here, probed once. */
export const CAN_MOUNT_TMPFS: boolean = (() => {
  const probe = mountTmpfs(64);
  probe?.unmount();
  return probe !== null;
})();
