import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { startS3rver, type RunningS3rver } from '@looply/storage-s3/testing';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startStudioServer, type StudioServer } from './studio-server.js';
import { CHROMIUM, launchChromium, StudioPages } from './studio-pages.js';

describe('the studio with artifacts in an S3 bucket (s3rver) in Chromium', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let home: string;
  let s3: RunningS3rver;
  let server: StudioServer;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`    skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-studio-s3-e2e-'));
    // The bucket allows the studio's origin by CORS, as a bucket serving a studio must.
    s3 = await startS3rver({ buckets: ['looply'], corsOrigins: ['http://127.0.0.1:*'] });
    server = await startStudioServer({
      databaseUrl: database.url,
      home,
      adminEmails: 'nobody@example.com',
      env: {
        LOOPLY_ARTIFACTS: 's3://looply/studio-e2e',
        AWS_ENDPOINT_URL: s3.endpoint,
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await s3?.stop();
    await database?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("plays a finished video through the file's 302 to the bucket, with no Content-Security-Policy violation", async () => {
    const pages = new StudioPages(browser, server.baseUrl);
    const { page } = await pages.open({ width: 1280, height: 720 });
    const bucketRequests: string[] = [];
    page.on('requestfinished', (request) => {
      if (request.url().startsWith(`${s3.endpoint}/`)) bucketRequests.push(request.url());
    });

    await pages.signUp(page, `s3-viewer-${Date.now()}@example.com`);
    // The video is made through the API with the session's token (the form is the other suite's subject).
    const id = await page.evaluate(async () => {
      const session = JSON.parse(localStorage.getItem('looply.session')!) as { token: string };
      const response = await fetch('/api/v1/videos', {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ topic: 'tides', durationSec: 6 }),
      });
      return ((await response.json()) as { id: string }).id;
    });

    await page.goto(`${server.baseUrl}/videos/${id}`);
    const player = page.getByTestId('player');
    await player.waitFor({ timeout: 120_000 });
    await player.evaluate((element: HTMLVideoElement) => {
      element.muted = true;
      return element.play();
    });
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 3, undefined, {
      timeout: 20_000,
    });
    const duration = await player.evaluate((element: HTMLVideoElement) => element.duration);
    expect(duration).to.be.within(5, 8);
    // The bytes came from the bucket (the presigned URL), not from the API.
    expect(
      bucketRequests.some((url) => url.includes('/looply/studio-e2e/jobs/') && url.includes('X-Amz-Signature=')),
    ).to.equal(true, `requests to the bucket: ${bucketRequests.join(', ')}`);
    expect(pages.problems, pages.problems.join('\n')).to.deep.equal([]);
  });
});
