// One worker process of `pnpm bench scale`: an engine with waiting providers and its workers.
// Settings from the environment; prints "ready" once its workers run; SIGTERM stops it.
import { hostname } from 'node:os';
import { z } from './core-dependencies.js';
import { createEngine, LocalArtifactStore, ProviderRegistry } from '../../packages/core/src/index.js';
import { PLACEHOLDER_KEY, WAITING_PROVIDER_ID, waitingProviders } from './waiting-providers.js';

const environment = z
  .object({
    DATABASE_URL: z.string(),
    LOOPLY_SCHEMA: z.string(),
    ARTIFACTS_ROOT: z.string(),
    DELAY_MS: z.coerce.number().int().min(0),
    REMOTE_MS: z.coerce.number().int().min(0).default(0),
    CONCURRENCY: z.coerce.number().int().min(1),
  })
  .parse(process.env);

const artifacts = new LocalArtifactStore(environment.ARTIFACTS_ROOT);
const placeholder = await artifacts.put(PLACEHOLDER_KEY, Buffer.from('placeholder'), {
  contentType: 'application/octet-stream',
});
const registry = new ProviderRegistry();
for (const provider of Object.values(
  waitingProviders(placeholder, { delayMs: environment.DELAY_MS, longRunningVisualRemoteMs: environment.REMOTE_MS }),
))
  registry.register(provider);
const engine = createEngine({
  databaseUrl: environment.DATABASE_URL,
  schema: environment.LOOPLY_SCHEMA,
  registry,
  artifacts,
  defaults: {
    script: WAITING_PROVIDER_ID,
    voice: WAITING_PROVIDER_ID,
    visual: WAITING_PROVIDER_ID,
    assembly: WAITING_PROVIDER_ID,
  },
  worker: { concurrency: environment.CONCURRENCY, visualConcurrency: 4 },
  workerId: `${hostname()}:${process.pid}`,
});
await engine.start();
await engine.startWorkers();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void engine.stop().then(() => process.exit(0)));
