import { connect } from 'node:net';
import { expect } from 'chai';
import bunyan from 'bunyan';
import request from 'supertest';
import { createArtifactUrlSigner } from '@looply/core';
import { createTestServer, QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';
import { startHttpServer } from '../http/start-http-server.js';
import { createApp } from './create-app.js';

/** Raw HTTP over a socket: what a slow or lying client sends. Resolves with what the server answered and when. */
function rawExchange(port: number, text: string, keepSendingMs = 0): Promise<{ answer: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    // A slow body: one byte a second while the server keeps the connection open.
    const drip = keepSendingMs > 0 ? setInterval(() => socket.writable && socket.write('a'), 1000) : undefined;
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ answer, elapsedMs: Date.now() - started });
    });
    setTimeout(() => socket.destroy(), Math.max(keepSendingMs, 5000) + 5000).unref();
  });
}

describe('HTTP hardening (cancel conflict, artifacts, CORS, body size and timeouts)', () => {
  let server: TestServer;

  before(async () => {
    server = await createTestServer({ workers: false, settings: { rateLimits: { limit: 5, windowMs: 60_000 } } });
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    await server.database.query(`delete from ${server.database.table('rate_limit_counter')}`);
  });

  it('cancelling an already CANCELLED video is a 409 conflict, as documented for finished videos', async () => {
    const user = await server.createUser();
    await server.database.query(`delete from ${server.database.table('rate_limit_counter')}`);
    const auth = { Authorization: `Bearer ${user.token}` };
    const created = await request(server.app).post('/api/v1/videos').set(auth).send(QUICK_BRIEF).expect(202);
    await request(server.app).post(`/api/v1/videos/${created.body.id}/cancel`).set(auth).expect(200);
    const again = await request(server.app).post(`/api/v1/videos/${created.body.id}/cancel`).set(auth);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('conflict');
  });

  it('/api/v1/artifacts sits behind the global rate limit', async () => {
    const signer = createArtifactUrlSigner({
      baseUrl: 'http://127.0.0.1:3000',
      secret: 'artifact-secret-0123456789abcdef0123',
    });
    const app = createApp({
      engine: server.engine,
      database: server.database,
      logger: server.logger,
      settings: server.settings,
      artifactUrls: signer,
    });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++)
        statuses.push((await request(app).get('/api/v1/artifacts/jobs/x/a.wav')).status);
      expect(statuses).to.deep.equal([403, 403, 403, 403, 403, 429]);
    } finally {
      app.close();
    }
  });

  describe('CORS', () => {
    it('sends no CORS headers by default, whatever the Origin', async () => {
      const response = await request(server.app).get('/api/v1/health').set('Origin', 'https://evil.example');
      expect(response.headers).not.to.have.property('access-control-allow-origin');
      const preflight = await request(server.app)
        .options('/api/v1/videos')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers).not.to.have.property('access-control-allow-origin');
    });

    it('allows exactly the origins of the allow-list setting (preflight 204), and no other', async () => {
      const app = createApp({
        engine: server.engine,
        database: server.database,
        logger: server.logger,
        settings: { ...server.settings, corsOrigins: ['https://studio.example.com'] },
      });
      try {
        const preflight = await request(app)
          .options('/api/v1/videos')
          .set('Origin', 'https://studio.example.com')
          .set('Access-Control-Request-Method', 'POST');
        expect(preflight.status).to.equal(204);
        expect(preflight.headers['access-control-allow-origin']).to.equal('https://studio.example.com');
        expect(preflight.headers['access-control-allow-headers']).to.contain('Authorization');
        const other = await request(app).get('/api/v1/health').set('Origin', 'https://evil.example');
        expect(other.headers).not.to.have.property('access-control-allow-origin');
        expect(other.headers.vary).to.contain('Origin');
      } finally {
        app.close();
      }
    });
  });

  describe('on a real socket', () => {
    let http: Awaited<ReturnType<typeof startHttpServer>>;
    before(async () => {
      const app = createApp({
        engine: server.engine,
        database: server.database,
        logger: bunyan.createLogger({ name: 'socket', level: bunyan.FATAL + 1 }),
        settings: server.settings,
      });
      http = await startHttpServer(app, { port: 0, host: '127.0.0.1', requestTimeoutMs: 3000, headersTimeoutMs: 2000 });
    });
    after(async () => {
      await http?.close(100);
    });

    it('refuses a declared 10 GB Content-Length at once with 413 and closes the connection', async () => {
      const { answer, elapsedMs } = await rawExchange(
        http.port,
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{',
      );
      expect(answer).to.match(/^HTTP\/1\.1 413 /);
      expect(answer).to.contain('payload-too-large');
      expect(elapsedMs).to.be.below(2000);
    });

    it('cuts a body that trickles in past the request timeout (408), instead of holding the connection', async () => {
      const { answer, elapsedMs } = await rawExchange(
        http.port,
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{',
        20_000,
      );
      expect(answer).to.match(/^HTTP\/1\.1 408 /);
      expect(elapsedMs).to.be.below(10_000);
    });
  });
});
