import { expect } from 'chai';
import { createSecretKey, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bunyan from 'bunyan';
import { createArtifactUrlSigner, createEngine, LocalArtifactStore, ProviderRegistry } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
  createTestDatabase,
  type TestDatabase,
} from '@looply/core/testing';
import { readEventStream } from './__fixtures__/read-event-stream.js';
import { startServer } from './server-runtime.js';

describe('startServer (what looply serve runs)', () => {
  let database: TestDatabase;
  let artifacts: string;

  before(async () => {
    database = await createTestDatabase();
    artifacts = await mkdtemp(join(tmpdir(), 'looply-runtime-'));
  });
  after(async () => {
    await database?.drop();
    await rm(artifacts, { recursive: true, force: true });
  });

  it('serves the API with workers and a heartbeat, and stops gracefully, ending open event streams', async () => {
    const logger = bunyan.createLogger({ name: 'runtime-test', level: bunyan.FATAL + 1 });
    const registry = new ProviderRegistry()
      .register(createMockScriptProvider({ delayMs: 60_000 }))
      .register(createMockVoiceProvider())
      .register(createMockVisualProvider())
      .register(createMockAssemblyProvider());
    const engine = createEngine({
      databaseUrl: database.url,
      registry,
      artifacts: new LocalArtifactStore(artifacts),
      defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
      logger,
      worker: { shutdownTimeoutMs: 500, leaseMs: 5000 },
    });
    await engine.start();
    const server = await startServer({
      engine,
      databaseUrl: database.url,
      logger,
      port: 0,
      host: '127.0.0.1',
      workers: { concurrency: 2 },
      settings: {
        publicBaseUrl: 'http://127.0.0.1',
        jwt: { secret: createSecretKey(randomBytes(32)) },
        healthCacheMs: 0,
      },
    });
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const health = (await (await fetch(`${base}/health`)).json()) as {
      status: string;
      workers: { live: number; concurrency: number };
    };
    expect(health.status).to.equal('ok');
    expect(health.workers).to.deep.equal({ live: 1, concurrency: 2 });

    const credentials = { email: 'runtime@example.com', password: 'runtime password' };
    const json = { 'content-type': 'application/json' };
    await fetch(`${base}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify(credentials) });
    const { token } = (await (
      await fetch(`${base}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify(credentials) })
    ).json()) as { token: string };
    const created = (await (
      await fetch(`${base}/videos`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: JSON.stringify({ topic: 'slow', durationSec: 5 }),
      })
    ).json()) as { id: string };

    // The script step takes a minute: the stream stays open until the server stops.
    let opened!: () => void;
    const streamOpen = new Promise<void>((resolve) => (opened = resolve));
    const stream = readEventStream(`${base}/videos/${created.id}/events`, token, {
      timeoutMs: 30_000,
      onEvent: () => opened(),
    });
    await streamOpen;
    const started = Date.now();
    await server.stop();
    const { events } = await stream;
    expect(events[0].event).to.equal('state');
    expect(Date.now() - started).to.be.below(9_000);
    let refused = false;
    await fetch(`${base}/health`).catch(() => (refused = true));
    expect(refused).to.equal(true);
  });

  it('serves signed artifact URLs from the signer it is given, and refuses unsigned ones', async () => {
    const logger = bunyan.createLogger({ name: 'runtime-test', level: bunyan.FATAL + 1 });
    const store = new LocalArtifactStore(artifacts);
    const engine = createEngine({
      databaseUrl: database.url,
      registry: new ProviderRegistry().register(createMockScriptProvider()),
      artifacts: store,
      defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
      logger,
    });
    await engine.start();
    const artifactUrls = createArtifactUrlSigner({ baseUrl: 'http://127.0.0.1', secret: randomBytes(32) });
    const server = await startServer({
      engine,
      databaseUrl: database.url,
      logger,
      port: 0,
      host: '127.0.0.1',
      artifactUrls,
      settings: {
        publicBaseUrl: 'http://127.0.0.1',
        jwt: { secret: createSecretKey(randomBytes(32)) },
        healthCacheMs: 0,
      },
    });
    try {
      await store.put('jobs/runtime/voice/narration.mp3', Buffer.from('narration bytes'), {
        contentType: 'audio/mpeg',
      });
      const signed = new URL(artifactUrls.url('jobs/runtime/voice/narration.mp3'));
      const served = await fetch(`http://127.0.0.1:${server.port}${signed.pathname}${signed.search}`);
      expect(served.status).to.equal(200);
      expect(await served.text()).to.equal('narration bytes');
      const unsigned = await fetch(`http://127.0.0.1:${server.port}${signed.pathname}`);
      expect(unsigned.status).to.equal(403);
    } finally {
      await server.stop();
    }
  });
});
