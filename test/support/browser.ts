import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Screenshots land here (gitignored); CI keeps them as artefacts. */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium (`.ci/run` installs it): playwright-core never downloads a browser of its own. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Script errors and Content-Security-Policy violations seen so far: a test expects none. */
  problems: string[];
  /** Every URL path the page requested, in order. */
  requested: string[];
}

/** A fresh context (own cookies) and page that records errors, CSP violations and requests. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  const requested: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      problems.push(`CSP: ${message.text()}`);
  });
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  return { context, page, problems, requested };
}

/** Signs in through the form, as a person would, and waits for the queue to show. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#queue-list[data-loaded]').waitFor({ state: 'attached' });
}

/** GET on the app's API from inside the page, with its session: what the page itself would see. */
export function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } });
    return res.json() as Promise<unknown>;
  }, path) as Promise<T>;
}

/**
 * Visible text whose colour has less than 4.5:1 contrast (WCAG AA) with the background behind it: the
 * first opaque background among the element and its ancestors. Disabled controls are exempt (as in WCAG).
 */
export function lowContrastText(page: Page): Promise<{ text: string; ratio: number }[]> {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const found: { text: string; ratio: number }[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own || !(el instanceof HTMLElement) || el.offsetParent === null) continue;
      if (el.closest(':disabled, .visually-hidden, canvas')) continue;
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) found.push({ text: own.slice(0, 60), ratio: Math.round(ratio * 100) / 100 });
    }
    return found;
  });
}
