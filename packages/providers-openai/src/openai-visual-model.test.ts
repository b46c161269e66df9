import { loadImage } from '@napi-rs/canvas';
import { getStyle, outputFormatFor, ProviderError, sceneVisualSchema, type AspectRatio } from '@looply/core';
import { expect } from 'chai';
import { temporaryArtifacts, type TestArtifacts } from './__fixtures__/fixtures.js';
import { createOpenAI } from './openai-provider.js';
import { nearestImageSize } from './openai-image-size.js';
import { errorAnswer, fakeImagePng, startFakeOpenAIServer, type FakeOpenAIServer } from './testing/index.js';

const API_KEY = 'sk-test-visual';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('OpenAIVisualModel', () => {
  let fake: FakeOpenAIServer;
  let artifacts: TestArtifacts;

  before(async () => {
    fake = await startFakeOpenAIServer({ apiKey: API_KEY });
    artifacts = await temporaryArtifacts();
  });
  after(async () => {
    await fake.close();
    await artifacts.cleanup();
  });
  beforeEach(() => fake.reset());

  const call = (aspectRatio: AspectRatio = '9:16', idempotencyKey = 'job-1:visual:2') => ({
    scene: {
      index: 2,
      count: 4,
      narration: 'Batteries store the extra power.',
      prompt: {
        positive: 'A sleek wall battery glowing in a garage at dusk, neon rim light, gentle orbit',
        negative: 'blurry, text',
      },
      durationSec: 4.2,
    },
    style: getStyle('modern'),
    output: outputFormatFor(aspectRatio),
    title: 'Solar',
    abortSignal: new AbortController().signal,
    idempotencyKey,
    artifacts: artifacts.store,
    artifactPrefix: `jobs/job-1/visual/scene-2-${aspectRatio.replace(':', 'x')}`,
  });
  const visual = (settings: Parameters<ReturnType<typeof createOpenAI>['visual']>[0] = {}) =>
    createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL }).visual(settings);

  it('asks gpt-image-1 for a portrait image without response_format, with the style and negative prompt in the prompt', async () => {
    await visual().doGenerate(call('9:16', 'job-3:visual:2'));
    const [request] = fake.requestsTo('images');
    expect(request.url).to.equal('/v1/images/generations');
    expect(request.headers.authorization).to.equal(`Bearer ${API_KEY}`);
    expect(request.headers['idempotency-key']).to.equal('job-3:visual:2');
    const body = request.body as Record<string, string>;
    expect(body).to.include({ model: 'gpt-image-1', size: '1024x1536', quality: 'medium', n: 1 });
    expect(body).to.not.have.property('response_format');
    expect(body.prompt).to.include('wall battery').and.include(getStyle('modern').promptSuffix);
    expect(body.prompt).to.include(`Avoid: ${getStyle('modern').negativePrompt}, blurry, text`);
  });

  for (const [aspectRatio, size] of [
    ['9:16', '1024x1536'],
    ['16:9', '1536x1024'],
    ['1:1', '1024x1024'],
  ] as const) {
    it(`stores a ${aspectRatio} still cropped to the output size from a ${size} image`, async () => {
      const result = await visual().doGenerate(call(aspectRatio));
      expect((fake.requestsTo('images')[0].body as { size: string }).size).to.equal(size);
      const output = outputFormatFor(aspectRatio);
      expect(sceneVisualSchema.safeParse(result.visual).success).to.equal(true);
      expect(result.visual).to.include({ sceneIndex: 2, kind: 'image', width: output.width, height: output.height });
      expect(result.visual.artifact.key).to.equal(`${call(aspectRatio).artifactPrefix}/still.png`);
      expect(result.visual.artifact.contentType).to.equal('image/png');
      const image = await loadImage(await artifacts.store.get(result.visual.artifact.key));
      expect([image.width, image.height]).to.deep.equal([output.width, output.height]);
    });
  }

  it('reports one image, its tokens and the listed price', async () => {
    const { usage } = await visual({ quality: 'low' }).doGenerate(call('9:16'));
    expect(usage.images).to.equal(1);
    expect(usage.outputTokens).to.equal(1584);
    expect(usage.inputTokens).to.be.a('number');
    expect(usage.costUsd).to.equal(0.016);
  });

  it('asks dall-e-3 for base64 at its own portrait size, mapping high quality to hd', async () => {
    const { usage } = await visual({ model: 'dall-e-3', quality: 'high' }).doGenerate(call('9:16'));
    const body = fake.requestsTo('images')[0].body as Record<string, string>;
    expect(body).to.include({ model: 'dall-e-3', size: '1024x1792', quality: 'hd', response_format: 'b64_json' });
    expect(usage.costUsd).to.equal(0.12);
  });

  it('downloads the image when the answer is a URL', async () => {
    const fileUrl = fake.hostFile(await fakeImagePng(1024, 1024, 'a hosted image'));
    fake.enqueue('images', { json: { created: 1718000000, data: [{ url: fileUrl, revised_prompt: 'a battery' }] } });
    const result = await visual({ model: 'dall-e-2' }).doGenerate(call('1:1'));
    expect(fake.requests.map((request) => request.route)).to.deep.equal(['images', 'file']);
    const image = await loadImage(await artifacts.store.get(result.visual.artifact.key));
    expect([image.width, image.height]).to.deep.equal([1080, 1080]);
    expect(result.usage.costUsd).to.equal(0.02);
  });

  it('fails clearly when the image URL cannot be fetched', async () => {
    fake.enqueue('images', { json: { created: 1718000000, data: [{ url: `${fake.url}/files/0000.png` }] } });
    const error = await rejection(visual({ model: 'dall-e-2' }).doGenerate(call('1:1')));
    expect(error).to.be.instanceOf(ProviderError);
    expect(error.message).to.match(/download failed \(404\)/);
  });

  it('turns a content-policy rejection into a non-retryable error with OpenAI’s message', async () => {
    fake.enqueue(
      'images',
      errorAnswer(400, {
        message:
          'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
        type: 'image_generation_user_error',
        code: 'content_policy_violation',
      }),
    );
    const error = await rejection(visual().doGenerate(call()));
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as ProviderError).code).to.equal('content_policy_violation');
    expect(error.message).to.include('safety system');
  });
});

describe('nearestImageSize', () => {
  it('picks the supported size closest in aspect ratio for each model family', () => {
    expect(nearestImageSize('gpt-image-1', { width: 1080, height: 1920 })).to.equal('1024x1536');
    expect(nearestImageSize('gpt-image-1-mini', { width: 1920, height: 1080 })).to.equal('1536x1024');
    expect(nearestImageSize('dall-e-3', { width: 1080, height: 1920 })).to.equal('1024x1792');
    expect(nearestImageSize('dall-e-3', { width: 1080, height: 1080 })).to.equal('1024x1024');
    expect(nearestImageSize('dall-e-2', { width: 1080, height: 1920 })).to.equal('1024x1024');
  });
});
