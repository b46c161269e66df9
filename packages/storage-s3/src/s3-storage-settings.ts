import { z } from 'zod';

const MEBIBYTE = 1024 * 1024;

/** Where and how the S3 store keeps artifacts. Types come from this schema. */
export const s3StorageSettingsSchema = z.strictObject({
  bucket: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)',
    ),
  /** Key prefix inside the bucket, without leading or trailing `/` ('' for none). */
  prefix: z
    .string()
    .default('')
    .transform((prefix) => prefix.replace(/^\/+|\/+$/g, '')),
  region: z.string().min(1).default('us-east-1'),
  /** S3-compatible endpoint (MinIO, R2, GCS `https://storage.googleapis.com`); AWS when unset. */
  endpoint: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: z.boolean().default(false),
  /** Explicit keys; when unset the AWS SDK's default chain (environment, profile, instance role) is used. */
  credentials: z
    .strictObject({
      accessKeyId: z.string().min(1),
      secretAccessKey: z.string().min(1),
      sessionToken: z.string().min(1).optional(),
    })
    .optional(),
  /** Multipart part size (S3's minimum is 5 MiB). */
  partSizeBytes: z
    .number()
    .int()
    .min(5 * MEBIBYTE)
    .default(8 * MEBIBYTE),
  /** Parts uploaded at once; memory held is at most `partSizeBytes × uploadConcurrency`. */
  uploadConcurrency: z.number().int().min(1).max(16).default(4),
  /** Keys per listing request (S3 returns at most 1000). */
  listPageSize: z.number().int().min(1).max(1000).default(1000),
  /** Folder for `localPath` downloads; a fresh folder under the OS temp folder by default, removed at exit. */
  cacheFolder: z.string().min(1).optional(),
  /** Bytes the download cache keeps before evicting the least recently used files. */
  cacheMaxBytes: z
    .number()
    .int()
    .min(0)
    .default(2 * 1024 * MEBIBYTE),
});

export type S3StorageSettingsInput = z.input<typeof s3StorageSettingsSchema>;
export type S3StorageSettings = z.output<typeof s3StorageSettingsSchema>;
