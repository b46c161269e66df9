import { expect } from 'chai';
import { briefSchema } from '../domain/brief.js';
import { scriptSchema } from '../domain/script.js';
import { AbortedError, ProviderError } from '../errors/provider-error.js';
import { STYLE_CATALOGUE } from '../styles/style-catalogue.js';
import { resolveBriefTemplate } from '../templates/resolve-brief-template.js';
import { createMockScriptProvider } from './mock-script-provider.js';
import { temporaryCallOptions } from './mock-test-fixtures.js';

describe('createMockScriptProvider', () => {
  const brief = briefSchema.parse({ topic: 'solar power', durationSec: 30, language: 'pt-BR', style: 'cinematic' });
  let fixture: Awaited<ReturnType<typeof temporaryCallOptions>>;
  beforeEach(async () => {
    fixture = await temporaryCallOptions();
  });
  afterEach(() => fixture.dispose());

  it('writes the requested number of scenes, valid for scriptSchema, in the brief language', async () => {
    const provider = createMockScriptProvider({ sceneCount: 5 });
    const { script } = await provider.doGenerate({ ...fixture.call, brief, style: STYLE_CATALOGUE.cinematic });
    expect(scriptSchema.safeParse(script).success).to.equal(true);
    expect(script.scenes).to.have.length(5);
    expect(script.language).to.equal('pt-BR');
  });

  it("follows a brief's template: one scene per part of its structure, each with its role", async () => {
    const templated = briefSchema.parse(resolveBriefTemplate({ topic: 'solar power', template: 'news-recap' }));
    const { script } = await createMockScriptProvider({ sceneCount: 2 }).doGenerate({
      ...fixture.call,
      brief: templated,
      style: STYLE_CATALOGUE.documentary,
    });
    expect(script.scenes.map((scene) => scene.role)).to.deep.equal([
      'hook',
      'point',
      'point',
      'point',
      'call-to-action',
    ]);
  });

  it("splits the brief's duration evenly across scenes", async () => {
    const { script } = await createMockScriptProvider().doGenerate({
      ...fixture.call,
      brief,
      style: STYLE_CATALOGUE.cinematic,
    });
    expect(script.scenes.map((scene) => scene.durationHintSec)).to.deep.equal([10, 10, 10]);
  });

  it("builds visual prompts from the topic and the style's suffix and negative prompt", async () => {
    const { script } = await createMockScriptProvider().doGenerate({
      ...fixture.call,
      brief,
      style: STYLE_CATALOGUE.cinematic,
    });
    expect(script.scenes[0].visual.positive)
      .to.include('solar power')
      .and.to.include(STYLE_CATALOGUE.cinematic.promptSuffix);
    expect(script.scenes[0].visual.negative).to.equal(STYLE_CATALOGUE.cinematic.negativePrompt);
  });

  it('reports its id, usage and no warnings', async () => {
    const provider = createMockScriptProvider({ id: 'fake-llm' });
    const result = await provider.doGenerate({ ...fixture.call, brief, style: STYLE_CATALOGUE.cinematic });
    expect(provider.provider).to.equal('fake-llm');
    expect(result.usage.outputTokens).to.be.greaterThan(0);
    expect(result.warnings).to.deep.equal([]);
  });

  it('throws the queued failures on successive calls, then succeeds, recording every call', async () => {
    const rateLimited = new ProviderError({ provider: 'mock', message: '429', retryable: true, retryAfterMs: 10 });
    const unavailable = new ProviderError({ provider: 'mock', message: '503', retryable: true });
    const provider = createMockScriptProvider({ failures: [rateLimited, unavailable] });
    const call = () => provider.doGenerate({ ...fixture.call, brief, style: STYLE_CATALOGUE.cinematic });
    const outcomes = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      outcomes.push(
        await call().then(
          () => 'ok',
          (error: Error) => error.message,
        ),
      );
    expect(outcomes).to.deep.equal(['429', '503', 'ok']);
    expect(provider.calls.map((options) => options.idempotencyKey)).to.deep.equal([
      'job-1:step',
      'job-1:step',
      'job-1:step',
    ]);
  });

  it('calls onCall with the options before generating', async () => {
    const seen: string[] = [];
    const provider = createMockScriptProvider({ onCall: (options) => void seen.push(options.brief.topic) });
    await provider.doGenerate({ ...fixture.call, brief, style: STYLE_CATALOGUE.cinematic });
    expect(seen).to.deep.equal(['solar power']);
  });

  it('rejects with AbortedError when aborted during its delay', async () => {
    const controller = new AbortController();
    const provider = createMockScriptProvider({ delayMs: 60_000 });
    const pending = provider.doGenerate({
      ...fixture.call,
      abortSignal: controller.signal,
      brief,
      style: STYLE_CATALOGUE.cinematic,
    });
    controller.abort();
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(AbortedError);
  });

  it('rejects unknown or invalid options, naming them', () => {
    expect(() => createMockScriptProvider({ sceneCount: 0 })).to.throw(/createMockScriptProvider options: sceneCount/);
    expect(() => createMockScriptProvider({ scenes: 3 } as never)).to.throw(/Unrecognized key.*scenes/);
  });
});
