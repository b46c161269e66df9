import { createSecretKey, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from './test-server.js';
import { startHttpServer, type RunningHttpServer } from '../http/start-http-server.js';
import type { FuzzContext } from '../fuzz/fuzz-requests.js';

export interface FuzzTarget {
  server: TestServer;
  http: RunningHttpServer;
  context: FuzzContext;
  /** What a healthy server answers: health, the owner's identity and video list (the fuzzer may delete videos), all 200. */
  checkHealthy(): Promise<{ health: number; me: number; list: number }>;
  close(): Promise<void>;
}

/**
 * The server under fuzz: the real app on a real socket (a fresh test database, mock providers, workers
 * running), two users, a finished video and a set of valid and refused tokens for the generator.
 */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const server = await createTestServer({
    settings: { quotas: { concurrentJobs: 3, videosPerDay: 100_000, secondsPerDay: 10_000_000 } },
  });
  const http = await startHttpServer(server.app, { port: 0, host: '127.0.0.1' });
  const owner = await server.createUser();
  const other = await server.createUser();
  // Logout and password change revoke tokens: they get a user of their own, so the others stay valid.
  const sacrificial = await server.createUser();
  const created = await request(server.app)
    .post('/api/v1/videos')
    .set({ Authorization: `Bearer ${owner.token}` })
    .send(QUICK_BRIEF);
  if (created.status !== 202) throw new Error(`fuzz: could not create the seed video (${created.status})`);
  await waitForJobEnd(server.engine, created.body.id as string);
  const sign = (claims: object, secret = server.secret, expiresIn = 3600) =>
    jwt.sign(claims, secret, { algorithm: 'HS256', issuer: 'looply', expiresIn });
  const context: FuzzContext = {
    tokens: [owner.token, other.token],
    revokingTokens: [sacrificial.token],
    badTokens: [
      sign({ sub: owner.id, ver: 0 }, server.secret, -10),
      sign({ sub: owner.id, ver: 0 }, createSecretKey(randomBytes(32))),
      sign({ sub: 'not-a-uuid', ver: 0 }),
      sign({ sub: owner.id, ver: 99 }),
      sign({ sub: `${owner.id}\u0000`, ver: 0 }),
    ],
    videoIds: [created.body.id as string],
  };
  return {
    server,
    http,
    context,
    async checkHealthy() {
      const health = await fetch(`http://127.0.0.1:${http.port}/api/v1/health`);
      const headers = { authorization: `Bearer ${owner.token}` };
      const me = await fetch(`http://127.0.0.1:${http.port}/api/v1/auth/me`, { headers });
      const list = await fetch(`http://127.0.0.1:${http.port}/api/v1/videos`, { headers });
      return { health: health.status, me: me.status, list: list.status };
    },
    async close() {
      await http.close(1000);
      await server.close();
    },
  };
}
