import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, type TestServer } from './test-server.js';

export type User = Awaited<ReturnType<TestServer['createUser']>>;

/** A test server whose quotas never get in the way of the many videos the route tests create, and its first user. */
export async function startVideoRoutesServer(): Promise<{ server: TestServer; owner: User }> {
  const server = await createTestServer({
    settings: { quotas: { concurrentJobs: 50, videosPerDay: 500, secondsPerDay: 100_000 } },
  });
  return { server, owner: await server.createUser() };
}

export const auth = (user: User) => ({ Authorization: `Bearer ${user.token}` });

/** Creates a video as `user` through the API, expecting 202. */
export async function createVideoAs(server: TestServer, user: User, body: object = QUICK_BRIEF) {
  const response = await request(server.app).post('/api/v1/videos').set(auth(user)).send(body);
  expect(response.status, JSON.stringify(response.body)).to.equal(202);
  return response.body as { id: string; status: string };
}
