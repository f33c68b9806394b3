/**
 * argon2id password hashes in PHC format ($argon2id$v=19$m=…,t=…,p=…$salt$hash), via @node-rs/argon2,
 * which hashes on libuv's thread pool and so never blocks the event loop.
 *
 * Parameters. The OWASP Password Storage Cheat Sheet
 * (cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id) sets the floor
 * for argon2id at m = 19 MiB, t = 2, p = 1 (or an equivalent trade such as m = 46 MiB, t = 1). We use
 * m = 64 MiB, t = 3, p = 1: the memory and pass count of RFC 9106 §4's second recommended setting,
 * about 3.4× the OWASP floor in memory and 1.5× in passes, so each guess costs an attacker ~5× more.
 * Measured on the 2-core VM this project runs on: ~95 ms per hash (the floor: ~30 ms), well inside
 * the ~0.1–1 s sign-in budget. Parallelism stays 1 because the lanes would compete with the other
 * services for the same two cores, and RFC 9106's p = 4 buys an attacker as much as us. Peak memory
 * is 64 MiB per concurrent hash (libuv runs 4 by default), and login throttling bounds how many
 * hashes a client can make us compute.
 */

import type { Algorithm } from '@node-rs/argon2';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { normalisePassword } from './normalise';

// The package's `Algorithm` is a const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export const ARGON2ID_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 1,
  outputLen: 32,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password), ARGON2ID_PARAMETERS);
}

/** True when `password` matches `passwordHash`; the comparison inside argon2 is constant-time. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, normalisePassword(password));
}

/**
 * True when a stored hash was made with other parameters than today's, so it should be replaced at
 * the next successful sign-in (the only moment the plain password is at hand).
 */
export function needsRehash(passwordHash: string): boolean {
  const stored = parseOptions(passwordHash);
  return (
    stored.algorithm !== ARGON2ID_PARAMETERS.algorithm ||
    stored.memoryCost !== ARGON2ID_PARAMETERS.memoryCost ||
    stored.timeCost !== ARGON2ID_PARAMETERS.timeCost ||
    stored.parallelism !== ARGON2ID_PARAMETERS.parallelism ||
    stored.outputLen !== ARGON2ID_PARAMETERS.outputLen
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash and returns false. A sign-in for an unknown email does this so
 * that it takes as long as one with a wrong password: response time must not reveal which emails
 * have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash(crypto.randomUUID(), ARGON2ID_PARAMETERS);
  await verify(await dummyHash, normalisePassword(password));
  return false;
}
