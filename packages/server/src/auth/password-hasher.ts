import { hash, verify, type Options } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 iterations, 1 lane. */
// `Algorithm` is an ambient const enum (unusable under verbatimModuleSyntax): 2 is Argon2id.
export const ARGON2ID_PARAMETERS: Options = {
  algorithm: 2 as NonNullable<Options['algorithm']>,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Passwords of 8–128 characters are accepted (OWASP: allow at least 64; cap to avoid long-password DoS). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Hashes passwords with argon2id at the OWASP parameters into a PHC string (parameters upgradable later). */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID_PARAMETERS);
  }

  /** Constant-time comparison inside argon2; a malformed stored hash counts as a mismatch. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real verify, so an unknown email answers as slowly as a wrong password. */
  async verifyAgainstNobody(password: string): Promise<false> {
    this.dummyHash ??= hash('looply-timing-equaliser', ARGON2ID_PARAMETERS);
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
