import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Browser, Locator } from 'playwright-core';
import { UsersService } from '../src/users/users.service';
import { apiGet, launchChromium, openPage, signIn, WatchedPage } from './support/browser';
import { ACME_TAG_FEED, mastodonPost, storePosts, watchedSince } from './support/posts';
import { startApp, tempDbPath, testConfig } from './support/test-app';

// A real browser on a busy CI machine: room for the app, Chromium and the ingest to start.
jest.setTimeout(60_000);

const PASSWORD = 'a long test passphrase';
const AGENT = 'jo@acme.example';
const VIEWER = 'sam@acme.example';
const MISSED = 'Acme the Main Street shop was shut at noon today, the sign on the door says open till 6';

/** Whether the element is inside its scrolling list's visible part (and the window's). */
function onScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const box = (node.closest('.queue') ?? document.documentElement).getBoundingClientRect();
    return r.top >= Math.max(0, box.top) - 1 && r.bottom <= Math.min(innerHeight, box.bottom) + 1;
  });
}

/**
 * The mentions view and the "N new: show" banner in headless Chromium, on the real app: the mentions
 * list with its filters and search, "This is a complaint" opening a case that the queue then shows,
 * and new cases shown where they rank, highlighted and scrolled to.
 */
describe('mentions view and new cases (Chromium)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let current: WatchedPage | undefined;

  const page = async (viewport?: { width: number; height: number }) => {
    current = await openPage(browser, viewport);
    return current.page;
  };

  beforeAll(async () => {
    app = await startApp(testConfig({ database: { path: db.path } }));
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const users = app.get(UsersService);
    await users.add({ email: AGENT, name: 'Jo Smith', role: 'agent', password: PASSWORD });
    await users.add({ email: VIEWER, name: 'Sam Reed', role: 'viewer', password: PASSWORD });
    await watchedSince(app, ACME_TAG_FEED, new Date(Date.now() - 24 * 3_600_000));
    await storePosts(app, [
      mastodonPost(
        '1',
        'ann',
        'Acme lost my parcel AGAIN. Third time this month, absolutely furious, worst delivery ever!',
      ),
      mastodonPost('2', 'bob', MISSED),
      mastodonPost('3', 'cat', 'Lovely afternoon tea with the new Acme kettle, thank you'),
      { ...mastodonPost('4', 'dom', 'Acme merci pour la livraison rapide'), language: 'fr' },
    ]);
    browser = await launchChromium();
  });

  afterEach(async () => {
    const problems = current?.problems ?? [];
    await current?.context.close();
    current = undefined;
    // No script error and no Content-Security-Policy violation on any page.
    if (problems.length > 0) throw new Error(`the page reported:\n${problems.join('\n')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    db.cleanup();
  });

  it('lists every matched post, filters and searches them, and opens a case from a missed one', async () => {
    const p = await page();
    await signIn(p, baseUrl, AGENT, PASSWORD);
    await p.getByRole('button', { name: 'Mentions' }).click();
    await p.locator('#mentions-list[data-loaded]').waitFor({ state: 'attached' });
    const rows = p.locator('.mention-row');
    await rows.nth(3).waitFor();
    expect(await rows.count()).toBe(4);

    await p.locator('#mention-flagged').selectOption('false');
    await p.locator('#mentions-summary', { hasText: '3 posts shown' }).waitFor();
    await p.locator('#mention-language').selectOption('fr');
    await p.locator('#mentions-summary', { hasText: '1 post shown' }).waitFor();
    expect(await rows.first().locator('.mention-text').textContent()).toContain('merci');
    await p.locator('#mention-language').selectOption('');
    await p.locator('#mention-q').fill('main street');
    // The French post was the one row a moment ago: wait for the search's own answer.
    await p.locator('.mention-row .mention-text', { hasText: 'Main Street' }).waitFor();
    await p.locator('.mention-row .mention-text', { hasText: 'merci' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    const missed = rows.first();
    expect(await missed.locator('.mention-text').textContent()).toBe(MISSED);
    expect(await missed.locator('.chip-calm').textContent()).toMatch(/^not flagged 0\.\d\d$/);

    await missed.getByRole('button', { name: 'This is a complaint' }).click();
    await p.locator('.mention-row .case-link', { hasText: /case #\d+ \(new\)/ }).waitFor();
    const caseId = Number((await p.locator('.mention-row .case-link').getAttribute('data-id')) ?? NaN);
    expect(Number.isInteger(caseId)).toBe(true);
    await p.locator('#announcer', { hasText: `Case #${caseId} opened` }).waitFor({ state: 'attached' });

    // The link opens the case in the queue view, and the queue lists it.
    await p.locator('.mention-row .case-link').click();
    await p.locator('#case-title').waitFor();
    expect(await p.locator('#queue-view').isVisible()).toBe(true);
    await p.locator(`.case-row[data-id="${caseId}"]`).waitFor();
    expect(await p.locator('#case-pane').innerText()).toContain('Main Street shop');
    const history = await apiGet<{ history: { kind: string; actor: string }[] }>(p, `/api/cases/${caseId}`);
    expect(history.history).toContainEqual(
      expect.objectContaining({ kind: 'marked_complaint', actor: AGENT }),
    );

    // The overview counts the miss.
    await p.getByRole('button', { name: 'Overview' }).click();
    await p.locator('#stat-missed-30d', { hasText: '1' }).waitFor();
  });

  it('shows a viewer the posts and their cases, with no button to open one', async () => {
    const p = await page();
    await signIn(p, baseUrl, VIEWER, PASSWORD);
    await p.getByRole('button', { name: 'Mentions' }).click();
    await p.locator('.mention-row').nth(3).waitFor();
    expect(await p.locator('.mark-complaint').count()).toBe(0);
    // The angry post, the one marked a complaint, and the French one (not analysed: a person reads it).
    expect(await p.locator('.mention-row .case-link').count()).toBe(3);
  });

  it('shows new cases where they rank, highlighted and scrolled to, when the banner is clicked', async () => {
    // Fifteen safety cases above fifteen ordinary complaints: a new complaint ranks among the second
    // group, well below the top of a short window.
    await storePosts(app, [
      ...Array.from({ length: 15 }, (_, i) =>
        mastodonPost(
          `s${i}`,
          `safety${i}`,
          `My Acme heater number ${i + 1} caught fire in the kitchen and burned my arm, this is dangerous`,
        ),
      ),
      ...Array.from({ length: 15 }, (_, i) =>
        mastodonPost(
          `b${i}`,
          `backlog${i}`,
          `Acme order ${1000 + i} never arrived and support has not answered in a week, really annoyed`,
        ),
      ),
    ]);
    const p = await page({ width: 1280, height: 600 });
    await signIn(p, baseUrl, AGENT, PASSWORD);
    await p.locator('#live-state[data-state="live"]').waitFor();
    await p.locator('.case-row').nth(30).waitFor();

    await storePosts(app, [
      mastodonPost(
        'n1',
        'newcomer',
        'Acme charged me twice for one order and support is useless, I want my money back',
      ),
    ]);
    const banner = p.locator('#new-count');
    await banner.waitFor({ state: 'visible' });
    await banner.click();
    const fresh = p.locator('.case-row.is-fresh');
    await fresh.waitFor();
    expect(await fresh.count()).toBe(1);
    expect(await fresh.locator('.chip-fresh').textContent()).toBe('just in');
    // Where it ranks: the same place as in the API's order, below the fifteen safety cases.
    const order = await apiGet<{ items: { id: number }[] }>(p, '/api/cases?limit=200');
    const shown = await p
      .locator('.case-row')
      .evaluateAll((list) => list.map((r) => Number((r as HTMLElement).dataset.id)));
    expect(shown).toEqual(order.items.map((c) => c.id));
    const rank = shown.indexOf(Number(await fresh.getAttribute('data-id')));
    expect(rank).toBeGreaterThanOrEqual(15);
    // Scrolled to (the top rows are out of sight now), selected, and announced with its rank.
    expect(await onScreen(fresh)).toBe(true);
    expect(await onScreen(p.locator('.case-row').first())).toBe(false);
    expect(await fresh.getAttribute('class')).toContain('is-selected');
    await p
      .locator('#announcer', { hasText: `the first is number ${rank + 1}` })
      .waitFor({ state: 'attached' });
  });
});
