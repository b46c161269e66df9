// `looply serve` / `looply worker` as the CLI runs them (configuration, artifact store, database,
// engine, server runtime), with mock providers whose calls wait like remote APIs and are logged
// to CALLS_FOLDER (one file per call, surviving SIGKILL). Arguments: serve|worker [concurrency].
//   node --conditions=looply-source --import tsx mock-server-process.ts worker 2
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ProviderRegistry } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '@looply/core/testing';
import { z } from 'zod';
import { runServerProcess } from '../../commands/server-process.js';

const environment = z
  .object({
    MOCK_STEP_DELAY_MS: z.coerce.number().int().min(0).default(0),
    CALLS_FOLDER: z.string().optional(),
    LEASE_MS: z.coerce.number().int().positive().default(3000),
  })
  .parse(process.env);
const [name, concurrency] = process.argv.slice(2) as ['serve' | 'worker', string | undefined];

const record = (step: string) => (call: { idempotencyKey: string }) => {
  if (!environment.CALLS_FOLDER) return;
  mkdirSync(environment.CALLS_FOLDER, { recursive: true });
  const file = join(environment.CALLS_FOLDER, `${process.pid}-${randomUUID()}`);
  writeFileSync(`${file}.partial`, JSON.stringify({ pid: process.pid, step, idempotencyKey: call.idempotencyKey }));
  renameSync(`${file}.partial`, `${file}.json`);
};
const hooks = (step: string) => ({ delayMs: environment.MOCK_STEP_DELAY_MS, onCall: record(step) });
const registry = new ProviderRegistry()
  .register(createMockScriptProvider(hooks('script')))
  .register(createMockVoiceProvider(hooks('voice')))
  .register(createMockVisualProvider(hooks('visual')))
  .register(createMockAssemblyProvider(hooks('assembly')));

process.exitCode = await runServerProcess(
  {
    name,
    http: name === 'serve',
    ...(concurrency ? { concurrency: Number(concurrency) } : {}),
    ...(name === 'serve' ? { port: 0 } : {}),
    overrides: {
      providers: { registry, defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' } },
      worker: {
        leaseMs: environment.LEASE_MS,
        sweepIntervalMs: 500,
        fallbackFetchIntervalMs: 300,
        shutdownTimeoutMs: 2000,
      },
    },
  },
  { stdout: process.stdout, stderr: process.stderr, environment: process.env, cwd: process.cwd() },
);
setTimeout(() => process.exit(), 5_000).unref();
