// A worker in its own process, for the kill and cross-process tests:
//   node --conditions=looply-source --import tsx worker-process.ts
// Settings come from the environment; it prints "ready" once its workers run.
import { z } from 'zod';
import { startTestEngine } from '../../engine/__fixtures__/engine-harness.js';
import { createRecordingProviders } from './recording-providers.js';

const environment = z
  .object({
    DATABASE_URL: z.string(),
    LOOPLY_SCHEMA: z.string(),
    ARTIFACTS_ROOT: z.string(),
    CALLS_FOLDER: z.string(),
    BLOCK_STEP: z.string().optional(),
    PROVIDER_DELAY_MS: z.coerce.number().int().min(0).optional(),
    LEASE_MS: z.coerce.number().int().positive().default(1500),
  })
  .parse(process.env);

const worker = await startTestEngine(environment.DATABASE_URL, {
  schema: environment.LOOPLY_SCHEMA,
  artifactsRoot: environment.ARTIFACTS_ROOT,
  providers: createRecordingProviders(environment.CALLS_FOLDER, {
    block: environment.BLOCK_STEP,
    delayMs: environment.PROVIDER_DELAY_MS,
  }),
  worker: { leaseMs: environment.LEASE_MS },
});
process.stdout.write('ready\n');

process.on('SIGTERM', () => {
  void worker.stop().then(() => process.exit(0));
});
