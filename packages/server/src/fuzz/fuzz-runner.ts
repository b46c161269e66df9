import http from 'node:http';
import fc from 'fast-check';
import { fuzzRequests, type FuzzContext, type FuzzRequest } from './fuzz-requests.js';

export interface FuzzOptions {
  port: number;
  context: FuzzContext;
  seed: number;
  requests: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** A request with no complete answer by then is a failure. */
  timeoutMs?: number;
}

export interface FuzzFailure {
  index: number;
  request: { method: string; path: string; headers: Record<string, string>; bodyPreview?: string };
  outcome: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  /** Status code (or `timeout` / `connection-error`) → count. */
  histogram: Record<string, number>;
  /** Every 5xx, timeout or broken connection. */
  failures: FuzzFailure[];
  elapsedMs: number;
}

function send(agent: http.Agent, port: number, request: FuzzRequest, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: string) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: '127.0.0.1',
        port,
        agent,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
      });
    } catch (error) {
      // Node's client refused to send it (e.g. a header character): not the server's doing.
      finish(`unsendable:${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return;
    }
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish('timeout');
    }, timeoutMs);
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        clearTimeout(timer);
        finish(String(response.statusCode));
      });
      response.on('error', () => {
        clearTimeout(timer);
        finish('connection-error');
      });
    });
    outgoing.on('error', () => {
      clearTimeout(timer);
      finish('connection-error');
    });
    outgoing.end(request.body);
  });
}

function isFailure(outcome: string): boolean {
  return /^5\d\d$/.test(outcome) || outcome === 'timeout' || outcome === 'connection-error';
}

/**
 * Generates `requests` requests from `seed` with fast-check (the same seed gives the same requests)
 * and sends them to the server on `port`, a few at a time: returns the status histogram and every
 * 5xx, timeout or broken connection.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const generated = fc.sample(fuzzRequests(options.context), { seed: options.seed, numRuns: options.requests });
  const concurrency = options.concurrency ?? 8;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const histogram: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < generated.length) {
      const index = next++;
      const request = generated[index];
      const outcome = await send(agent, options.port, request, options.timeoutMs ?? 15_000);
      histogram[outcome] = (histogram[outcome] ?? 0) + 1;
      if (isFailure(outcome)) {
        failures.push({
          index,
          request: {
            method: request.method,
            path: request.path,
            headers: request.headers,
            ...(request.body ? { bodyPreview: request.body.subarray(0, 200).toString('latin1') } : {}),
          },
          outcome,
        });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { seed: options.seed, requests: generated.length, histogram, failures, elapsedMs: Date.now() - started };
}

/** `status: count` lines, sorted by status. */
export function formatHistogram(histogram: Record<string, number>): string {
  return Object.entries(histogram)
    .sort(([first], [second]) => first.localeCompare(second))
    .map(([status, count]) => `  ${status.padEnd(22)} ${count}`)
    .join('\n');
}
