import { expect } from 'chai';
import request from 'supertest';
import { API_ROUTES } from '../openapi/openapi-document.js';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';

describe('createApp: system routes and cross-cutting behaviour', () => {
  let server: TestServer;

  before(async () => {
    server = await createTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await request(server.app).get('/api/v1/nothing-here');
    expect(response.status).to.equal(404);
    expect(response.body).to.deep.equal({
      error: { code: 'route-not-found', message: 'No route GET /api/v1/nothing-here' },
    });
  });

  it('gives every response an X-Request-Id, keeping a well-formed client one and replacing a hostile one', async () => {
    const generated = await request(server.app).get('/api/v1/health');
    expect(generated.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    const kept = await request(server.app).get('/api/v1/health').set('X-Request-Id', 'trace-123');
    expect(kept.headers['x-request-id']).to.equal('trace-123');
    const replaced = await request(server.app).get('/api/v1/health').set('X-Request-Id', 'bad id\twith spaces');
    expect(replaced.headers['x-request-id']).not.to.contain(' ');
  });

  it('sets security headers (helmet) and hides x-powered-by', async () => {
    const response = await request(server.app).get('/api/v1/health');
    expect(response.headers['x-content-type-options']).to.equal('nosniff');
    expect(response.headers['strict-transport-security']).to.match(/max-age=/);
    expect(response.headers['content-security-policy']).to.contain("default-src 'self'");
    expect(response.headers).not.to.have.property('x-powered-by');
  });

  it('never shows a stack trace: an internal failure is a generic 500 with the request id for the logs', async () => {
    const original = server.engine.list.bind(server.engine);
    server.engine.list = async () => {
      throw new Error('connection terminated unexpectedly at /secret/path');
    };
    try {
      const user = await server.createUser();
      const response = await request(server.app).get('/api/v1/videos').set('Authorization', `Bearer ${user.token}`);
      expect(response.status).to.equal(500);
      expect(response.body.error.code).to.equal('internal');
      expect(JSON.stringify(response.body)).not.to.contain('/secret/path');
    } finally {
      server.engine.list = original;
    }
  });

  it('GET /health reports database, queue and live workers', async () => {
    const { WorkerHeartbeat } = await import('../system/worker-heartbeat.js');
    const heartbeat = new WorkerHeartbeat(server.database, { concurrency: 3, logger: server.logger });
    await heartbeat.start();
    try {
      const response = await request(server.app).get('/api/v1/health');
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.include({
        status: 'ok',
        database: { reachable: true },
        queue: { reachable: true },
      });
      expect(response.body.workers).to.deep.equal({ live: 1, concurrency: 3 });
    } finally {
      await heartbeat.stop();
    }
    expect((await request(server.app).get('/api/v1/health')).body.workers.live).to.equal(0);
  });

  it('GET /health is a 503 "degraded" when the queue schema does not answer', async () => {
    const { createApp } = await import('./create-app.js');
    const app = createApp({
      engine: server.engine,
      database: server.database,
      logger: server.logger,
      settings: { ...server.settings, engineSchema: 'no_such_schema' },
    });
    try {
      const response = await request(app).get('/api/v1/health');
      expect(response.status).to.equal(503);
      expect(response.body).to.deep.include({ status: 'degraded', queue: { reachable: false } });
    } finally {
      app.close();
    }
  });

  it('GET /openapi.json documents every route, with schemas generated from the zod validators', async () => {
    const response = await request(server.app).get('/openapi.json');
    expect(response.status).to.equal(200);
    expect(response.body.openapi).to.equal('3.1.0');
    for (const route of API_ROUTES) expect(response.body.paths[route.path], route.path).to.have.property(route.method);
    const videoRequest = response.body.components.schemas.VideoRequest;
    expect(videoRequest.additionalProperties).to.equal(false);
    expect(videoRequest.required).to.deep.equal(['topic']);
    expect(videoRequest.properties.durationSec).to.include({ minimum: 5, maximum: 180 });
    expect(response.body.components.schemas.Error.properties.error.required).to.include.members(['code', 'message']);
    const list = response.body.paths['/api/v1/videos'].get.parameters.find(
      (parameter: { name: string }) => parameter.name === 'pageSize',
    );
    expect(list.schema.maximum).to.equal(100);
  });

  it('every documented route exists (none answers route-not-found)', async () => {
    for (const route of API_ROUTES) {
      const path = route.path.replace('{id}', '00000000-0000-4000-8000-000000000000').replace('{provider}', 'nobody');
      const response = await request(server.app)[route.method](path);
      expect(response.body?.error?.code, `${route.method} ${path}`).not.to.equal('route-not-found');
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await request(server.app).get('/docs/').redirects(1);
    expect(response.status).to.equal(200);
    expect(response.text).to.contain('swagger-ui');
  });
});
