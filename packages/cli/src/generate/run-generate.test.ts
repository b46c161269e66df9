import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ProviderError, ProviderRegistry } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
  createTestDatabase,
  type TestDatabase,
} from '@looply/core/testing';
import { expect } from 'chai';
import { createCompositionRoot, openCommandScope } from '../composition/composition-root.js';
import { TOKENS } from '../composition/tokens.js';
import type { SelectedProviders } from '../providers/select-providers.js';
import type { GenerateResult } from './generate-result.js';
import { parseGenerateOptions } from './generate-options.js';
import { runGenerate } from './run-generate.js';

function capture(): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

function mockProviders(voiceFailures: Error[] = []): SelectedProviders {
  const registry = new ProviderRegistry()
    .register(createMockScriptProvider({ sceneCount: 2 }))
    .register(createMockVoiceProvider({ failures: voiceFailures }))
    .register(createMockVisualProvider())
    .register(createMockAssemblyProvider());
  return { registry, defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' } };
}

describe('runGenerate (in process, mock providers)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let workspace: string;

  beforeEach(async () => {
    database = await createTestDatabase();
    workspace = await mkdtemp(join(tmpdir(), 'looply-run-generate-test-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(workspace, { recursive: true, force: true });
  });

  async function generate(providers: SelectedProviders, json: boolean) {
    const options = await parseGenerateOptions(
      { topic: 'solar power', duration: '10', json, out: 'video.mp4' },
      workspace,
    );
    const stdout = capture();
    const stderr = capture();
    const context = {
      stdout: stdout.stream,
      stderr: stderr.stream,
      cwd: workspace,
      environment: { DATABASE_URL: database.url, LOOPLY_HOME: join(workspace, 'home') },
    };
    const scope = await openCommandScope(
      createCompositionRoot(context, (root) => root.registerInstance(TOKENS.Providers, providers)),
    );
    const exitCode = await runGenerate(options, scope, context);
    return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('--json: prints one result object with the video, its size, the providers and the usage, and exits 0', async () => {
    const { exitCode, stdout, stderr } = await generate(mockProviders(), true);
    expect(exitCode, stderr).to.equal(0);
    const lines = stdout.trim().split('\n');
    expect(lines).to.have.length(1);
    const result = JSON.parse(lines[0]) as GenerateResult;
    expect(result).to.include({
      status: 'COMPLETED',
      videoPath: join(workspace, 'video.mp4'),
      width: 1080,
      height: 1920,
    });
    expect(result.durationSec).to.be.greaterThan(0);
    expect(result.providers).to.deep.equal({ script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' });
    expect(result.usage.byStep).to.have.keys('script', 'voice', 'visual', 'assembly');
    expect(result.error).to.equal(undefined);
    expect((await readFile(join(workspace, 'video.mp4'), 'utf8')).startsWith('LOOPLY-MOCK-VIDEO')).to.equal(true);
  });

  it('without --json: reports each step on stderr (not a terminal) and where the video is on stdout', async () => {
    const { exitCode, stdout, stderr } = await generate(mockProviders(), false);
    expect(exitCode, stderr).to.equal(0);
    expect(stdout).to.equal(
      `Video written to ${join(workspace, 'video.mp4')} (${/\((\d+\.\d) s/.exec(stdout)?.[1]} s, 1080x1920)\n`,
    );
    for (const step of [
      'script (mock)',
      'voice (mock)',
      'visual scene 1 (mock)',
      'visual scene 2 (mock)',
      'assembly (mock)',
    ]) {
      expect(stderr).to.contain(step);
    }
  });

  it('a failed job exits 1 and names the step, the provider and the reason', async () => {
    const refusal = new ProviderError({
      provider: 'mock',
      message: 'the voice was refused',
      retryable: false,
      code: 'content_refused',
    });
    const { exitCode, stdout } = await generate(mockProviders([refusal]), true);
    expect(exitCode).to.equal(1);
    expect(stdout.trim().split('\n')).to.have.length(1);
    const result = JSON.parse(stdout) as GenerateResult;
    expect(result.status).to.equal('FAILED');
    expect(result.videoPath).to.equal(null);
    expect(result.error).to.deep.include({ step: 'voice', provider: 'mock' });
    expect(result.error?.message).to.contain('the voice was refused');
  });

  it('a failed job without --json prints one line naming step, provider and reason on stderr', async () => {
    const refusal = new ProviderError({ provider: 'mock', message: 'the voice was refused', retryable: false });
    const { exitCode, stdout, stderr } = await generate(mockProviders([refusal]), false);
    expect(exitCode).to.equal(1);
    expect(stdout).to.equal('');
    expect(stderr).to.match(
      /looply generate: job \S+ failed: voice step failed \(provider mock\): .*the voice was refused/,
    );
  });
});
