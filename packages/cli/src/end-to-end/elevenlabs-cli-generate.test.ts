import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audioDurationSec, decodeWav, type Narration, type Script } from '@looply/core';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import pg from 'pg';
import { startFakeElevenLabsServer, type FakeElevenLabsServer } from '@looply/providers-elevenlabs/testing';
import { runCliProcess } from '../__fixtures__/run-cli-process.js';

async function stepOutputs(databaseUrl: string, jobId: string): Promise<{ script: Script; narration: Narration }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ step: string; output: Record<string, unknown> }>(
      `select step, output from looply.step_run where job_id = $1 and step in ('script', 'voice')`,
      [jobId],
    );
    const byStep = new Map(rows.map((row) => [row.step, row.output]));
    return { script: byStep.get('script')!.script as Script, narration: byStep.get('voice')!.narration as Narration };
  } finally {
    await client.end();
  }
}

describe('looply generate with ElevenLabs (real CLI process, fake ElevenLabs, test Postgres)', function () {
  this.timeout(300_000);
  let fake: FakeElevenLabsServer;
  let database: TestDatabase;
  let workspace: string;
  let environment: Record<string, string | undefined>;

  beforeEach(async () => {
    fake = await startFakeElevenLabsServer();
    database = await createTestDatabase();
    workspace = await mkdtemp(join(tmpdir(), 'looply-elevenlabs-cli-'));
    environment = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOOPLY_HOME: join(workspace, 'home'),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      ELEVENLABS_API_KEY: fake.apiKey,
      ELEVENLABS_BASE_URL: fake.url,
    };
  });

  afterEach(async () => {
    await fake.close();
    await database.drop();
    await rm(workspace, { recursive: true, force: true });
  });

  it('auto-selects ElevenLabs for the voice and times the captions from its alignment', async () => {
    const out = join(workspace, 'solar.mp4');
    const run = await runCliProcess(
      ['generate', '--topic', 'solar power', '--duration', '10', '--out', out, '--json'],
      { cwd: workspace, environment },
    );
    expect(run.exitCode, run.stderr).to.equal(0);
    const result = JSON.parse(run.stdout.trim()) as {
      jobId: string;
      status: string;
      providers: Record<string, string>;
      usage: { byStep: Record<string, { characters?: number }> };
    };
    expect(result.status).to.equal('COMPLETED');
    expect(result.providers.voice).to.equal('elevenlabs');

    const { script, narration } = await stepOutputs(database.url, result.jobId);
    const speech = fake.requests.filter(
      (request) => request.path.endsWith('/with-timestamps') && request.status === 200,
    );
    expect(speech).to.have.length(script.scenes.length);
    for (const request of speech) expect(request.headers['xi-api-key']).to.equal(fake.apiKey);
    expect(result.usage.byStep.voice?.characters).to.equal(
      speech.reduce((sum, request) => sum + request.speech!.characterCost, 0),
    );

    // The words the fake spoke, scene by scene, offset by the audio before each scene.
    const expected: Array<{ text: string; startSec: number; endSec: number; sceneIndex: number }> = [];
    let offset = 0;
    script.scenes.forEach((scene, sceneIndex) => {
      const answer = speech.find(
        (request) => (request.body as { text: string }).text === scene.narration.trim(),
      )!.speech!;
      const { characters, character_start_times_seconds: starts, character_end_times_seconds: ends } = answer.alignment;
      let word: (typeof expected)[number] | undefined;
      characters.forEach((character, index) => {
        if (/\s/.test(character)) return void (word = undefined);
        if (!word) expected.push((word = { text: '', startSec: offset + starts[index], endSec: 0, sceneIndex }));
        word.text += character;
        word.endSec = offset + ends[index];
      });
      offset += answer.durationSec;
    });
    expect(narration.wordTimingsExact).to.equal(true);
    expect(narration.words.map((word) => word.text)).to.deep.equal(expected.map((word) => word.text));
    narration.words.forEach((word, index) => {
      expect(word.startSec, word.text).to.be.closeTo(expected[index].startSec, 1e-5);
      expect(word.endSec, word.text).to.be.closeTo(expected[index].endSec, 1e-5);
    });
    expect(narration.durationSec).to.be.closeTo(offset, 1e-6);

    const wav = decodeWav(
      await readFile(join(environment.LOOPLY_HOME!, 'artifacts', ...narration.audio.key.split('/'))),
    );
    expect(audioDurationSec(wav)).to.be.closeTo(narration.durationSec, 1e-6);
  });

  it('fails the job on a wrong key at the first request, naming ElevenLabs (exit 1, no retry)', async () => {
    const run = await runCliProcess(['generate', '--topic', 'solar power', '--duration', '10', '--json'], {
      cwd: workspace,
      environment: { ...environment, ELEVENLABS_API_KEY: 'sk_wrong_key', LOOPLY_VOICE_PROVIDER: 'elevenlabs' },
    });
    expect(run.exitCode, run.stderr).to.equal(1);
    const result = JSON.parse(run.stdout.trim()) as {
      status: string;
      providers: Record<string, string>;
      error: { step?: string; provider?: string; message: string };
    };
    expect(result.status).to.equal('FAILED');
    expect(result.error).to.deep.include({ step: 'voice', provider: 'elevenlabs' });
    expect(result.error.message).to.include('ElevenLabs rejected the API key');
    // Fatal: each scene was asked at most once, never retried.
    const texts = fake.requests
      .filter((request) => request.path.endsWith('/with-timestamps'))
      .map((request) => (request.body as { text: string }).text);
    expect(texts.length).to.be.at.least(1);
    expect(new Set(texts).size).to.equal(texts.length);
    expect(fake.requests.every((request) => request.status === 401)).to.equal(true);
  });
});
