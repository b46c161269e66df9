import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore } from './artifact-store.js';
import { createArtifactUrlSigner, SIGNED_ARTIFACT_PATH, type ArtifactUrlSigner } from './signed-artifact-url.js';

const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  json: 'application/json',
};

/**
 * Answers `GET|HEAD /api/v1/artifacts/<key>?expires=&signature=` from the store: 403 for an unsigned,
 * forged or expired URL, 404 for a missing artifact. Returns false when the path is not an artifact path.
 */
export async function handleSignedArtifactRequest(
  request: Pick<IncomingMessage, 'method' | 'url'>,
  response: ServerResponse,
  dependencies: { store: ArtifactStore; signer: ArtifactUrlSigner },
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://artifacts');
  if (!url.pathname.startsWith(SIGNED_ARTIFACT_PATH)) return false;
  const send = (status: number, message: string) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { status, message } }));
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(405, 'Artifacts are read-only: use GET');
    return true;
  }
  let key: string;
  try {
    key = url.pathname.slice(SIGNED_ARTIFACT_PATH.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    send(400, 'Malformed artifact path');
    return true;
  }
  const check = dependencies.signer.verify(key, {
    expires: url.searchParams.get('expires') ?? undefined,
    signature: url.searchParams.get('signature') ?? undefined,
  });
  if (!check.ok) {
    send(check.reason === 'bad-key' ? 400 : 403, `Artifact URL refused: ${check.reason}`);
    return true;
  }
  if (!(await dependencies.store.exists(key))) {
    send(404, 'No such artifact');
    return true;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'cache-control': 'private, no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return true;
  }
  await pipeline(await dependencies.store.createReadStream(key), response);
  return true;
}

export interface SignedArtifactServer {
  /** Where this server listens, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Signs URLs under `publicBaseUrl` when given, else under `url`. */
  signer: ArtifactUrlSigner;
  close(): Promise<void>;
}

export interface SignedArtifactServerOptions {
  store: ArtifactStore;
  /** HMAC key (≥ 32 bytes). */
  secret: string | Buffer;
  /** The address remote services reach this server at (a tunnel to it); default its own URL. */
  publicBaseUrl?: string;
  ttlMs?: number;
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** False: an open server does not keep the process alive (a CLI run exits when its work is done). Default true. */
  keepProcessAlive?: boolean;
}

/** A tiny HTTP server serving only signed artifact URLs, for a process without the API server (`looply generate`). */
export async function startSignedArtifactServer(options: SignedArtifactServerOptions): Promise<SignedArtifactServer> {
  let signer: ArtifactUrlSigner | undefined;
  const server: Server = createServer((request, response) => {
    handleSignedArtifactRequest(request, response, { store: options.store, signer: signer! })
      .then((handled) => {
        if (!handled) {
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { status: 404, message: 'Not found' } }));
        }
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  if (options.keepProcessAlive === false) server.unref();
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  signer = createArtifactUrlSigner({
    baseUrl: options.publicBaseUrl ?? url,
    secret: options.secret,
    ttlMs: options.ttlMs,
  });
  return {
    url,
    signer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
