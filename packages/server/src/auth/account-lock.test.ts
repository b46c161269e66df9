import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';

/** Findings: no failed-attempt limit on password change; anyone could lock anyone's account for 15 minutes. */
describe('per-account failure limits (login lock a known client passes; password change)', () => {
  let server: TestServer;

  before(async () => {
    // One trusted proxy hop, so each request can name its client address in X-Forwarded-For.
    server = await createTestServer({
      workers: false,
      settings: {
        trustProxyHops: 1,
        rateLimits: { authLimit: 1000, loginFailureLimit: 3, loginFailureWindowMs: 60_000 },
      },
    });
  });
  after(async () => {
    await server?.close();
  });

  const login = (from: string, body: object) =>
    request(server.app).post('/api/v1/auth/login').set('X-Forwarded-For', from).send(body);

  it('a stranger locks the account for strangers, but the owner from a client that logged in before still gets in', async () => {
    const owner = { email: 'owner@example.com', password: 'the right password' };
    await request(server.app).post('/api/v1/auth/register').send(owner).expect(201);
    await login('203.0.113.10', owner).expect(200);
    for (let attempt = 0; attempt < 3; attempt++)
      await login('198.51.100.7', { ...owner, password: 'guess' }).expect(401);

    const stranger = await login('198.51.100.8', owner);
    expect(stranger.status, 'a new address is held by the lock, even with the right password').to.equal(429);
    expect(stranger.body.error.message).to.contain('failed logins');
    const known = await login('203.0.113.10', owner);
    expect(known.status, "the owner's known client passes the lock").to.equal(200);
  });

  it('a known client with the wrong password is still refused (and stays bounded by the per-address limit)', async () => {
    const owner = { email: 'owner2@example.com', password: 'the right password' };
    await request(server.app).post('/api/v1/auth/register').send(owner).expect(201);
    await login('203.0.113.20', owner).expect(200);
    for (let attempt = 0; attempt < 3; attempt++)
      await login('198.51.100.9', { ...owner, password: 'guess' }).expect(401);
    await login('203.0.113.20', { ...owner, password: 'guess' }).expect(401);
  });

  it('POST /auth/password: after 3 wrong current passwords the account gets 429, even with the right one; a weak new password does not count', async () => {
    const user = await server.createUser();
    const auth = { Authorization: `Bearer ${user.token}` };
    await request(server.app)
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ currentPassword: user.password, newPassword: 'short' })
      .expect(400);
    for (let attempt = 0; attempt < 3; attempt++) {
      await request(server.app)
        .post('/api/v1/auth/password')
        .set(auth)
        .send({ currentPassword: 'guess', newPassword: 'a new long password' })
        .expect(401);
    }
    const locked = await request(server.app)
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ currentPassword: user.password, newPassword: 'a new long password' });
    expect(locked.status).to.equal(429);
    expect(locked.body.error.message).to.contain('wrong current passwords');
    expect(locked.headers['retry-after']).to.match(/^\d+$/);
  });

  it("another account is not affected by one account's password-change failures", async () => {
    const other = await server.createUser();
    const response = await request(server.app)
      .post('/api/v1/auth/password')
      .set({ Authorization: `Bearer ${other.token}` })
      .send({ currentPassword: other.password, newPassword: 'a new long password' });
    expect(response.status).to.equal(200);
  });
});
