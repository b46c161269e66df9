// `pnpm bench api [--duration 10] [--connections 50] [--json]`: requests/s and p50/p99 latency of the
// authenticated `GET /api/v1/videos/:id` against `GET /api/v1/health` (the baseline), with autocannon,
// against the real `looply serve` (its defaults: rate limits counted on every request, workers running,
// embedded Postgres in a temporary LOOPLY_HOME, local providers) on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type autocannonType from 'autocannon';

// autocannon as the server package resolves it (the bench folder has no node_modules of its own).
const autocannon = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'autocannon',
) as typeof autocannonType;

const CLI_SCRIPT = fileURLToPath(new URL('../packages/cli/src/bin.ts', import.meta.url));
const GOALS = { requestsPerSecond: 3000, p99Ms: 50 };

interface EndpointResult {
  path: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number };
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ApiBenchResult {
  connections: number;
  durationSeconds: number;
  health: EndpointResult;
  authenticatedRead: EndpointResult;
  readVersusHealth: { requestsPerSecond: number; p99: number };
  goals: {
    requestsPerSecond: { goal: number; ratio: number; met: boolean };
    p99Ms: { goal: number; ratio: number; met: boolean };
  };
}

function integerFlag(name: string, value: string | undefined, fallback: number, maximum: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > maximum)
    throw new Error(`bench api: --${name} must be a whole number from 1 to ${maximum}, got "${value}"`);
  return parsed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startBenchServer(): Promise<{ child: ChildProcess; port: number; home: string }> {
  const home = await mkdtemp(join(tmpdir(), 'looply-api-bench-'));
  // Run as root, Postgres runs as its own user, which must reach the folder.
  await chmod(home, 0o755);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=looply-source', '--import=tsx', CLI_SCRIPT, 'serve', '--port', String(port)],
    {
      env: {
        ...process.env,
        LOOPLY_HOME: home,
        LOOPLY_PG_PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // The limiter counts every request as in production; the one bench client must just never reach it.
        LOOPLY_RATE_LIMIT_PER_MINUTE: '100000000',
        LOOPLY_AUTH_RATE_LIMIT: '1000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('bench api: looply serve did not start within 180 s')), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/Looply API listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench api: looply serve exited with ${code} before it was ready`));
    });
  });
  return { child, port, home };
}

async function seed(baseUrl: string): Promise<{ token: string; videoId: string }> {
  const credentials = { email: 'bench@example.com', password: 'benchmark password' };
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`bench api: POST ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  await post('/api/v1/auth/register', credentials);
  const { token } = (await post('/api/v1/auth/login', credentials)) as { token: string };
  const video = (await post('/api/v1/videos', { topic: 'benchmarking an API', durationSec: 5 }, token)) as {
    id: string;
  };
  // The workers render it first (local providers): measured afterwards, they idle and poll as in production.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/v1/videos/${video.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { status } = (await response.json()) as { status: string };
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(status)) break;
    if (Date.now() > deadline) throw new Error(`bench api: the seed video is still ${status} after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { token, videoId: video.id };
}

function measure(
  url: string,
  connections: number,
  duration: number,
  headers: Record<string, string> = {},
): Promise<autocannonType.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function summarise(path: string, result: autocannonType.Result): EndpointResult {
  return {
    path,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: Math.round(result.latency.mean * 100) / 100 },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export async function runApiBench(args: string[]): Promise<ApiBenchResult> {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const duration = integerFlag('duration', values.duration, 10, 600);
  const connections = integerFlag('connections', values.connections, 50, 1000);
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  log('starting looply serve (embedded Postgres, local providers, workers running, rate limits on)…');
  const { child, port, home } = await startBenchServer();
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    const { token, videoId } = await seed(baseUrl);
    const authorization = { authorization: `Bearer ${token}` };
    const healthUrl = `${baseUrl}/api/v1/health`;
    const readUrl = `${baseUrl}/api/v1/videos/${videoId}`;
    log('warming up…');
    await measure(healthUrl, connections, 2);
    await measure(readUrl, connections, 2, authorization);
    log(`GET /api/v1/health, ${connections} connections, ${duration} s…`);
    const health = summarise('/api/v1/health', await measure(healthUrl, connections, duration));
    log(`GET /api/v1/videos/:id with a token, ${connections} connections, ${duration} s…`);
    const read = summarise('/api/v1/videos/:id', await measure(readUrl, connections, duration, authorization));
    const result: ApiBenchResult = {
      connections,
      durationSeconds: duration,
      health,
      authenticatedRead: read,
      readVersusHealth: {
        requestsPerSecond: round2(read.requestsPerSecond / health.requestsPerSecond),
        p99: round2(read.latencyMs.p99 / Math.max(1, health.latencyMs.p99)),
      },
      goals: {
        requestsPerSecond: {
          goal: GOALS.requestsPerSecond,
          ratio: round2(read.requestsPerSecond / GOALS.requestsPerSecond),
          met: read.requestsPerSecond >= GOALS.requestsPerSecond,
        },
        p99Ms: {
          goal: GOALS.p99Ms,
          ratio: round2(read.latencyMs.p99 / GOALS.p99Ms),
          met: read.latencyMs.p99 < GOALS.p99Ms,
        },
      },
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printTable(result);
    return result;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    await rm(home, { recursive: true, force: true });
  }
}

function printTable(result: ApiBenchResult): void {
  const rows = [result.health, result.authenticatedRead].map((row) => [
    `GET ${row.path}`,
    String(row.requestsPerSecond),
    String(row.latencyMs.p50),
    String(row.latencyMs.p99),
    String(row.requests),
    String(row.non2xx + row.errors),
  ]);
  const header = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'failed'];
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index].length)));
  const line = (cells: string[]) =>
    cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ');
  process.stdout.write(
    `\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(line).join('\n')}\n\n`,
  );
  const { goals } = result;
  process.stdout.write(
    `authenticated read vs health: ${result.readVersusHealth.requestsPerSecond}× the req/s, ${result.readVersusHealth.p99}× the p99\n` +
      `goal ≥ ${goals.requestsPerSecond.goal} req/s: ${goals.requestsPerSecond.ratio}× (${goals.requestsPerSecond.met ? 'met' : 'not met'}); ` +
      `goal p99 < ${goals.p99Ms.goal} ms: ${goals.p99Ms.ratio}× (${goals.p99Ms.met ? 'met' : 'not met'})\n` +
      `(${result.connections} connections, ${result.durationSeconds} s each, \`looply serve\` defaults with workers running; server and load generator on the same machine)\n`,
  );
}
