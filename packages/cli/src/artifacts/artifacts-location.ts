import { isAbsolute, join, resolve } from 'node:path';
import type { S3StorageSettingsInput } from '@looply/storage-s3';
import { ConfigError } from '../config/config-error.js';

/** `LOOPLY_ARTIFACTS`, resolved: a folder on this machine, or an S3-compatible bucket. */
export type ArtifactsLocation =
  { kind: 'file'; root: string } | { kind: 's3'; location: string; settings: S3StorageSettingsInput };

/**
 * Reads `LOOPLY_ARTIFACTS` (`file:<folder>`, relative to the working folder, default
 * `$LOOPLY_HOME/artifacts`; or `s3://bucket/prefix` with the standard AWS variables).
 */
export async function resolveArtifactsLocation(
  value: string | undefined,
  home: string,
  environment: Record<string, string | undefined>,
  cwd: string,
): Promise<ArtifactsLocation> {
  if (value === undefined) return { kind: 'file', root: join(home, 'artifacts') };
  if (value.startsWith('file:')) {
    const folder = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    return { kind: 'file', root: isAbsolute(folder) ? folder : resolve(cwd, folder) };
  }
  // Loaded only for S3, so runs on the local store never load the AWS SDK.
  const { S3LocationError, s3SettingsFromLocation } = await import('@looply/storage-s3');
  try {
    return { kind: 's3', location: value, settings: s3SettingsFromLocation(value, environment) };
  } catch (error) {
    if (error instanceof S3LocationError)
      throw new ConfigError('LOOPLY_ARTIFACTS', `invalid artifact storage: ${error.message}`);
    throw error;
  }
}
