import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LocalArtifactStore } from './local-artifact-store.js';
import { startSignedArtifactServer, type SignedArtifactServer } from './signed-artifact-server.js';
import { createArtifactUrlSigner } from './signed-artifact-url.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes!!';

describe('signed artifact URLs', () => {
  it('verifies its own URL, and refuses a changed key, a forged signature, a missing signature and an expired URL', () => {
    let now = 1_000_000_000_000;
    const signer = createArtifactUrlSigner({
      baseUrl: 'https://looply.example.com/',
      secret: SECRET,
      ttlMs: 60_000,
      now: () => now,
    });
    const url = new URL(signer.url('jobs/1/voice/narration.wav'));
    expect(url.origin + url.pathname).to.equal(
      'https://looply.example.com/api/v1/artifacts/jobs/1/voice/narration.wav',
    );
    const query = { expires: url.searchParams.get('expires')!, signature: url.searchParams.get('signature')! };
    expect(signer.verify('jobs/1/voice/narration.wav', query)).to.deep.equal({
      ok: true,
      key: 'jobs/1/voice/narration.wav',
    });
    expect(signer.verify('jobs/2/voice/narration.wav', query)).to.include({ ok: false, reason: 'bad-signature' });
    expect(
      signer.verify('jobs/1/voice/narration.wav', { ...query, expires: String(Number(query.expires) + 3600) }),
    ).to.include({ reason: 'bad-signature' });
    expect(signer.verify('jobs/1/voice/narration.wav', {})).to.include({ reason: 'missing-signature' });
    expect(signer.verify('../etc/passwd', query)).to.include({ reason: 'bad-key' });
    now += 61_000;
    expect(signer.verify('jobs/1/voice/narration.wav', query)).to.include({ reason: 'expired' });
  });

  it('refuses a short secret', () => {
    expect(() => createArtifactUrlSigner({ baseUrl: 'http://x', secret: 'short' })).to.throw('at least 32 bytes');
  });

  describe('startSignedArtifactServer', () => {
    let folder: string;
    let server: SignedArtifactServer;
    beforeEach(async () => {
      folder = await mkdtemp(join(tmpdir(), 'looply-signed-'));
      const store = new LocalArtifactStore(folder);
      await store.put('jobs/1/visual/scene 0/clip.mp4', Buffer.from('clip bytes'), { contentType: 'video/mp4' });
      server = await startSignedArtifactServer({ store, secret: SECRET });
    });
    afterEach(async () => {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('serves a signed URL with the content type, and answers 403 unsigned, 403 forged, 404 missing', async () => {
      const signed = server.signer.url('jobs/1/visual/scene 0/clip.mp4');
      const response = await fetch(signed);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('video/mp4');
      expect(await response.text()).to.equal('clip bytes');
      expect((await fetch(signed.split('?')[0])).status).to.equal(403);
      expect((await fetch(signed.replace(/signature=[0-9a-f]/, 'signature=z'))).status).to.equal(403);
      expect((await fetch(server.signer.url('jobs/1/missing.mp4'))).status).to.equal(404);
    });
  });
});
