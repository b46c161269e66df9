import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '@looply/core';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { seriousViolations } from './accessibility.js';
import { startStudioServer, type StudioServer } from './studio-server.js';
import { CHROMIUM, launchChromium, StudioPages } from './studio-pages.js';

describe('the studio retries a failed video in place (Chromium)', function () {
  this.timeout(240_000);
  let database: TestDatabase;
  let home: string;
  let server: StudioServer;
  let browser: Browser;
  let music: Server;
  let trackUrl: string;
  const trackRequests: number[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`    skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    // A music host that is missing the track at first (a 404 fails the job for good), then has it.
    const sampleRate = 44_100;
    const track = encodeWav({
      sampleRate,
      channels: 1,
      samples: Int16Array.from({ length: 8 * sampleRate }, (_, index) =>
        Math.round(12_000 * Math.sin((2 * Math.PI * 330 * index) / sampleRate)),
      ),
    });
    music = createServer((_request, response) => {
      trackRequests.push(Date.now());
      if (trackRequests.length === 1) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(track.length) }).end(track);
    });
    await new Promise<void>((resolve) => music.listen(0, '127.0.0.1', resolve));
    trackUrl = `http://127.0.0.1:${(music.address() as AddressInfo).port}/track.wav`;
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-studio-retry-e2e-'));
    server = await startStudioServer({
      databaseUrl: database.url,
      home,
      adminEmails: 'nobody@example.com',
      // The test's music host on 127.0.0.1 is allowed the way callback tests allow their receiver.
      env: { LOOPLY_CALLBACK_ALLOWLIST: '127.0.0.1' },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (music) await new Promise((resolve) => music.close(resolve));
    await database?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('a video whose track was missing fails; Retry re-runs the same video, which the page follows to the player', async () => {
    const pages = new StudioPages(browser, server.baseUrl);
    const { page } = await pages.open({ width: 1280, height: 720 });
    await pages.signUp(page, `retry-${Date.now()}@example.com`);

    await page.getByLabel('Topic').fill('Lighthouses');
    await page.getByLabel('Duration (seconds)').fill('6');
    await page.getByRole('textbox', { name: 'Music' }).click();
    await page.getByRole('option', { name: 'Your track (URL)' }).click();
    await page.getByLabel('Track URL').fill(trackUrl);
    await page.getByRole('button', { name: 'Create video' }).click();
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/);
    const jobUrl = page.url();

    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor({ timeout: 120_000 });
    expect(await page.getByText('The assembly step failed (local)').count()).to.equal(1);
    expect(await page.getByText(/failed with HTTP 404/).count()).to.be.at.least(1);
    expect(await seriousViolations(page), 'axe on the failed job page').to.deep.equal([]);

    await retry.click();
    // The same video, followed again: no new page, the steps run and the player appears.
    await page.getByTestId('player').waitFor({ timeout: 120_000 });
    expect(page.url()).to.equal(jobUrl);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).to.equal(0);
    const player = page.getByTestId('player');
    await player.evaluate((element: HTMLVideoElement) => {
      element.muted = true;
      return element.play();
    });
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 3, undefined, {
      timeout: 20_000,
    });
    expect(trackRequests.length).to.equal(2);
    // Still one video in the library: the retry made none.
    await page.goto(`${server.baseUrl}/`);
    await page.getByText('Lighthouses').first().waitFor();
    expect(await page.getByText('Lighthouses').count()).to.equal(1);
    expect(pages.problems, pages.problems.join('\n')).to.deep.equal([]);
  });
});
