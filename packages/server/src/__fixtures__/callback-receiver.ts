import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  headers: IncomingMessage['headers'];
  body: string;
  receivedAt: number;
}

/** A callback receiver on 127.0.0.1 answering with the scripted statuses (then 200), recording every request. */
export async function startCallbackReceiver(): Promise<{
  url: string;
  received: ReceivedCallback[];
  /** Statuses to answer next, in order; optional headers per answer. */
  script: Array<{ status: number; headers?: Record<string, string> }>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}> {
  const received: ReceivedCallback[] = [];
  const script: Array<{ status: number; headers?: Record<string, string> }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
      const next = script.shift() ?? { status: 200 };
      response.writeHead(next.status, next.headers ?? {});
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/looply`,
    received,
    script,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} of ${count} callbacks`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return received.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
