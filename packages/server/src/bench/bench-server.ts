// The server process `pnpm bench api` measures: embedded Postgres in a temporary folder, an engine with
// the core mock providers (no workers: nothing competes with the HTTP path), and `startServer` on a free
// port of 127.0.0.1 — the same runtime `looply serve --no-worker` runs. Prints `READY <port>` when up.
import { createSecretKey, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bunyan from 'bunyan';
import { createEngine, LocalArtifactStore, ProviderRegistry, startEmbeddedPostgres } from '@looply/core';
import { createMockAssemblyProvider, createMockScriptProvider, createMockVisualProvider, createMockVoiceProvider } from '@looply/core/testing';
import { startServer } from '../server-runtime.js';

const home = await mkdtemp(join(tmpdir(), 'looply-api-bench-'));
await chmod(home, 0o755);
const postgresPort = Number(process.env.BENCH_POSTGRES_PORT);
const database = await startEmbeddedPostgres({ home, port: postgresPort, database: 'looply', settings: { max_connections: 100 } });
const logger = bunyan.createLogger({ name: 'looply-api-bench', level: 'warn', serializers: bunyan.stdSerializers, streams: [{ level: 'warn', stream: process.stderr }] });
const registry = new ProviderRegistry()
  .register(createMockScriptProvider())
  .register(createMockVoiceProvider())
  .register(createMockVisualProvider())
  .register(createMockAssemblyProvider());
const engine = createEngine({
  databaseUrl: database.url,
  registry,
  artifacts: new LocalArtifactStore(join(home, 'artifacts')),
  defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
  logger,
});
await engine.start();
const server = await startServer({
  engine,
  databaseUrl: database.url,
  logger,
  port: 0,
  host: '127.0.0.1',
  settings: {
    publicBaseUrl: 'http://127.0.0.1',
    jwt: { secret: createSecretKey(randomBytes(32)) },
    // The limiter still counts every request in Postgres; the bench must just never reach the limit.
    rateLimits: { limit: 100_000_000, authLimit: 1000 },
  },
});
process.stdout.write(`READY ${server.port}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop().catch((error: unknown) => logger.warn({ err: error }, 'server stop failed'));
  await database.stop();
  await rm(home, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
