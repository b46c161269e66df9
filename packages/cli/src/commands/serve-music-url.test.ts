import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffprobe from '@ffprobe-installer/ffprobe';
import { encodeWav, isTerminalJobStatus } from '@looply/core';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import { startBackgroundCli, type BackgroundCliProcess } from '../__fixtures__/background-cli-process.js';
import { findFreePort } from '../__fixtures__/find-free-port.js';

const run = promisify(execFile);
const TONE_HZ = 440;

/** A real WAV file: `seconds` of a sine at `frequency` Hz, 16-bit mono 44.1 kHz, at half scale. */
function sineWav(seconds: number, frequency: number): Buffer {
  const sampleRate = 44_100;
  const samples = Int16Array.from({ length: Math.round(seconds * sampleRate) }, (_, index) =>
    Math.round(16_000 * Math.sin((2 * Math.PI * frequency * index) / sampleRate)),
  );
  return encodeWav({ sampleRate, channels: 1, samples });
}

/** The RMS level (dBFS) of the file's audio in a 20 Hz band around `frequency`, decoded by ffprobe's own filters. */
async function bandLevelDb(file: string, frequency: number): Promise<number> {
  const { stdout } = await run(ffprobe.path, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `amovie=${file},bandpass=f=${frequency}:width_type=h:width=20,astats=metadata=1:reset=0`,
    '-show_entries',
    'frame_tags=lavfi.astats.Overall.RMS_level',
    '-of',
    'csv=p=0',
  ]);
  return Number(stdout.trim().split('\n').at(-1));
}

describe('looply serve: a brief with a music URL (checked at submit and again at download)', function () {
  this.timeout(300_000);
  let database: TestDatabase;
  let home: string;
  let serve: BackgroundCliProcess;
  let music: Server;
  let musicUrl: string;
  const musicRequests: string[] = [];
  let baseUrl: string;
  let token: string;

  before(async () => {
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-serve-music-'));
    const track = sineWav(12, TONE_HZ);
    music = createHttpServer((request, response) => {
      musicRequests.push(request.url ?? '');
      response.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(track.length) });
      response.end(track);
    });
    await new Promise<void>((resolve) => music.listen(0, '127.0.0.1', resolve));
    musicUrl = `http://127.0.0.1:${(music.address() as AddressInfo).port}/tone.wav`;
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    serve = startBackgroundCli(
      ['serve', '--port', String(port), '--concurrency', '2'],
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOOPLY_HOME: home,
        DATABASE_URL: database.url,
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: baseUrl,
        LOG_LEVEL: 'warn',
        // The test's fake on 127.0.0.1 is allowed the way callback tests allow their receiver; nothing else private is.
        LOOPLY_CALLBACK_ALLOWLIST: '127.0.0.1',
      },
      home,
    );
    await serve.waitForOutput('Looply API listening');
    const credentials = { email: 'listener@example.com', password: 'correct horse battery' };
    const post = (path: string, body: object) =>
      fetch(`${baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/auth/register', credentials)).status).to.equal(201);
    token = ((await (await post('/auth/login', credentials)).json()) as { token: string }).token;
  });
  after(async () => {
    await serve?.stop();
    if (music) await new Promise((resolve) => music.close(resolve));
    await database?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const api = async (path: string, init: { method?: string; body?: object } = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  async function finishedVideo(body: object): Promise<{ id: string; status: string; error: unknown }> {
    const created = await api('/videos', { method: 'POST', body });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const { body: video } = await api(`/videos/${created.body.id}`);
      if (isTerminalJobStatus(video.status as string)) return video as { id: string; status: string; error: unknown };
      if (Date.now() > deadline) throw new Error(`video still ${video.status}:\n${serve.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function download(id: string, name: string): Promise<string> {
    const response = await fetch(`${baseUrl}/api/v1/videos/${id}/file`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).to.equal(200);
    const file = join(home, name);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    return file;
  }

  it("downloads the track and mixes it in: the job completes and the MP4 carries the track's tone (not there without music)", async () => {
    const brief = { topic: 'the ocean at night', durationSec: 6 };
    const [withMusic, without] = await Promise.all([
      finishedVideo({ ...brief, music: { source: musicUrl, volume: 0.5 } }),
      finishedVideo(brief),
    ]);
    expect(withMusic.status, JSON.stringify(withMusic.error)).to.equal('COMPLETED');
    expect(without.status, JSON.stringify(without.error)).to.equal('COMPLETED');
    expect(musicRequests).to.include('/tone.wav');
    const musicLevel = await bandLevelDb(await download(withMusic.id, 'with-music.mp4'), TONE_HZ);
    const quietLevel = await bandLevelDb(await download(without.id, 'without-music.mp4'), TONE_HZ);
    expect(musicLevel - quietLevel, `${musicLevel} dB vs ${quietLevel} dB at ${TONE_HZ} Hz`).to.be.greaterThan(10);
  });

  it('refuses a music URL on a private address at submit, naming the field and the address', async () => {
    const refused = await api('/videos', {
      method: 'POST',
      body: { topic: 'the ocean at night', durationSec: 6, music: { source: 'http://10.20.30.40/tone.wav' } },
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.details[0].path).to.deep.equal(['music', 'source']);
    expect(refused.body.error.message).to.contain('music.source').and.contain('resolves to 10.20.30.40');
  });
});
