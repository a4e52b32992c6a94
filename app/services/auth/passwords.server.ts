import { hash, verify } from '@node-rs/argon2';

// Password hashing (docs/decisions/101-passwords.md): argon2id with OWASP's first recommended setting,
// 19 MiB of memory, 2 passes, 1 lane. @node-rs/argon2's default algorithm is argon2id (its `Algorithm` enum
// is a `const enum` that isolatedModules cannot read); tests check the `$argon2id$` prefix of each hash.
// The password itself is never stored, logged or mailed.

export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Whether the password matches the stored hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * The hash of a random password that was thrown away, made once with ARGON2_OPTIONS (a test checks they
 * match). Verifying against it costs what a real verification costs, from the first request on.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$38/9vvdrE+VV2EqJJ0wsSA$PZkg8M1LyTYJYE6ewZgXriFj/8/p9jDMX08uuRBUz/w';

/**
 * Spends the time of one verification, so that a log-in for an unknown address takes as long as one with a
 * wrong password (no timing oracle on who has an account). Always false.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, password);
  return false;
}
