/** Why the bucket could not be used, in words an operator can act on. */
export type S3StorageProblem = 'bucket-missing' | 'credentials-rejected' | 'endpoint-unreachable' | 'storage-failed';

export class S3StorageError extends Error {
  override readonly name = 'S3StorageError';

  constructor(
    readonly code: S3StorageProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface AwsFailure {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const CREDENTIAL_ERRORS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'CredentialsProviderError',
]);

function networkCode(error: AwsFailure | undefined, depth = 0): string | undefined {
  if (!error || depth > 4) return undefined;
  if (error.code && UNREACHABLE_CODES.has(error.code)) return error.code;
  const nested = (error as { errors?: AwsFailure[] }).errors?.map((each) => networkCode(each, depth + 1)).find(Boolean);
  return nested ?? networkCode(error.cause as AwsFailure | undefined, depth + 1);
}

/** Names what went wrong talking to the bucket: missing bucket, rejected credentials, unreachable endpoint. */
export function toS3StorageError(
  error: unknown,
  where: { bucket: string; endpoint: string },
  action: string,
): S3StorageError {
  const failure = error as AwsFailure;
  const status = failure.$metadata?.httpStatusCode;
  const code = networkCode(failure);
  if (code || failure.name === 'TimeoutError') {
    return new S3StorageError(
      'endpoint-unreachable',
      `S3 endpoint ${where.endpoint} is unreachable (${code ?? 'timeout'}) while trying to ${action}`,
      { cause: error },
    );
  }
  if (failure.name === 'NoSuchBucket' || (action === 'check the bucket' && status === 404)) {
    return new S3StorageError('bucket-missing', `S3 bucket "${where.bucket}" does not exist at ${where.endpoint}`, {
      cause: error,
    });
  }
  if (CREDENTIAL_ERRORS.has(failure.name ?? '') || status === 403 || failure.name === 'AccessDenied') {
    return new S3StorageError(
      'credentials-rejected',
      `S3 credentials were rejected by ${where.endpoint} for bucket "${where.bucket}" (${failure.name ?? status}): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      { cause: error },
    );
  }
  return new S3StorageError(
    'storage-failed',
    `S3 could not ${action} in bucket "${where.bucket}": ${failure.message ?? String(error)}`,
    { cause: error },
  );
}
