/**
 * Password hashing with argon2id. Production uses OWASP's recommended parameters; the test
 * suite sets ACCORD_ARGON2_COST=test for a cheap hash, because hundreds of sign-ins at 19 MiB
 * and two passes each are most of some test files' time and none of their subject.
 */
import { hash, verify } from '@node-rs/argon2';
import { ConfigError } from '../config';

// Algorithm.Argon2id; the package's enum is a `const enum`, which isolated modules cannot import.
const ARGON2ID = 2;

/** The argon2id parameter sets ACCORD_ARGON2_COST chooses from (`owasp` unless set). */
export const ARGON2_COSTS = {
  /** OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1. */
  owasp: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  /** For tests only: the smallest memory argon2 allows a single lane. Never in production. */
  test: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

/** A name of ARGON2_COSTS. */
export type Argon2Cost = keyof typeof ARGON2_COSTS;

/** The cost named by ACCORD_ARGON2_COST in `env`; an unknown name is a configuration error. */
export function argon2Cost(env: NodeJS.ProcessEnv = process.env): Argon2Cost {
  const v = env.ACCORD_ARGON2_COST || 'owasp';
  if (!Object.hasOwn(ARGON2_COSTS, v)) {
    throw new ConfigError([`ACCORD_ARGON2_COST: must be one of ${Object.keys(ARGON2_COSTS).join(', ')}`]);
  }
  return v as Argon2Cost;
}

/** Hashes with the parameters ACCORD_ARGON2_COST chooses (read on each call, so tests can switch). */
export const hashPassword = (password: string) =>
  hash(password, { algorithm: ARGON2ID, ...ARGON2_COSTS[argon2Cost()] });

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash of nothing anyone knows: verifying against it when the e-mail is unknown makes an
 * unknown address take as long as a wrong password, so timing does not tell them apart.
 */
let dummy: Promise<string> | null = null;
export const dummyHash = () => {
  dummy ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummy;
};
