import { S3Client } from '@aws-sdk/client-s3';
import type { S3StorageSettings } from './s3-storage-settings.js';

/**
 * An S3 client for AWS or any S3-compatible service. Checksums only where S3 requires them: the
 * SDK's default trailing CRC checksums (aws-chunked uploads) are not understood by every
 * S3-compatible server (GCS, older MinIO, s3rver).
 */
export function createS3Client(
  settings: Pick<S3StorageSettings, 'region' | 'endpoint' | 'forcePathStyle' | 'credentials'>,
): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
}
