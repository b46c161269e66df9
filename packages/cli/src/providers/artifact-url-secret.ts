import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.js';

export const ARTIFACT_URL_SECRET_FILE = 'artifact-url-secret';
export const ARTIFACT_URL_SECRET_VARIABLE = 'LOOPLY_ARTIFACT_URL_SECRET';
const MIN_SECRET_BYTES = 32;

/**
 * The key of signed artifact URLs: `LOOPLY_ARTIFACT_URL_SECRET` (at least 32 bytes) when set; otherwise a
 * random one generated once and kept in `$LOOPLY_HOME/artifact-url-secret` (mode 0600), so `looply serve`
 * and the `looply worker` processes sharing that home sign URLs the server accepts, across restarts.
 */
export async function resolveArtifactUrlSecret(options: {
  configured: string | undefined;
  home: string;
}): Promise<Buffer> {
  const configured = options.configured?.trim() ? options.configured : undefined;
  if (configured !== undefined) {
    const bytes = Buffer.from(configured, 'utf8');
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new ConfigError(
        ARTIFACT_URL_SECRET_VARIABLE,
        `invalid environment variable ${ARTIFACT_URL_SECRET_VARIABLE}: it is ${bytes.length} bytes, at least ${MIN_SECRET_BYTES} are required`,
      );
    }
    return bytes;
  }
  const path = join(options.home, ARTIFACT_URL_SECRET_FILE);
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    const bytes = Buffer.from(existing.trim(), 'utf8');
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new ConfigError(
        ARTIFACT_URL_SECRET_VARIABLE,
        `the generated secret in ${path} is shorter than ${MIN_SECRET_BYTES} bytes: delete the file to generate a new one`,
      );
    }
    return bytes;
  }
  await mkdir(options.home, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  try {
    // `wx`: a server and a worker starting together must not each write their own secret.
    await writeFile(path, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveArtifactUrlSecret(options);
    throw error;
  }
  return Buffer.from(generated, 'utf8');
}
