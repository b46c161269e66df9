import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { rateLimitAnswer, startFakeOpenAIServer, type FakeOpenAIServer } from '@looply/providers-openai/testing';
import { onlyJsonLine } from '../__fixtures__/only-json-line.js';
import { useGenerateWorkspace } from './__fixtures__/generate-workspace.js';

interface GenerateOutput {
  jobId: string | null;
  status: string;
  providers: Record<string, string>;
  usage: { byStep: Record<string, Record<string, number> | undefined>; totalCostUsd: number | null };
  error?: { step?: string; provider?: string; message: string; code?: string };
}

type ChatFixture = {
  choices: Array<{ message: { content: string } }>;
  usage: { prompt_tokens: number; completion_tokens: number };
};

/** The recorded chat completion the OpenAI package's own tests use (tests run from the workspace sources). */
const SCRIPT_ANSWER = new URL(
  '../../../providers-openai/src/__fixtures__/chat-completion-script-10s.json',
  import.meta.url,
);

describe('looply generate with the OpenAI providers (real CLI process, fake OpenAI)', function () {
  this.timeout(600_000);
  const API_KEY = 'sk-test-cli-0123456789abcdef';
  let fake: FakeOpenAIServer;
  const workspace = useGenerateWorkspace('looply-openai-cli-');
  let fixture: ChatFixture;
  let narrations: string[];

  before(async () => {
    fake = await startFakeOpenAIServer({ apiKey: API_KEY });
    fixture = JSON.parse(await readFile(SCRIPT_ANSWER, 'utf8')) as ChatFixture;
    narrations = (
      JSON.parse(fixture.choices[0].message.content) as { scenes: Array<{ narration: string }> }
    ).scenes.map((scene) => scene.narration);
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const generate = (environment: Record<string, string>) =>
    workspace.generate({ OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: fake.baseURL, ...environment }, 240_000);

  it('auto picks OpenAI for the script when OPENAI_API_KEY is set and completes with the fake’s script', async () => {
    fake.enqueue('chat', { json: fixture });
    const run = await generate({});
    expect(run.exitCode, run.stderr).to.equal(0);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('COMPLETED');
    expect(output.providers).to.deep.equal({ script: 'openai', voice: 'local', visual: 'local', assembly: 'local' });
    const chat = fake.requestsTo('chat');
    expect(chat).to.have.length(1);
    expect(chat[0].headers.authorization).to.equal(`Bearer ${API_KEY}`);
    expect(chat[0].headers['idempotency-key']).to.be.a('string').and.not.empty;
    // The script step's usage is the fake answer's: the script came from it.
    expect(output.usage.byStep.script).to.include({
      inputTokens: fixture.usage.prompt_tokens,
      outputTokens: fixture.usage.completion_tokens,
    });
  });

  it('voices and illustrates the fake’s script with LOOPLY_VOICE_PROVIDER/LOOPLY_VISUAL_PROVIDER=openai, retrying a first 429 exactly once', async () => {
    fake.enqueue('chat', rateLimitAnswer({ retryAfterMs: 200 }), { json: fixture });
    const run = await generate({ LOOPLY_VOICE_PROVIDER: 'openai', LOOPLY_VISUAL_PROVIDER: 'openai' });
    expect(run.exitCode, run.stderr).to.equal(0);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('COMPLETED');
    expect(output.providers).to.deep.equal({ script: 'openai', voice: 'openai', visual: 'openai', assembly: 'local' });

    const chat = fake.requestsTo('chat');
    expect(chat.map((request) => request.status)).to.deep.equal([429, 200]);
    // The retry carries the same idempotency key: the runner derives it from (job, step).
    expect(chat[1].headers['idempotency-key']).to.equal(chat[0].headers['idempotency-key']);

    const spoken = fake.requestsTo('speech').map((request) => (request.body as { input: string }).input);
    expect(spoken).to.have.members(narrations).and.have.length(narrations.length);
    const images = fake.requestsTo('images');
    expect(images).to.have.length(narrations.length);
    expect(images.every((request) => (request.body as { size: string }).size === '1024x1536')).to.equal(true);
    expect(output.usage.byStep.voice).to.have.property('characters', narrations.join('').length);
    expect(output.usage.byStep.visual).to.have.property('images', narrations.length);
  });

  it('fails the job on a wrong key with an error naming OpenAI and the cause, without retrying (exit 1)', async () => {
    const run = await generate({ OPENAI_API_KEY: 'sk-wrong-key-0000000000' });
    expect(run.exitCode, run.stderr).to.equal(1);
    const output = onlyJsonLine<GenerateOutput>(run.stdout);
    expect(output.status).to.equal('FAILED');
    expect(output.error).to.include({ step: 'script', provider: 'openai' });
    expect(output.error!.message).to.include('OpenAI rejected the API key').and.include('invalid_api_key');
    expect(fake.requestsTo('chat')).to.have.length(1);
  });
});
