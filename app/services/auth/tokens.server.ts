import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Tokens of the form `id.secret` (Lucia's current design, docs/decisions/100-sessions.md), for sessions and
// e-mailed links alike: two random strings of 120 bits each. The id finds the row; only the SHA-256 of the
// secret is stored, and it is compared in constant time, so a stolen database gives no usable token and a
// guessed id with a wrong secret learns nothing from the answer's timing.

const RANDOM_BYTES = 15;

/** 24 characters of base32 (a-z, 2-7): 120 random bits. */
export function generateRandomString(): string {
  const bytes = new Uint8Array(RANDOM_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export interface NewToken {
  id: string;
  secretHash: Uint8Array;
  /** `id.secret`, given once to the browser or put in a link; never stored. */
  token: string;
}

export function generateToken(): NewToken {
  const id = generateRandomString();
  const secret = generateRandomString();
  return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

const TOKEN_PATTERN = /^([a-z2-7]{24})\.([a-z2-7]{24})$/;

/** The id and secret of a well-formed token, or undefined. */
export function splitToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

/** Whether the secret hashes to the stored hash, compared in constant time. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const computed = hashSecret(secret);
  return computed.length === storedHash.length && constantTimeEqual(computed, new Uint8Array(storedHash));
}
