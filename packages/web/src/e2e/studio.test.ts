import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import type { QualityCheck } from '@looply/core';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startStudioServer, type StudioServer } from './studio-server.js';
import {
  CHROMIUM,
  PASSWORD,
  SCREENSHOTS,
  StudioPages,
  launchChromium,
  qualityTableRows,
  watchStepsUntilPlayer,
  type BrowserSession,
} from './studio-pages.js';

const ADMIN_EMAIL = 'ops@example.com';

describe('the studio and the admin console in Chromium (playwright-core)', function () {
  this.timeout(180_000);
  // Each step builds on the previous one: after a failure here the later steps are skipped. (Not
  // mocha's `this.bail()`: that also skips this whole suite when a test of another file failed.)
  let stepFailed = false;
  beforeEach(function () {
    if (stepFailed) this.skip();
  });
  let database: TestDatabase;
  let home: string;
  let server: StudioServer;
  let browser: Browser;
  let pages: StudioPages;
  const userEmail = `creator-${Date.now()}@example.com`;
  let user: BrowserSession;
  let admin: BrowserSession;
  let jobId = '';

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `    skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH); CI installs it`,
      );
      this.skip();
    }
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-studio-e2e-'));
    server = await startStudioServer({ databaseUrl: database.url, home, adminEmails: ADMIN_EMAIL });
    browser = await launchChromium();
    pages = new StudioPages(browser, server.baseUrl);
    user = await pages.open({ width: 1280, height: 900 });
    admin = await pages.open({ width: 1280, height: 900 });
    if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    stepFailed = true;
    await pages?.report([
      ['user', user],
      ['admin', admin],
    ]);
  });

  it('a creator signs up, a template fills the form, and the API validation message shows next to the field', async () => {
    const { page } = user;
    await pages.signUp(page, userEmail);
    // A template fills the form with its presets (listicle: enthusiastic, 40 s); the fields still override them.
    await page.getByRole('textbox', { name: 'Template' }).click();
    await page.getByRole('option', { name: 'listicle' }).click();
    expect(await page.getByLabel('Tone').inputValue()).to.equal('enthusiastic');
    expect(await page.getByLabel('Duration (seconds)').inputValue()).to.equal('40');
    await page.getByLabel('Topic').fill('Why solar power is booming');
    await page.getByLabel('Duration (seconds)').fill('3');
    await page.getByRole('button', { name: 'Create video' }).click();
    const durationError = page.locator('.mantine-NumberInput-error');
    await durationError.waitFor();
    expect(await durationError.textContent()).to.match(/>=5|at least 5|5/);
    await pages.accessible(page, 'studio-new-video');
  });

  it('creates a 10 s offline video and watches its steps advance to completion over the event stream', async () => {
    const { page } = user;
    // A fresh form: the template chosen above is not used for this video (a listicle's seven scenes do not fit 10 s).
    await page.goto(`${server.baseUrl}/new`);
    await page.getByLabel('Topic').fill('Why solar power is booming');
    await page.getByLabel('Duration (seconds)').fill('10');
    await page.getByLabel('Cinematic').check();
    await page.getByRole('button', { name: 'Create video' }).click();
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/);
    jobId = page.url().split('/').pop()!;
    // Snapshots of the steps table as it changes, without reloading the page.
    const snapshots = await watchStepsUntilPlayer(page, 120_000, () => server.output());
    const final = [...snapshots].pop()!;
    expect(final).to.match(/^script=COMPLETED voice=COMPLETED (visual scene \d+=COMPLETED )+assembly=COMPLETED$/);
    // Intermediate states were shown: at least script done while assembly had not finished.
    expect(
      [...snapshots].some(
        (snapshot) => snapshot.includes('script=COMPLETED') && !snapshot.includes('assembly=COMPLETED'),
      ),
      [...snapshots].join(' | '),
    ).to.equal(true);
    expect(snapshots.size).to.be.at.least(3);
  });

  it('plays the video (readyState >= 3, duration matching the job) and downloads the MP4', async () => {
    const { page } = user;
    const player = page.getByTestId('player');
    await player.evaluate((element: HTMLVideoElement) => {
      element.muted = true;
      return element.play();
    });
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 3, undefined, {
      timeout: 20_000,
    });
    const duration = await player.evaluate((element: HTMLVideoElement) => element.duration);
    const job = await page.evaluate(async (id) => {
      const session = JSON.parse(localStorage.getItem('looply.session')!) as { token: string };
      return (
        await fetch(`/api/v1/videos/${id}`, { headers: { Authorization: `Bearer ${session.token}` } })
      ).json() as Promise<{ result: { durationSec: number }; quality: QualityCheck | null }>;
    }, jobId);
    expect(duration).to.be.closeTo(job.result.durationSec, 0.1);
    expect(duration).to.be.within(10, 11.5);
    // The quality check the worker ran after assembly: one row per standard of the finished video.
    expect(job.quality?.status, JSON.stringify(job.quality)).to.equal('measured');
    const report = job.quality?.status === 'measured' ? job.quality.report : undefined;
    const rows = await qualityTableRows(page);
    expect(rows).to.deep.equal(
      report?.standards.map((standard) => ({
        standard: standard.id,
        result: standard.passed === null ? 'not measured' : standard.passed ? 'pass' : 'fail',
        cells: [
          standard.label,
          standard.measured,
          standard.limit,
          standard.passed === null ? 'not measured' : standard.passed ? 'pass' : 'fail',
        ],
      })),
    );
    expect(rows.length).to.be.at.least(20);
    expect(rows.find((row) => row.standard === 'loudness.integrated')?.cells[1]).to.match(/^-1[345]\.\d LUFS$/);
    expect(await page.getByTestId('quality-summary').textContent()).to.match(
      /^Pass: (\d+) of \1 measured standards met/,
    );
    await pages.accessible(page, 'studio-job');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download MP4' }).click(),
    ]);
    const saved = join(home, 'downloaded.mp4');
    await download.saveAs(saved);
    const bytes = await readFile(saved);
    expect(bytes.subarray(4, 8).toString('latin1')).to.equal('ftyp');
    expect(download.suggestedFilename()).to.equal(`looply-${jobId}.mp4`);
  });

  it('lists the video in the library and shows the profile with the quota left', async () => {
    const { page } = user;
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByTestId('library-item').first().waitFor();
    expect(await page.getByTestId('library-item').count()).to.equal(1);
    // The poster frame the local assembler made, decoded by the browser.
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="poster"]') as HTMLImageElement | null)?.naturalWidth ?? 0) === 540,
    );
    await pages.accessible(page, 'studio-library');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByText(/Videos: 1 of \d+ used/).waitFor();
    await pages.accessible(page, 'studio-profile');
  });

  it('an operator (LOOPLY_ADMIN_EMAILS) sees the user and the job in the console, and the analytics', async () => {
    const { page } = admin;
    await pages.signUp(page, ADMIN_EMAIL);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.locator(`tr[data-email="${userEmail}"]`).waitFor();
    await pages.accessible(page, 'console-users');
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.locator(`tr[data-job-id="${jobId}"]`).waitFor();
    await page.locator(`tr[data-job-id="${jobId}"]`).getByRole('button').click();
    await page.getByRole('table', { name: 'Steps of the job' }).waitFor();
    await pages.accessible(page, 'console-jobs');
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByText('Success rate').waitFor();
    expect(await page.locator('.recharts-bar-rectangle').count()).to.be.at.least(1);
    await pages.accessible(page, 'console-analytics');
  });

  it('the creator deletes the video; a plain user gets no console', async () => {
    const { page } = user;
    await page.goto(`${server.baseUrl}/videos/${jobId}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Video deleted').waitFor();
    expect(await page.getByTestId('library-item').count()).to.equal(0);
    expect(await page.getByRole('link', { name: 'Analytics' }).count()).to.equal(0);
  });

  it('the operator disables the user, whose next request fails back to sign-in', async () => {
    await admin.page.getByRole('link', { name: 'Users' }).click();
    const row = admin.page.locator(`tr[data-email="${userEmail}"]`);
    await row.getByRole('switch').click({ force: true });
    await admin.page.waitForFunction(
      (email) =>
        !(document.querySelector(`tr[data-email="${email}"] input[role="switch"]`) as HTMLInputElement).checked,
      userEmail,
    );
    const { page } = user;
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(`${server.baseUrl}/sign-in`);
    await page.getByText('This account is disabled').waitFor();
  });

  it('works on a phone-sized viewport: no sideways scrolling, navigation behind the menu button, password change, sign out and in, expired session', async () => {
    const phone = await pages.open({ width: 390, height: 844 });
    const phoneEmail = `phone-${Date.now()}@example.com`;
    await pages.signUp(phone.page, phoneEmail);
    await pages.accessible(phone.page, 'studio-phone');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
    await phone.page.getByRole('button', { name: 'Toggle navigation' }).click();
    await phone.page.getByRole('link', { name: 'Library' }).click();
    await phone.page.getByText('No videos yet').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
    // Change the password, sign out, sign in with the new one.
    await phone.page.goto(`${server.baseUrl}/profile`);
    // A wrong current password is an error on the form, not the end of the session.
    await phone.page.getByLabel('Current password').fill('not my password');
    await phone.page.getByLabel('New password').fill('a brand new passphrase');
    await phone.page.getByRole('button', { name: 'Change password' }).click();
    await phone.page.getByText('The current password is incorrect').waitFor();
    expect(phone.page.url()).to.equal(`${server.baseUrl}/profile`);
    await phone.page.getByLabel('Current password').fill(PASSWORD);
    await phone.page.getByLabel('New password').fill('a brand new passphrase');
    await phone.page.getByRole('button', { name: 'Change password' }).click();
    await phone.page.getByText('Password changed').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
    await phone.page.getByRole('button', { name: 'Sign out' }).click();
    await phone.page.getByText('You are signed out.').waitFor();
    await phone.page.getByLabel('Email').fill(phoneEmail);
    await phone.page.getByLabel('Password').fill('a brand new passphrase');
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByRole('heading', { name: 'Library' }).waitFor();
    // A session whose token has expired goes back to sign-in, saying so.
    await phone.page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('looply.session')!) as { expiresAt: string };
      localStorage.setItem(
        'looply.session',
        JSON.stringify({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() }),
      );
    });
    await phone.page.reload();
    await phone.page.getByText('Your session has expired; sign in again.').waitFor();
    expect(phone.page.url()).to.equal(`${server.baseUrl}/sign-in`);
    await phone.context.close();
  });

  it('logged no script error in any page', () => {
    expect(pages.problems).to.deep.equal([]);
  });
});
