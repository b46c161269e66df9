// `looply generate` wired to mock providers whose voice step takes a minute, so a test can
// interrupt a running job deterministically. Arguments: <workspace>; DATABASE_URL from the environment.
import { join } from 'node:path';
import { ProviderRegistry } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '@looply/core/testing';
import { runCli } from '../cli-program.js';
import { TOKENS } from '../composition/tokens.js';

const workspace = process.argv[2] as string;
const registry = new ProviderRegistry()
  .register(createMockScriptProvider())
  .register(createMockVoiceProvider({ delayMs: 60_000 }))
  .register(createMockVisualProvider())
  .register(createMockAssemblyProvider());
process.exitCode = await runCli(
  ['node', 'looply', 'generate', '--topic', 'tidal energy', '--duration', '10', '--out', 'video.mp4'],
  {
    stdout: process.stdout,
    stderr: process.stderr,
    environment: { ...process.env, LOOPLY_HOME: join(workspace, 'home') },
    cwd: workspace,
  },
  // The composition root with one part replaced: the providers.
  {
    configure: (root) =>
      root.registerInstance(TOKENS.Providers, {
        registry,
        defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
      }),
  },
);
