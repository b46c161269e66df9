import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ffprobe from '@ffprobe-installer/ffprobe';
import { expect } from 'chai';
import pg from 'pg';

const run = promisify(execFile);

export interface Client {
  token: string;
  post(path: string, body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
}

/** Registers a user on the server and logs in: a client that sends that user's token. */
export async function registerAndLogin(baseUrl: string): Promise<Client> {
  const send = (path: string, init: RequestInit, token?: string) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const credentials = { email: 'cloud@example.com', password: 'cloud providers password' };
  expect((await send('/api/v1/auth/register', { method: 'POST', body: JSON.stringify(credentials) })).status).to.equal(
    201,
  );
  const login = await send('/api/v1/auth/login', { method: 'POST', body: JSON.stringify(credentials) });
  expect(login.status).to.equal(200);
  const { token } = (await login.json()) as { token: string };
  return {
    token,
    post: (path, body) => send(path, { method: 'POST', body: JSON.stringify(body) }, token),
    get: (path) => send(path, { method: 'GET' }, token),
  };
}

/** Follows `/events` until the stream ends and returns the last event (`job-end` when the job ended). */
export async function followToEnd(
  baseUrl: string,
  client: Client,
  jobId: string,
): Promise<{ event: string; data: { status?: string } }> {
  const response = await fetch(`${baseUrl}/api/v1/videos/${jobId}/events`, {
    headers: { authorization: `Bearer ${client.token}`, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(400_000),
  });
  expect(response.status).to.equal(200);
  let buffer = '';
  let last = { event: 'none', data: {} as { status?: string } };
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) last = { event, data: JSON.parse(data) as { status?: string } };
    }
  }
  return last;
}

export interface StoredStep {
  step: string;
  scene_index: number | null;
  status: string;
  external_id: string | null;
}

/** The job's metadata and step runs, read from the database (the REST API does not show them). */
export async function storedJob(
  databaseUrl: string,
  jobId: string,
): Promise<{ metadata: { steps?: Record<string, Record<string, unknown>> }; steps: StoredStep[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const job = await client.query<{ metadata: { steps?: Record<string, Record<string, unknown>> } }>(
      'select metadata from looply.video_job where id = $1',
      [jobId],
    );
    const steps = await client.query<StoredStep>(
      'select step, scene_index, status, external_id from looply.step_run where job_id = $1 order by step, scene_index',
      [jobId],
    );
    return { metadata: job.rows[0].metadata, steps: steps.rows };
  } finally {
    await client.end();
  }
}

/** Downloads the job's MP4 into `directory` and measures it with ffprobe. */
export async function downloadAndProbe(
  client: Client,
  jobId: string,
  directory: string,
): Promise<{ duration: number; width?: number; height?: number; audio: boolean }> {
  const file = await client.get(`/api/v1/videos/${jobId}/file`);
  expect(file.status).to.equal(200);
  expect(file.headers.get('content-type')).to.match(/^video\/mp4/);
  const path = join(directory, `${jobId}.mp4`);
  await writeFile(path, Buffer.from(await file.arrayBuffer()));
  const probe = await run(ffprobe.path, [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type,width,height',
    '-of',
    'json',
    path,
  ]);
  const info = JSON.parse(probe.stdout) as {
    format: { duration: string };
    streams: Array<{ codec_type: string; width?: number; height?: number }>;
  };
  const video = info.streams.find((stream) => stream.codec_type === 'video');
  return {
    duration: Number(info.format.duration),
    width: video?.width,
    height: video?.height,
    audio: info.streams.some((stream) => stream.codec_type === 'audio'),
  };
}
