import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seriousViolations } from './accessibility.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The password every account of the browser tests signs up with. */
export const PASSWORD = 'correct horse battery';
/** Set LOOPLY_SCREENSHOTS=1 to refresh the screenshots the README shows. */
export const SCREENSHOTS =
  process.env.LOOPLY_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url))
    : null;

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * The browser side of the studio tests: opens pages that record script errors, checks each
 * screen with axe (and takes the README screenshot of it when asked), signs up.
 */
export class StudioPages {
  /** Script errors and console errors of every page opened here. */
  readonly problems: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  async open(viewport: { width: number; height: number }): Promise<BrowserSession> {
    const context = await this.browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every non-2xx fetch as a console error; the expected ones (a plain user's 404 on
      // /admin/session, 401 after being disabled) are network results, not script errors.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        this.problems.push(`console error: ${message.text()}`);
    });
    return { context, page };
  }

  async accessible(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), `axe on ${name}`).to.deep.equal([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async signUp(page: Page, email: string): Promise<void> {
    await page.goto(`${this.baseUrl}/sign-up`);
    await this.accessible(page, 'sign-up');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${this.baseUrl}/new`);
  }

  /** What the pages showed and the problems seen, to see why a step failed. */
  async report(sessions: Array<[name: string, session: BrowserSession | undefined]>): Promise<void> {
    for (const [name, session] of sessions) {
      if (session)
        console.warn(
          `--- ${name} page at ${session.page.url()}:\n${(
            await session.page
              .locator('body')
              .innerText()
              .catch(() => '')
          ).slice(0, 2000)}`,
        );
    }
    console.warn(this.problems.join('\n'));
  }
}

/** The steps table (`step=STATUS ...`) each time it changes, until the player shows, without reloading the page. */
export async function watchStepsUntilPlayer(page: Page, timeoutMs: number, output: () => string): Promise<Set<string>> {
  const snapshots = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await page
      .locator('tr[data-step]')
      .evaluateAll((elements) =>
        elements
          .map((element) => `${element.getAttribute('data-step')}=${element.getAttribute('data-status')}`)
          .join(' '),
      );
    if (rows) snapshots.add(rows);
    if (await page.getByTestId('player').count()) return snapshots;
    if (Date.now() > deadline)
      throw new Error(`the video did not complete; seen: ${[...snapshots].join(' | ')}\n${output()}`);
    await page.waitForTimeout(100);
  }
}

/** The rows of the page's quality table: the standard, its result and the cells shown. */
export function qualityTableRows(
  page: Page,
): Promise<Array<{ standard: string | null; result: string | null; cells: Array<string | null> }>> {
  return page
    .getByRole('table', { name: 'Quality check' })
    .locator('tbody tr')
    .evaluateAll((elements) =>
      elements.map((element) => ({
        standard: element.getAttribute('data-standard'),
        result: element.getAttribute('data-result'),
        cells: Array.from(element.querySelectorAll('td'), (cell) => cell.textContent),
      })),
    );
}
