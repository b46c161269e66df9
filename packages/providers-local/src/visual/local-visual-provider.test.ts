import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { expect } from 'chai';
import {
  AbortedError,
  LocalArtifactStore,
  LooplyError,
  ProviderError,
  STYLE_CATALOGUE,
  outputFormatFor,
  type AspectRatio,
  type VisualCallOptionsV1,
} from '@looply/core';
import { createLocalVisualProvider } from './local-visual-provider.js';

const PROMPTS = [
  'A bold visual metaphor for solar power, emerging dramatically into view, golden hour backlight, slow dolly in',
  'Rows of solar panels on a rooftop under a bright sun, smooth tracking shot',
  'A futuristic city skyline at dawn powered by the sun, gentle orbit',
  'A person looking out toward the ocean at sunrise, slow push in',
];

describe('local visual provider', () => {
  let root: string;
  let artifacts: LocalArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-visual-'));
    artifacts = new LocalArtifactStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function optionsFor(
    sceneIndex: number,
    overrides: Partial<VisualCallOptionsV1> = {},
    aspectRatio: AspectRatio = '9:16',
  ): VisualCallOptionsV1 {
    return {
      abortSignal: new AbortController().signal,
      idempotencyKey: `job-1:visual:${sceneIndex}`,
      artifacts,
      artifactPrefix: `jobs/job-1/visual/scene-${sceneIndex}`,
      title: "L'énergie solaire expliquée",
      style: STYLE_CATALOGUE.modern,
      output: outputFormatFor(aspectRatio),
      scene: {
        index: sceneIndex,
        count: PROMPTS.length,
        narration: 'Le soleil fournit plus d’énergie en une heure que le monde n’en consomme en un an.',
        prompt: { positive: PROMPTS[sceneIndex], negative: STYLE_CATALOGUE.modern.negativePrompt },
        durationSec: 6,
      },
      ...overrides,
    };
  }

  async function decode(key: string): Promise<Image> {
    return loadImage(await artifacts.get(key));
  }

  /** Pixels of a 54×96-ish thumbnail: neighbouring scenes are compared at this scale. */
  function thumbnail(image: Image): Uint8ClampedArray {
    const width = Math.round(image.width / 20);
    const height = Math.round(image.height / 20);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0, width, height);
    return context.getImageData(0, 0, width, height).data;
  }

  function meanAbsoluteDifference(first: Uint8ClampedArray, second: Uint8ClampedArray): number {
    let total = 0;
    let count = 0;
    for (let index = 0; index < first.length; index += 4) {
      for (let channel = 0; channel < 3; channel += 1)
        total += Math.abs(first[index + channel] - second[index + channel]);
      count += 3;
    }
    return total / count;
  }

  it('implements the short visual spec v1 under the id "local"', () => {
    const provider = createLocalVisualProvider();
    expect(provider).to.include({ specificationVersion: 'v1', kind: 'visual', mode: 'short', provider: 'local' });
  });

  for (const aspectRatio of ['9:16', '16:9', '1:1'] as const) {
    it(`renders one JPEG at the output size for ${aspectRatio} and stores it under the prefix`, async () => {
      const result = await createLocalVisualProvider().doGenerate(optionsFor(1, {}, aspectRatio));
      const { width, height } = outputFormatFor(aspectRatio);
      expect(result.visual).to.deep.include({ sceneIndex: 1, kind: 'image', width, height });
      expect(result.visual.artifact).to.include({
        key: 'jobs/job-1/visual/scene-1/still.jpg',
        contentType: 'image/jpeg',
      });
      expect(result.usage).to.deep.equal({ images: 1, costUsd: 0 });
      expect(result.warnings).to.deep.equal([]);
      const image = await decode(result.visual.artifact.key);
      expect([image.width, image.height]).to.deep.equal([width, height]);
      expect(await artifacts.list('jobs/job-1/visual')).to.deep.equal(['jobs/job-1/visual/scene-1/still.jpg']);
    });
  }

  it('produces the same bytes for the same input', async () => {
    const provider = createLocalVisualProvider();
    const first = await provider.doGenerate(optionsFor(2));
    const firstBytes = await artifacts.get(first.visual.artifact.key);
    const second = await createLocalVisualProvider().doGenerate(
      optionsFor(2, { artifactPrefix: 'jobs/job-2/visual/scene-2' }),
    );
    expect(Buffer.compare(firstBytes, await artifacts.get(second.visual.artifact.key))).to.equal(0);
  });

  it('renders neighbouring scenes of one script clearly differently', async () => {
    const provider = createLocalVisualProvider();
    const thumbnails: Uint8ClampedArray[] = [];
    for (let sceneIndex = 0; sceneIndex < PROMPTS.length; sceneIndex += 1) {
      const result = await provider.doGenerate(optionsFor(sceneIndex));
      thumbnails.push(thumbnail(await decode(result.visual.artifact.key)));
    }
    for (let index = 1; index < thumbnails.length; index += 1) {
      expect(
        meanAbsoluteDifference(thumbnails[index - 1], thumbnails[index]),
        `scenes ${index - 1} and ${index}`,
      ).to.be.above(8);
    }
  });

  it('keeps the lower caption zone calmer than the picture above it', async () => {
    const result = await createLocalVisualProvider().doGenerate(optionsFor(2));
    const image = await decode(result.visual.artifact.key);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    // Mean difference between horizontally adjacent pixels: a measure of detail.
    const detail = (top: number, bottom: number): number => {
      const data = context.getImageData(0, top, image.width, bottom - top).data;
      let total = 0;
      for (let index = 4; index < data.length; index += 4) total += Math.abs(data[index] - data[index - 4]);
      return total / (data.length / 4);
    };
    const upper = detail(Math.round(image.height * 0.3), Math.round(image.height * 0.6));
    const captions = detail(Math.round(image.height * 0.7), image.height);
    expect(captions).to.be.below(upper);
  });

  it('writes a PNG when asked, in settings or per call', async () => {
    const fromSettings = await createLocalVisualProvider({ format: 'png' }).doGenerate(optionsFor(0, {}, '1:1'));
    expect(fromSettings.visual.artifact).to.include({
      key: 'jobs/job-1/visual/scene-0/still.png',
      contentType: 'image/png',
    });
    expect((await artifacts.get(fromSettings.visual.artifact.key)).subarray(1, 4).toString('latin1')).to.equal('PNG');
    const perCall = await createLocalVisualProvider().doGenerate(
      optionsFor(3, { providerOptions: { local: { format: 'png' }, openai: { model: 'x' } } }, '1:1'),
    );
    expect(perCall.visual.artifact.contentType).to.equal('image/png');
    expect(perCall.warnings).to.deep.equal([]);
  });

  it('warns about unknown or invalid per-call options instead of failing', async () => {
    const result = await createLocalVisualProvider().doGenerate(
      optionsFor(0, { providerOptions: { local: { seed: 4, jpegQuality: 3 } } }, '1:1'),
    );
    expect(result.warnings).to.deep.equal([
      { type: 'unsupported-setting', setting: 'providerOptions.local.seed', details: 'unknown option, ignored' },
      { type: 'unsupported-setting', setting: 'providerOptions.local.jpegQuality', details: 'invalid value, ignored' },
    ]);
  });

  it('draws French headings with the style font and warns when a heading needs a fallback font', async () => {
    const french = await createLocalVisualProvider().doGenerate(
      optionsFor(
        0,
        { scene: { ...optionsFor(0).scene, prompt: { positive: 'Éoliennes géantes près de la mer', negative: '' } } },
        '1:1',
      ),
    );
    expect(french.warnings).to.deep.equal([]);
    const chinese = await createLocalVisualProvider().doGenerate(
      optionsFor(0, { scene: { ...optionsFor(0).scene, prompt: { positive: '太阳能 电池板', negative: '' } } }, '1:1'),
    );
    expect(chinese.warnings).to.have.length(1);
    expect(chinese.warnings[0]).to.deep.include({ type: 'other' });
    expect((chinese.warnings[0] as { message: string }).message).to.match(/Montserrat lacks/);
  });

  it('throws AbortedError and stores nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let caught: unknown;
    try {
      await createLocalVisualProvider().doGenerate(optionsFor(0, { abortSignal: controller.signal }));
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(AbortedError);
    expect(await artifacts.list('jobs')).to.deep.equal([]);
  });

  it('stops and stores nothing when aborted while rendering', async () => {
    const controller = new AbortController();
    const pending = createLocalVisualProvider().doGenerate(optionsFor(0, { abortSignal: controller.signal }));
    controller.abort();
    let caught: unknown;
    try {
      await pending;
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(AbortedError);
    expect(await artifacts.list('jobs')).to.deep.equal([]);
  });

  it('rejects invalid call options, naming each bad field', async () => {
    const bad = optionsFor(0, {
      output: { width: 0, height: 1920, fps: 30 },
      style: { ...STYLE_CATALOGUE.modern, palette: { ...STYLE_CATALOGUE.modern.palette, primary: 'blue' } },
      scene: { ...optionsFor(0).scene, index: 9 },
    });
    let caught: unknown;
    try {
      await createLocalVisualProvider().doGenerate(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(LooplyError);
    expect((caught as LooplyError).code).to.equal('validation');
    expect((caught as Error).message).to.include('local visual provider call options');
    expect((caught as Error).message).to.include('output.width');
    expect((caught as Error).message).to.include('style.palette.primary');
    expect((caught as Error).message).to.include('scene.index');
  });

  it('fails without retry, naming the font, when the title font is not installed', async () => {
    const style = { ...STYLE_CATALOGUE.modern, titleFont: { family: 'Comic Neue', weight: 700 as const } };
    let caught: unknown;
    try {
      await createLocalVisualProvider().doGenerate(optionsFor(0, { style }));
    } catch (error) {
      caught = error;
    }
    expect(ProviderError.isInstance(caught)).to.equal(true);
    expect(caught).to.include({ provider: 'local', retryable: false });
    expect((caught as Error).message).to.match(/scene 0.*"Comic Neue" weight 700 is not installed/);
  });

  it('rejects unknown settings', () => {
    expect(() => createLocalVisualProvider({ quality: 80 } as never)).to.throw(
      LooplyError,
      /createLocalVisualProvider settings.*quality/,
    );
  });
});
