import { expect } from 'chai';
import OpenAI, { AuthenticationError, BadRequestError } from 'openai';
import { decodeWav } from '@looply/core';
import { readScriptRequest } from './fake-script-writer.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from './fake-openai-server.js';
import { rateLimitAnswer } from './fake-openai-answers.js';

describe('startFakeOpenAIServer', () => {
  let fake: FakeOpenAIServer;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeOpenAIServer({ apiKey: 'sk-good' });
    client = new OpenAI({ apiKey: 'sk-good', baseURL: fake.baseURL, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('listens on 127.0.0.1 under /v1', () => {
    expect(fake.baseURL).to.match(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers 401 invalid_api_key in the vendor envelope to a wrong key', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-123456', baseURL: fake.baseURL, maxRetries: 0 });
    const error = await wrong.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).to.equal('invalid_api_key');
    expect((error as AuthenticationError).type).to.equal('invalid_request_error');
    expect((error as AuthenticationError).message).to.match(/^401 Incorrect API key provided: sk-\*+3456\./);
    expect((error as AuthenticationError).requestID).to.match(/^req_/);
  });

  it('sends JSON with request id and rate-limit headers', async () => {
    const response = await fetch(`${fake.baseURL}/models`, { headers: { authorization: 'Bearer sk-good' } });
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.equal('application/json');
    expect(response.headers.get('x-request-id')).to.match(/^req_[0-9a-f]{32}$/);
    expect(response.headers.get('x-ratelimit-remaining-requests')).to.match(/^\d+$/);
    expect(await response.json()).to.deep.equal({
      error: { message: 'Invalid URL (GET /v1/models)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('rejects a strict json_schema whose objects are open, as OpenAI does', async () => {
    const error = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'x',
            strict: true,
            schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          },
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(BadRequestError);
    expect((error as BadRequestError).message)
      .to.include("Invalid schema for response_format 'x'")
      .and.include("'additionalProperties' is required");
    expect((error as BadRequestError).param).to.equal('response_format');
  });

  it('rejects response_format for gpt-image models and unsupported sizes', async () => {
    const withFormat = await client.images
      .generate({ model: 'gpt-image-1', prompt: 'a cat', response_format: 'b64_json' })
      .catch((caught: unknown) => caught);
    expect((withFormat as BadRequestError).param).to.equal('response_format');
    const badSize = await client.images
      .generate({ model: 'dall-e-3', prompt: 'a cat', size: '1024x1536' as never })
      .catch((caught: unknown) => caught);
    expect((badSize as BadRequestError).param).to.equal('size');
  });

  it('plays queued answers first, then the default behaviour, counting requests per route', async () => {
    fake.enqueue('chat', rateLimitAnswer({ retryAfterMs: 5 }));
    const retrying = new OpenAI({ apiKey: 'sk-good', baseURL: fake.baseURL, maxRetries: 1 });
    const completion = await retrying.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Topic: kites\nabout 12 words\nUse 2 scenes' }],
    });
    expect(fake.requestsTo('chat').map((request) => request.status)).to.deep.equal([429, 200]);
    const script = JSON.parse(completion.choices[0].message.content!);
    expect(script.scenes).to.have.length(2);
    expect(
      script.scenes
        .map((scene: { narration: string }) => scene.narration)
        .join(' ')
        .split(' '),
    ).to.have.length(12);
  });

  it('speaks real WAV audio whose length follows the text', async () => {
    const short = await client.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'alloy',
      input: 'two words',
      response_format: 'wav',
    });
    const long = await client.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'alloy',
      input: 'one two three four five six seven eight nine ten',
      response_format: 'wav',
    });
    const shortAudio = decodeWav(Buffer.from(await short.arrayBuffer()));
    const longAudio = decodeWav(Buffer.from(await long.arrayBuffer()));
    expect(longAudio.samples.length).to.be.greaterThan(shortAudio.samples.length * 2);
    expect(fake.requestsTo('speech')[0].headers.accept).to.equal('application/octet-stream');
  });

  it('reads the length and scene count the prompt asks for, the last target winning', () => {
    expect(
      readScriptRequest([
        { content: 'Use 3 scenes, about 40 words' },
        { content: 'Topic: bees' },
        { content: 'now about 20 words' },
      ]),
    ).to.include({ words: 20, scenes: 3, topic: 'bees' });
  });
});
