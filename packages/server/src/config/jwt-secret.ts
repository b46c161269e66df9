import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_JWT_SECRET_BYTES } from './server-settings.js';
import { ServerConfigError } from './server-config-error.js';

export const JWT_SECRET_FILE = 'jwt-secret';

export interface ResolveJwtSecretOptions {
  /** The `JWT_SECRET` value, if set. */
  configured: string | undefined;
  /** `$LOOPLY_HOME`, where a generated secret is kept. */
  home: string;
  /** `NODE_ENV === 'production'`: then a configured secret is mandatory. */
  production: boolean;
}

/**
 * The JWT signing key: `JWT_SECRET` (at least 32 bytes) when set; otherwise, outside production, a random
 * secret generated once and kept in `$LOOPLY_HOME/jwt-secret` (mode 0600) so tokens survive restarts.
 * In production a missing or short secret refuses to start.
 */
export async function resolveJwtSecret(
  options: ResolveJwtSecretOptions,
): Promise<{ key: KeyObject; source: 'environment' | 'generated' | 'file' }> {
  const configured = options.configured?.trim() ? options.configured : undefined;
  if (configured !== undefined) {
    const bytes = Buffer.from(configured, 'utf8');
    if (bytes.length < MIN_JWT_SECRET_BYTES) {
      throw new ServerConfigError(
        'JWT_SECRET',
        `invalid environment variable JWT_SECRET: it is ${bytes.length} bytes, at least ${MIN_JWT_SECRET_BYTES} are required (e.g. \`openssl rand -base64 48\`)`,
      );
    }
    return { key: createSecretKey(bytes), source: 'environment' };
  }
  if (options.production) {
    throw new ServerConfigError(
      'JWT_SECRET',
      `JWT_SECRET must be set in production (NODE_ENV=production), at least ${MIN_JWT_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`)`,
    );
  }
  const path = join(options.home, JWT_SECRET_FILE);
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    const bytes = Buffer.from(existing.trim(), 'utf8');
    if (bytes.length < MIN_JWT_SECRET_BYTES) {
      throw new ServerConfigError(
        'JWT_SECRET',
        `the generated secret in ${path} is shorter than ${MIN_JWT_SECRET_BYTES} bytes: delete the file to generate a new one`,
      );
    }
    return { key: createSecretKey(bytes), source: 'file' };
  }
  await mkdir(options.home, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  try {
    // `wx`: two processes starting together must not each write their own secret.
    await writeFile(path, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveJwtSecret(options);
    throw error;
  }
  return { key: createSecretKey(Buffer.from(generated, 'utf8')), source: 'generated' };
}
