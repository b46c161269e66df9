// `looply generate` wired to mock providers whose voice step takes a minute, so a test can
// interrupt a running job deterministically. Arguments: <workspace>; DATABASE_URL from the environment.
import { join } from 'node:path';
import { ProviderRegistry } from '@looply/core';
import { createMockAssemblyProvider, createMockScriptProvider, createMockVisualProvider, createMockVoiceProvider } from '@looply/core/testing';
import { loadConfig } from '../config/cli-config.js';
import { parseGenerateOptions } from '../generate/generate-options.js';
import { runGenerate } from '../generate/run-generate.js';

const workspace = process.argv[2] as string;
const registry = new ProviderRegistry()
  .register(createMockScriptProvider())
  .register(createMockVoiceProvider({ delayMs: 60_000 }))
  .register(createMockVisualProvider())
  .register(createMockAssemblyProvider());
const config = await loadConfig({ ...process.env, LOOPLY_HOME: join(workspace, 'home') }, workspace);
const options = await parseGenerateOptions({ topic: 'tidal energy', duration: '10', out: 'video.mp4' }, workspace);
process.exitCode = await runGenerate(
  options,
  config,
  { registry, defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' } },
  { stdout: process.stdout, stderr: process.stderr, cwd: workspace },
);
