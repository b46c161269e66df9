import { AbortedError, ProviderError, scriptSchema, STYLE_CATALOGUE, type Script } from '@looply/core';
import { expect } from 'chai';
import { loadFixture, makeBrief, scriptCall, temporaryArtifacts, type TestArtifacts } from './__fixtures__/fixtures.js';
import { createOpenAI } from './openai-provider.js';
import { narrationLength, speechRateFor } from './speech-rate.js';
import { chatJsonAnswer, rateLimitAnswer, startFakeOpenAIServer, type FakeOpenAIServer } from './testing/index.js';

const API_KEY = 'sk-test-script-0123456789';

function contentOf(fixture: { choices: Array<{ message: { content: string } }> }): Script {
  return JSON.parse(fixture.choices[0].message.content) as Script;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

function everyObject(schema: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(schema)) return schema.forEach((item) => everyObject(item, visit));
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object') visit(node);
  Object.values(node).forEach((child) => everyObject(child, visit));
}

describe('OpenAIScriptModel', () => {
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

  const model = (settings: Parameters<typeof createOpenAI>[0] = {}) =>
    createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, ...settings }).script();

  it('sends one strict structured-output request with the key, the idempotency key and no SDK retry', async () => {
    fake.enqueue('chat', { json: await loadFixture('chat-completion-script-30s.json') });
    await model().doGenerate(scriptCall(makeBrief(), artifacts.store, { idempotencyKey: 'job-42:script' }));

    const [request] = fake.requestsTo('chat');
    expect(fake.requests).to.have.length(1);
    expect(request.method).to.equal('POST');
    expect(request.url).to.equal('/v1/chat/completions');
    expect(request.headers.authorization).to.equal(`Bearer ${API_KEY}`);
    expect(request.headers['idempotency-key']).to.equal('job-42:script');
    expect(request.headers['x-stainless-retry-count']).to.equal('0');
    const body = request.body as Record<string, any>;
    expect(body.model).to.equal('gpt-4o-mini');
    expect(body.response_format.type).to.equal('json_schema');
    expect(body.response_format.json_schema.strict).to.equal(true);
    expect(body.response_format.json_schema.name).to.match(/^[a-zA-Z0-9_-]{1,64}$/);
    everyObject(body.response_format.json_schema.schema, (node) => {
      expect(node.additionalProperties).to.equal(false);
      expect(node.required).to.have.members(Object.keys(node.properties as object));
    });
    expect(body.messages.map((message: { role: string }) => message.role)).to.deep.equal(['system', 'user']);
  });

  it('asks for a narration sized to the duration, in the brief language and tone, with the style vocabulary', async () => {
    fake.enqueue('chat', { json: await loadFixture('chat-completion-script-30s.json') });
    await model().doGenerate(
      scriptCall(makeBrief({ durationSec: 30, language: 'fr', tone: 'calm', style: 'cinematic' }), artifacts.store),
    );
    const [system, user] = (fake.requestsTo('chat')[0].body as { messages: Array<{ content: string }> }).messages;
    expect(system.content).to.include('French').and.include('calm tone');
    expect(system.content).to.include('about 75 words');
    expect(system.content).to.include(STYLE_CATALOGUE.cinematic.promptSuffix);
    expect(system.content).to.include(STYLE_CATALOGUE.cinematic.negativePrompt);
    expect(system.content).to.include(STYLE_CATALOGUE.cinematic.cameraMoves[0]);
    expect(user.content).to.include('Topic: solar power');
  });

  it('returns the validated script with the style applied, the brief language and usage with a cost', async () => {
    const fixture = await loadFixture<{ choices: Array<{ message: { content: string } }> }>(
      'chat-completion-script-30s.json',
    );
    fake.enqueue('chat', { json: fixture });
    const result = await model().doGenerate(scriptCall(makeBrief({ language: 'en-GB' }), artifacts.store));

    expect(scriptSchema.safeParse(result.script).success).to.equal(true);
    expect(result.script.language).to.equal('en-GB');
    expect(result.script.scenes.map((scene) => scene.narration)).to.deep.equal(
      contentOf(fixture).scenes.map((scene) => scene.narration),
    );
    for (const scene of result.script.scenes) {
      expect(scene.visual.positive).to.include(STYLE_CATALOGUE.modern.promptSuffix);
      expect(scene.visual.negative).to.include(STYLE_CATALOGUE.modern.negativePrompt);
    }
    const hints = result.script.scenes.reduce((sum, scene) => sum + scene.durationHintSec, 0);
    expect(hints).to.be.closeTo(30, 0.5);
    // 1034 prompt and 487 completion tokens at $0.15 / $0.60 per million.
    expect(result.usage).to.deep.equal({ inputTokens: 1034, outputTokens: 487, costUsd: 0.000447 });
  });

  it('appends the style suffix and negative prompt when the model leaves them out', async () => {
    fake.enqueue('chat', { json: await loadFixture('chat-completion-script-10s.json') });
    const result = await model().doGenerate(
      scriptCall(makeBrief({ durationSec: 10, style: 'retro' }), artifacts.store),
    );
    expect(result.script.scenes[0].visual.positive).to.match(/slow dolly in, retro 1980s aesthetic/);
    expect(result.script.scenes[0].visual.negative.startsWith(STYLE_CATALOGUE.retro.negativePrompt)).to.equal(true);
    expect(result.script.scenes[0].visual.negative).to.include('blurry, text, watermark');
  });

  it('repairs a narration far too long once, sending the previous answer back, and adds up the usage', async () => {
    const tooLong = await loadFixture<{ choices: Array<{ message: { content: string } }> }>(
      'chat-completion-script-too-long.json',
    );
    fake.enqueue('chat', { json: tooLong }, { json: await loadFixture('chat-completion-script-30s.json') });
    const result = await model().doGenerate(
      scriptCall(makeBrief(), artifacts.store, { idempotencyKey: 'job-7:script' }),
    );

    const requests = fake.requestsTo('chat');
    expect(requests).to.have.length(2);
    const repair = requests[1].body as { messages: Array<{ role: string; content: string }> };
    expect(repair.messages.map((message) => message.role)).to.deep.equal(['system', 'user', 'assistant', 'user']);
    expect(repair.messages[2].content).to.equal(tooLong.choices[0].message.content);
    expect(repair.messages[3].content).to.include('too long').and.include('210 words').and.include('about 75 words');
    expect(requests[1].headers['idempotency-key']).to.equal('job-7:script:length-repair');
    const words = narrationLength(result.script.scenes.map((scene) => scene.narration).join(' '), speechRateFor('en'));
    expect(words).to.be.within(49, 102);
    expect(result.usage.inputTokens).to.equal(2 * 1034);
    expect(result.usage.outputTokens).to.equal(912 + 487);
    expect(result.warnings.some((warning) => warning.type === 'other' && /repair/.test(warning.message))).to.equal(
      true,
    );
  });

  it('fails without retry when the narration is still the wrong length after the repair round', async () => {
    const tooLong = await loadFixture('chat-completion-script-too-long.json');
    fake.enqueue('chat', { json: tooLong }, { json: tooLong });
    const error = await rejection(model().doGenerate(scriptCall(makeBrief(), artifacts.store)));
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as ProviderError).code).to.equal('narration-length');
    expect(error.message).to.include('210 words').and.include('30 s').and.include('48–102');
    expect(fake.requestsTo('chat')).to.have.length(2);
  });

  it('repairs a narration far too short', async () => {
    fake.enqueue('chat', { json: await loadFixture('chat-completion-script-10s.json') });
    const result = await model().doGenerate(scriptCall(makeBrief({ durationSec: 60 }), artifacts.store));
    const requests = fake.requestsTo('chat');
    expect(requests).to.have.length(2);
    expect((requests[1].body as { messages: Array<{ content: string }> }).messages[3].content).to.include('too short');
    // The fake writes the length the repair asks for.
    const words = narrationLength(result.script.scenes.map((scene) => scene.narration).join(' '), speechRateFor('en'));
    expect(words).to.be.within(97, 203);
  });

  for (const [fixture, code, pattern] of [
    ['chat-completion-refusal.json', 'refusal', /refused to write the script: I'm sorry/],
    ['chat-completion-length.json', 'length', /token limit \(finish_reason "length"\)/],
    ['chat-completion-content-filter.json', 'content_filter', /content filter.*finish_reason "content_filter"/],
  ] as const) {
    it(`fails without retry on ${code}, saying why`, async () => {
      fake.enqueue('chat', { json: await loadFixture(fixture) });
      const error = await rejection(model().doGenerate(scriptCall(makeBrief(), artifacts.store)));
      expect(error).to.be.instanceOf(ProviderError);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as ProviderError).code).to.equal(code);
      expect(error.message).to.match(pattern);
      expect(fake.requestsTo('chat')).to.have.length(1);
    });
  }

  it('turns a 429 rate limit into one retryable error carrying retry-after-ms, without retrying inside the SDK', async () => {
    fake.enqueue('chat', rateLimitAnswer({ retryAfterMs: 1500 }));
    const error = await rejection(model().doGenerate(scriptCall(makeBrief(), artifacts.store)));
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(true);
    expect((error as ProviderError).retryAfterMs).to.equal(1500);
    expect((error as ProviderError).statusCode).to.equal(429);
    expect((error as ProviderError).code).to.equal('rate_limit_exceeded');
    expect(fake.requestsTo('chat')).to.have.length(1);
  });

  it('reads the key lazily from OPENAI_API_KEY and the model from OPENAI_MODEL', async () => {
    const saved = { key: process.env.OPENAI_API_KEY, model: process.env.OPENAI_MODEL };
    delete process.env.OPENAI_API_KEY;
    try {
      const lazy = createOpenAI({ baseURL: fake.baseURL }).script();
      process.env.OPENAI_API_KEY = API_KEY;
      process.env.OPENAI_MODEL = 'gpt-4.1-mini';
      fake.enqueue('chat', { json: await loadFixture('chat-completion-script-30s.json') });
      const result = await lazy.doGenerate(scriptCall(makeBrief(), artifacts.store));
      expect(fake.requestsTo('chat')[0].headers.authorization).to.equal(`Bearer ${API_KEY}`);
      expect((fake.requestsTo('chat')[0].body as { model: string }).model).to.equal('gpt-4.1-mini');
      // gpt-4.1-mini: $0.40 / $1.60 per million tokens.
      expect(result.usage.costUsd).to.equal(0.001193);
    } finally {
      for (const [name, value] of [
        ['OPENAI_API_KEY', saved.key],
        ['OPENAI_MODEL', saved.model],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('fails without a request when no key is set', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const error = await rejection(
        createOpenAI({ baseURL: fake.baseURL }).script().doGenerate(scriptCall(makeBrief(), artifacts.store)),
      );
      expect(error).to.be.instanceOf(ProviderError);
      expect(error.message).to.equal('OpenAI: set OPENAI_API_KEY (or pass apiKey to createOpenAI)');
      expect((error as ProviderError).retryable).to.equal(false);
      expect(fake.requests).to.have.length(0);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('uses providerOptions.openai.model and warns about unknown provider options', async () => {
    fake.enqueue(
      'chat',
      chatJsonAnswer(contentOf(await loadFixture('chat-completion-script-30s.json')), { model: 'gpt-4o-2024-08-06' }),
    );
    const result = await model().doGenerate(
      scriptCall(makeBrief(), artifacts.store, {
        providerOptions: { openai: { model: 'gpt-4o', reasoning: 'deep' }, elevenlabs: { x: 1 } },
      }),
    );
    expect((fake.requestsTo('chat')[0].body as { model: string }).model).to.equal('gpt-4o');
    expect(result.warnings).to.deep.include({
      type: 'unsupported-setting',
      setting: 'providerOptions.openai.reasoning',
      details: 'script ignores it',
    });
  });

  it('rejects a bad provider option value, naming the field', async () => {
    const error = await rejection(
      model().doGenerate(scriptCall(makeBrief(), artifacts.store, { providerOptions: { openai: { temperature: 7 } } })),
    );
    expect(error).to.be.instanceOf(ProviderError);
    expect(error.message).to.match(/providerOptions\.openai.*temperature/);
    expect(fake.requests).to.have.length(0);
  });

  it('throws AbortedError when the call is aborted in flight', async () => {
    fake.enqueue('chat', { delayMs: 2000, json: await loadFixture('chat-completion-script-30s.json') });
    const controller = new AbortController();
    const pending = model().doGenerate(scriptCall(makeBrief(), artifacts.store, { abortSignal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error).to.be.instanceOf(AbortedError);
  });

  it('turns a per-call timeout into a retryable error', async () => {
    fake.enqueue('chat', { delayMs: 2000, json: await loadFixture('chat-completion-script-30s.json') });
    const error = await rejection(
      createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: 100 })
        .script()
        .doGenerate(scriptCall(makeBrief(), artifacts.store)),
    );
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(true);
    expect(error.message).to.match(/timed out after 100 ms/);
  });

  it('writes with the fake model by default, passing the strict-schema check the fake applies', async () => {
    const result = await model().doGenerate(
      scriptCall(makeBrief({ durationSec: 20, topic: 'tidal energy' }), artifacts.store),
    );
    expect(fake.requestsTo('chat')).to.have.length(1);
    expect(fake.requestsTo('chat')[0].status).to.equal(200);
    expect(result.script.scenes).to.have.length(4);
    expect(result.script.title).to.include('tidal energy');
  });
});
