import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArtifactUrlSigner, LocalArtifactStore } from '@looply/core';
import { expect } from 'chai';
import express from 'express';
import { errorConverter } from '../app/error-converter.js';
import { errorHandler } from '../app/error-handler.js';
import { requestContext } from '../app/request-context.js';
import bunyan from 'bunyan';
import { createArtifactsRouter } from './artifacts-router.js';

describe('GET /api/v1/artifacts/<key> (signed artifact URLs)', () => {
  let folder: string;
  let server: Server;
  let baseUrl: string;
  let now = Date.now();
  const signer = () =>
    createArtifactUrlSigner({
      baseUrl,
      secret: 'server-artifact-secret-0123456789abcdef',
      ttlMs: 60_000,
      now: () => now,
    });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-artifacts-router-'));
    const store = new LocalArtifactStore(folder);
    await store.put('jobs/1/voice/narration.wav', Buffer.from('RIFF-fake-wave'), { contentType: 'audio/wav' });
    const app = express();
    app.use(requestContext(bunyan.createLogger({ name: 'artifacts-test', level: bunyan.FATAL + 1 })));
    const api = express.Router();
    // Verification reads the signer lazily so the test can move the clock.
    api.use('/artifacts', (request, response, next) =>
      createArtifactsRouter({ store, signer: signer() })(request, response, next),
    );
    app.use('/api/v1', api);
    app.use((_request, response) => {
      response.status(404).end();
    });
    app.use(errorConverter);
    app.use(errorHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    now = Date.now();
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it('serves a signed URL with its content type', async () => {
    const response = await fetch(signer().url('jobs/1/voice/narration.wav'));
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('audio/wav');
    expect(await response.text()).to.equal('RIFF-fake-wave');
  });

  it('refuses an unsigned (403), a forged (403) and an expired (403) URL, and answers 404 for a missing artifact', async () => {
    const signed = signer().url('jobs/1/voice/narration.wav');
    expect((await fetch(`${baseUrl}/api/v1/artifacts/jobs/1/voice/narration.wav`)).status).to.equal(403);
    expect((await fetch(signed.replace('narration.wav', 'other.wav'))).status).to.equal(403);
    expect((await fetch(signer().url('jobs/1/voice/missing.wav'))).status).to.equal(404);
    now += 120_000;
    const expired = await fetch(signed);
    expect(expired.status).to.equal(403);
    expect(await expired.text()).to.include('expired');
  });

  it("answers every refusal in the API's one error shape { error: { code, message } }", async () => {
    const unsigned = await fetch(`${baseUrl}/api/v1/artifacts/jobs/1/voice/narration.wav`);
    expect(await unsigned.json()).to.deep.equal({
      error: { code: 'forbidden', message: 'Artifact URL refused: missing-signature' },
    });
    const missing = await fetch(signer().url('jobs/1/voice/missing.wav'));
    expect(await missing.json()).to.deep.equal({ error: { code: 'not-found', message: 'No such artifact' } });
    const post = await fetch(signer().url('jobs/1/voice/narration.wav'), { method: 'POST' });
    expect(post.status).to.equal(405);
    expect((await post.json()).error.code).to.equal('method-not-allowed');
    const malformed = await fetch(`${baseUrl}/api/v1/artifacts/jobs/%ZZ?expires=1&signature=x`);
    expect(malformed.status).to.equal(400);
    expect((await malformed.json()).error.code).to.equal('malformed-url');
  });
});
