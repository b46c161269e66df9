import { z } from 'zod';
import type { S3StorageSettingsInput } from './s3-storage-settings.js';

const unsetWhenEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(unsetWhenEmpty, z.string().min(1).optional());

/** The standard AWS variables (as the AWS CLI reads them) plus Looply's path-style switch. */
export const s3EnvironmentSchema = z.object({
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
  AWS_REGION: optionalText,
  AWS_DEFAULT_REGION: optionalText,
  AWS_ENDPOINT_URL_S3: z.preprocess(
    unsetWhenEmpty,
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  ),
  AWS_ENDPOINT_URL: z.preprocess(
    unsetWhenEmpty,
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  ),
  /** `true` for `endpoint/bucket/key` URLs; default true when an endpoint is set (MinIO and most servers), false for AWS. */
  LOOPLY_S3_FORCE_PATH_STYLE: z.preprocess(unsetWhenEmpty, z.enum(['true', 'false', '1', '0']).optional()),
});
export type S3Environment = z.input<typeof s3EnvironmentSchema>;

/** Thrown for a malformed `s3://` location or AWS variable; the message names it. */
export class S3LocationError extends Error {
  override readonly name = 'S3LocationError';
}

/**
 * S3 store settings from `s3://bucket/prefix` and the standard AWS environment. Keys are taken
 * only when both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set; otherwise the SDK's default
 * chain (profile, instance role) applies.
 */
export function s3SettingsFromLocation(
  location: string,
  environment: Record<string, string | undefined>,
): S3StorageSettingsInput {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!match) throw new S3LocationError(`LOOPLY_ARTIFACTS must look like s3://bucket/prefix, got "${location}"`);
  const parsed = s3EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new S3LocationError(`${issue.path.join('.')} ${issue.message}`);
  }
  const variables = parsed.data;
  if (Boolean(variables.AWS_ACCESS_KEY_ID) !== Boolean(variables.AWS_SECRET_ACCESS_KEY)) {
    throw new S3LocationError('set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither');
  }
  const endpoint = variables.AWS_ENDPOINT_URL_S3 ?? variables.AWS_ENDPOINT_URL;
  const pathStyle = variables.LOOPLY_S3_FORCE_PATH_STYLE;
  return {
    bucket: match[1],
    prefix: match[2],
    region: variables.AWS_REGION ?? variables.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: pathStyle === undefined ? endpoint !== undefined : pathStyle === 'true' || pathStyle === '1',
    ...(variables.AWS_ACCESS_KEY_ID && variables.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: variables.AWS_ACCESS_KEY_ID,
            secretAccessKey: variables.AWS_SECRET_ACCESS_KEY,
            ...(variables.AWS_SESSION_TOKEN ? { sessionToken: variables.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
  };
}
