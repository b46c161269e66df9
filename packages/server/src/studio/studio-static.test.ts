import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';

describe('the studio at / (static build, SPA fallback)', () => {
  let root: string;
  let server: TestServer;
  const HTML = 'text/html,application/xhtml+xml';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-studio-root-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Looply studio</title><div id="root"></div>');
    await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log("studio")');
    server = await createTestServer({ workers: false, settings: { studioRoot: root } });
  });
  after(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for any page the app routes (browser navigations), never cached, with media from blob: allowed', async () => {
    for (const path of ['/', '/videos/00000000-0000-4000-8000-000000000000', '/admin/analytics']) {
      const response = await request(server.app).get(path).set('Accept', HTML);
      expect(response.status, path).to.equal(200);
      expect(response.text).to.contain('Looply studio');
      expect(response.headers['cache-control']).to.equal('no-cache');
      expect(response.headers['content-security-policy'])
        .to.contain("media-src 'self' blob:")
        .and.contain("script-src 'self'");
    }
  });

  it("with a store that does not sign URLs, media and fetches stay on 'self' (and blob: for media)", async () => {
    const policy = (await request(server.app).get('/').set('Accept', HTML)).headers['content-security-policy'];
    const directives = policy.split('; ');
    expect(directives).to.include("media-src 'self' blob:");
    expect(directives).to.include("connect-src 'self'");
    expect(directives).to.include("img-src 'self' data: blob:");
  });

  it('serves hashed assets as immutable for a year', async () => {
    const response = await request(server.app).get('/assets/index-abc123.js');
    expect(response.status).to.equal(200);
    expect(response.headers['cache-control']).to.contain('max-age=31536000').and.contain('immutable');
  });

  it('never answers for the API, the docs or the OpenAPI document, nor for non-browser clients', async () => {
    const api = await request(server.app).get('/api/v1/nothing-here').set('Accept', HTML);
    expect(api.status).to.equal(404);
    expect(api.body.error.code).to.equal('route-not-found');
    const openapi = await request(server.app).get('/openapi.json').set('Accept', HTML);
    expect(openapi.headers['content-type']).to.contain('application/json');
    const json = await request(server.app).get('/some/page').set('Accept', 'application/json');
    expect(json.status).to.equal(404);
    expect(json.body.error.code).to.equal('route-not-found');
  });

  it('when the studio is not built, / says how to build it and the API still works', async () => {
    const unbuilt = await createTestServer({
      workers: false,
      databaseUrl: server.databaseUrl,
      settings: { studioRoot: join(root, 'missing') },
    });
    try {
      const response = await request(unbuilt.app).get('/').set('Accept', HTML);
      expect(response.status).to.equal(503);
      expect(response.text).to.contain('pnpm --filter @looply/web build');
      await request(unbuilt.app)
        .get('/api/v1/health')
        .expect((result) => expect(result.status).to.be.oneOf([200, 503]));
    } finally {
      await unbuilt.close();
    }
  });
});
