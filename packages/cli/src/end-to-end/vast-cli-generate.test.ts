import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { startFakeComfyWrapper, type FakeComfyWrapper } from '@looply/providers-vast/testing';
import { onlyJsonLine } from '../__fixtures__/only-json-line.js';
import { useGenerateWorkspace } from './__fixtures__/generate-workspace.js';

interface GenerateOutput {
  jobId: string | null;
  status: string;
  providers: Record<string, string>;
  usage: { byStep: Record<string, Record<string, number> | undefined> };
  error?: { step?: string; provider?: string; message: string };
}

describe('looply generate with WAN 2.2 on a (fake) Vast ComfyUI wrapper (real CLI process)', function () {
  this.timeout(600_000);
  const TOKEN = 'wan-cli-token';
  let fake: FakeComfyWrapper;
  const workspace = useGenerateWorkspace('looply-vast-cli-');

  before(async () => {
    fake = await startFakeComfyWrapper({ apiToken: TOKEN, generationMs: 100 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const generate = (environment: Record<string, string>) =>
    workspace.generate({ WAN_ENDPOINT_URL: fake.url, WAN_API_TOKEN: TOKEN, ...environment }, 300_000);

  it('auto picks vast for visuals when WAN_ENDPOINT_URL is set and completes the video from the fake’s clips, one generation per scene', async () => {
    const run = await generate({});
    expect(run.exitCode, run.stderr).to.equal(0);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('COMPLETED');
    expect(output.providers).to.deep.equal({ script: 'local', voice: 'local', visual: 'vast', assembly: 'local' });
    const generations = fake.requestsTo('generate');
    expect(generations.length).to.be.greaterThan(0);
    const ids = generations.map((request) => (request.body as { input: { request_id: string } }).input.request_id);
    expect(new Set(ids).size, 'one paid generation per scene').to.equal(ids.length);
    expect(generations.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).to.equal(true);
    // Every clip was fetched from the fake (presigned-style URL) before the assembly.
    expect(fake.requestsTo('files')).to.have.length(generations.length);
    expect(output.usage.byStep.visual).to.have.property('gpuSeconds');
    const video = await readFile(join(workspace.path, 'video.mp4'));
    expect(video.subarray(4, 8).toString('latin1')).to.equal('ftyp');
    expect((await stat(join(workspace.path, 'video.mp4'))).size).to.be.greaterThan(10_000);
  });

  it('fails the job naming vast and the token when the wrapper refuses it, without queueing anything (exit 1)', async () => {
    const run = await generate({ WAN_API_TOKEN: 'wrong-token' });
    expect(run.exitCode, run.stderr).to.equal(1);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('FAILED');
    expect(output.error).to.include({ step: 'visual', provider: 'vast' });
    expect(output.error!.message).to.include('WAN_API_TOKEN');
    expect(fake.requestsTo('generate')).to.have.length(0);
  });
});
