import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { startFakeShotstack, type FakeShotstack } from '@looply/providers-shotstack/testing';
import { startFakeComfyWrapper } from '@looply/providers-vast/testing';
import { onlyJsonLine } from '../__fixtures__/only-json-line.js';
import { useGenerateWorkspace } from './__fixtures__/generate-workspace.js';

interface GenerateOutput {
  status: string;
  providers: Record<string, string>;
  error?: { step?: string; provider?: string; message: string };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('looply generate with Shotstack assembly (real CLI process, fake Shotstack fetching the assets)', function () {
  this.timeout(600_000);
  const API_KEY = 'shotstack-cli-key';
  let fake: FakeShotstack;
  const workspace = useGenerateWorkspace('looply-shotstack-cli-');

  before(async () => {
    fake = await startFakeShotstack({ apiKey: API_KEY });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const generate = (environment: Record<string, string>) =>
    workspace.generate({ SHOTSTACK_API_KEY: API_KEY, SHOTSTACK_BASE_URL: fake.url, ...environment }, 300_000);

  it('auto picks shotstack when SHOTSTACK_API_KEY is set; the fake fetches every asset by signed URL and the video is its render', async () => {
    const run = await generate({});
    expect(run.exitCode, run.stderr).to.equal(0);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('COMPLETED');
    expect(output.providers).to.deep.equal({ script: 'local', voice: 'local', visual: 'local', assembly: 'shotstack' });
    const posts = fake.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.path)).to.deep.equal(['/edit/stage/render']);
    expect(fake.fetches.length).to.be.greaterThan(2);
    expect(
      fake.fetches.every((fetched) => fetched.status === 200 && /\/api\/v1\/artifacts\/.+signature=/.test(fetched.url)),
    ).to.equal(true);
    const render = fake.requests.find(
      (request) => request.method === 'GET' && request.path.startsWith('/edit/stage/render/'),
    );
    expect(render, 'polled the render').to.not.equal(undefined);
    const served = await fetch(`${fake.url}/cdn/${render!.path.split('/').pop()}.mp4`).then(async (response) =>
      Buffer.from(await response.arrayBuffer()),
    );
    expect(sha256(await readFile(join(workspace.path, 'video.mp4')))).to.equal(sha256(served));
  });

  it('with WAN_ENDPOINT_URL too: vast makes the clips, Shotstack fetches them (repeated to fill each scene) and renders the video', async () => {
    const wrapper = await startFakeComfyWrapper({ apiToken: 'wan-token', generationMs: 50 });
    try {
      const run = await generate({ WAN_ENDPOINT_URL: wrapper.url, WAN_API_TOKEN: 'wan-token' });
      expect(run.exitCode, run.stderr).to.equal(0);
      const output = onlyJsonLine<GenerateOutput>(run.stdout);
      expect(output.status).to.equal('COMPLETED');
      expect(output.providers).to.deep.equal({
        script: 'local',
        voice: 'local',
        visual: 'vast',
        assembly: 'shotstack',
      });
      const scenes = wrapper.requestsTo('generate').length;
      const edit = fake.requests.find((request) => request.method === 'POST')!.body as {
        timeline: { tracks: Array<{ clips: Array<{ asset: { type: string; src: string } }> }> };
      };
      const videoClips = edit.timeline.tracks
        .flatMap((track) => track.clips)
        .filter((clip) => clip.asset.type === 'video');
      expect(
        new Set(videoClips.map((clip) => clip.asset.src.split('?')[0])).size,
        'one stored clip per scene',
      ).to.equal(scenes);
      const fetchedClips = fake.fetches.filter((fetched) => /\/clip\.mp4\?/.test(fetched.url));
      expect(fetchedClips.map((fetched) => fetched.status)).to.deep.equal(new Array(scenes).fill(200));
      expect((await readFile(join(workspace.path, 'video.mp4'))).subarray(4, 8).toString('latin1')).to.equal('ftyp');
    } finally {
      await wrapper.close();
    }
  });

  it('fails the job naming shotstack and the key when Shotstack refuses it (exit 1)', async () => {
    const run = await generate({ SHOTSTACK_API_KEY: 'wrong-key' });
    expect(run.exitCode, run.stderr).to.equal(1);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('FAILED');
    expect(output.error).to.include({ step: 'assembly', provider: 'shotstack' });
    expect(output.error!.message).to.include('SHOTSTACK_API_KEY');
  });
});
