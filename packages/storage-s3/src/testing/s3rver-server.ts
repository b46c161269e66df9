import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's one account. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface RunningS3rver {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  credentials: typeof S3RVER_CREDENTIALS;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** An S3 CORS configuration letting `origins` GET and HEAD objects, with any request header. */
function corsConfiguration(origins: string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>Content-Length</ExposeHeader><ExposeHeader>Content-Range</ExposeHeader></CORSRule></CORSConfiguration>`;
}

/**
 * A real S3-protocol server (s3rver: signatures, multipart, Range, presigned expiry) on 127.0.0.1,
 * storing in `directory` (default: a temporary folder), with `buckets` created. Use path-style addressing.
 */
export async function startS3rver(
  options: {
    buckets?: string[];
    port?: number;
    directory?: string;
    /** Browser origins the buckets allow GET and HEAD from by CORS (`http://127.0.0.1:*` allowed); none by default. */
    corsOrigins?: string[];
  } = {},
): Promise<RunningS3rver> {
  // A given folder is kept (its objects survive a restart); a temporary one is deleted on stop.
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'looply-s3rver-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({
      name,
      configs: options.corsOrigins?.length ? [corsConfiguration(options.corsOrigins)] : [],
    })),
  });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    credentials: S3RVER_CREDENTIALS,
    async stop() {
      await server.close();
      if (!options.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}
