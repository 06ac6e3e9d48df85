import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/users/users.service';
import {
  apiGet,
  ARTIFACTS,
  launchChromium,
  lowContrastText,
  openPage,
  signIn,
  WatchedPage,
} from './support/browser';
import { mastodonPost, storePosts } from './support/posts';
import { ACME, startApp, tempDbPath, testConfig } from './support/test-app';

// A real browser on a busy CI machine: room for the app, Chromium and the ingest to start.
jest.setTimeout(60_000);

const PASSWORD = 'a long test passphrase';
const AGENT = 'jo@acme.example';
const REVIEWER = 'lee@acme.example';
const VIEWER = 'sam@acme.example';

/** A calm reply that passes the check before sending on these posts. */
const CLEAN =
  "We're so sorry about your hand. Our safety team will look into this with care: please DM @AcmeHelp and we'll get back to you within 24 hours.";

interface CaseDetail {
  id: number;
  status: string;
  history: { kind: string; actor: string; data: Record<string, unknown> | null }[];
}

/**
 * The review banner, the approval and the check before sending in Debian's Chromium against the real
 * app: cases come from posts stored through the real pipeline and classifier; people sign in through
 * the form. One app and one browser (a fresh context per page); the tests run in order.
 */
describe('dashboard: hold for review and the check before sending (Chromium)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  const pages: WatchedPage[] = [];
  const ids: Record<string, number> = {};

  async function page(): Promise<Page> {
    const watched = await openPage(browser);
    pages.push(watched);
    return watched.page;
  }

  async function openCase(p: Page, author: string): Promise<void> {
    await p.locator(`.case-row[data-id="${ids[author]}"]`).click();
    await p.locator('#case-title', { hasText: author }).waitFor();
    await p.locator('#reply-text').waitFor();
  }

  beforeAll(async () => {
    app = await startApp(
      testConfig({
        database: { path: db.path },
        brands: [{ ...ACME, replies: { dmHandle: '@AcmeHelp', responseTime: '24 hours' } }],
      }),
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const users = app.get(UsersService);
    await users.add({ email: AGENT, name: 'Jo Smith', role: 'agent', password: PASSWORD });
    await users.add({ email: REVIEWER, name: 'Lee Park', role: 'reviewer', password: PASSWORD });
    await users.add({ email: VIEWER, name: 'Sam Reed', role: 'viewer', password: PASSWORD });
    await storePosts(app, [
      mastodonPost(
        'p1',
        'lena',
        'My Acme kettle leaked boiling water on my hand. This is dangerous and I am contacting my lawyer.',
      ),
      mastodonPost(
        'p2',
        'omar',
        'Acme delivery never arrived, courier says delivered, it was not. Terrible service, so angry',
      ),
    ]);
    const rows = await app.get(DataSource).query('SELECT id, author_handle AS handle FROM triage_case');
    for (const r of rows as { id: number; handle: string }[])
      ids[/^@(\w+)@/.exec(r.handle)?.[1] ?? ''] = r.id;
    browser = await launchChromium();
  });

  afterEach(async () => {
    const problems = pages.flatMap((w) => w.problems);
    await Promise.all(pages.map((w) => w.context.close()));
    pages.length = 0;
    // No script error and no Content-Security-Policy violation on any page, in any test.
    if (problems.length > 0) throw new Error(`the page reported:\n${problems.join('\n')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    db.cleanup();
  });

  it('shows a held case’s banner, and keeps an agent’s "Mark replied" disabled, saying why', async () => {
    expect(Object.keys(ids).sort()).toEqual(['lena', 'omar']);
    const p = await page();
    await signIn(p, baseUrl, AGENT, PASSWORD);
    await openCase(p, 'lena');
    const banner = p.locator('#review-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.locator('.review-label').textContent()).toBe(
      'Needs review by legal before it is posted',
    );
    expect(await banner.textContent()).toContain('Why: legal threat.');
    expect(await p.locator('#review-approval').textContent()).toMatch(/^Not approved yet/);
    // Agents see no approve button; "Mark replied" is there, disabled, with the reason beside it.
    expect(await p.locator('#approve-reply').count()).toBe(0);
    const mark = p.getByRole('button', { name: 'Mark replied' });
    expect(await mark.isDisabled()).toBe(true);
    expect(await p.locator('#mark-hint').textContent()).toBe(
      'A reviewer must approve this text before it is marked replied (legal threat).',
    );
    expect(await mark.getAttribute('aria-describedby')).toBe('mark-hint');
    // A case that needs no review has no banner, and its button works.
    await openCase(p, 'omar');
    expect(await p.locator('#review-banner').isHidden()).toBe(true);
    expect(await p.getByRole('button', { name: 'Mark replied' }).isDisabled()).toBe(false);
  });

  it('lets a reviewer approve the text in the box; the agent marks that text replied, and not an edited one', async () => {
    const lee = await page();
    await signIn(lee, baseUrl, REVIEWER, PASSWORD);
    await openCase(lee, 'lena');
    await lee.locator('#reply-text').fill(CLEAN);
    await lee.getByRole('button', { name: 'Approve this text' }).click();
    await lee.locator('.pane-done', { hasText: 'Text approved' }).waitFor();
    expect(await lee.locator('#review-approval').textContent()).toMatch(/^Approved by Lee Park at .+:$/);
    expect(await lee.locator('#review-banner .approved-text').textContent()).toBe(CLEAN);
    // The history keeps the approval and the approved text, legibly.
    const approvedEntry = lee.locator('.history li[data-kind="review_approved"]');
    expect(await approvedEntry.locator('strong').textContent()).toBe('review approved');
    expect(await approvedEntry.locator('.history-text').textContent()).toBe(CLEAN);
    expect(await approvedEntry.textContent()).toContain(REVIEWER);
    // The approved text is the one in the box: nothing left to approve.
    expect(await lee.getByRole('button', { name: 'Approve this text' }).isDisabled()).toBe(true);
    await lee.screenshot({ path: join(ARTIFACTS, 'review-approved.png') });
    expect(await lowContrastText(lee)).toEqual([]);

    const jo = await page();
    await signIn(jo, baseUrl, AGENT, PASSWORD);
    await openCase(jo, 'lena');
    expect(await jo.locator('#review-approval').textContent()).toMatch(/^Approved by Lee Park at /);
    const reply = jo.locator('#reply-text');
    const mark = jo.getByRole('button', { name: 'Mark replied' });
    await reply.fill(`${CLEAN}\n`);
    expect(await mark.isDisabled()).toBe(false);
    expect(await jo.locator('#mark-hint').isHidden()).toBe(true);
    // An edit after the approval closes the gate again, with the reason.
    await reply.press('Control+End');
    await reply.pressSequentially(' Sorry again!');
    expect(await mark.isDisabled()).toBe(true);
    expect(await jo.locator('#mark-hint').textContent()).toBe(
      'This text differs from the approved one. A reviewer must approve this text again before it is marked replied.',
    );
    await reply.fill(CLEAN);
    await mark.click();
    await jo.locator('.pane-done', { hasText: 'Reply recorded' }).waitFor();
    const after = await apiGet<CaseDetail>(jo, `/api/cases/${ids.lena}`);
    expect(after.status).toBe('replied');
    expect(after.history.at(-1)).toMatchObject({
      kind: 'replied',
      actor: AGENT,
      data: { text: CLEAN, approval: { by: REVIEWER, review: 'legal' } },
    });
  });

  it('lists what the check finds, turns the button into "Send anyway", and an edit starts over', async () => {
    const p = await page();
    await signIn(p, baseUrl, AGENT, PASSWORD);
    await openCase(p, 'omar');
    const reply = p.locator('#reply-text');
    const findings = p.locator('#reply-findings');

    // While writing: "Check the text" asks the server and changes nothing.
    await reply.fill(
      "We're sorry the parcel went missing. Please DM @AcmeHelp and we'll reply within 24 hours.",
    );
    await p.getByRole('button', { name: 'Check the text' }).click();
    await findings.locator('.findings-note', { hasText: 'The check found nothing to fix.' }).waitFor();

    const failing = "Please calm down. We'll refund you by tomorrow.";
    await reply.fill(failing);
    expect(await findings.isHidden()).toBe(true);
    await p.getByRole('button', { name: 'Mark replied' }).click();
    await findings.locator('li').first().waitFor();
    expect(
      await findings
        .locator('li')
        .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.rule)),
    ).toEqual(['banned-phrase', 'unapproved-remedy', 'unapproved-time-promise']);
    expect(await findings.locator('li[data-rule="banned-phrase"]').textContent()).toContain('“calm down”');
    expect(await findings.getAttribute('role')).toBe('alert');
    const sendAnyway = p.getByRole('button', { name: 'Send anyway' });
    expect(await sendAnyway.count()).toBe(1);
    expect((await apiGet<CaseDetail>(p, `/api/cases/${ids.omar}`)).status).toBe('new');
    expect(await lowContrastText(p)).toEqual([]);
    await p.screenshot({ path: join(ARTIFACTS, 'send-check.png') });

    // Editing the text takes the findings and the "Send anyway" away: the new text gets its own check.
    await reply.press('Control+End');
    await reply.pressSequentially(' Sorry.');
    expect(await findings.isHidden()).toBe(true);
    expect(await p.getByRole('button', { name: 'Send anyway' }).count()).toBe(0);
    await p.getByRole('button', { name: 'Mark replied' }).click();
    await sendAnyway.waitFor();
    await sendAnyway.click();
    await p.locator('.pane-done', { hasText: 'Reply recorded, with what the check found' }).waitFor();
    expect(await findings.isHidden()).toBe(true);

    const after = await apiGet<CaseDetail>(p, `/api/cases/${ids.omar}`);
    expect(after.status).toBe('replied');
    const entry = after.history.at(-1);
    expect(entry).toMatchObject({
      kind: 'replied',
      actor: AGENT,
      data: { text: `${failing} Sorry.`, confirmed: true },
    });
    expect((entry?.data?.findings as { rule: string }[]).map((f) => f.rule)).toEqual([
      'banned-phrase',
      'unapproved-remedy',
      'unapproved-time-promise',
    ]);
    // The confirmation shows in the case's history with what was found.
    const shown = p.locator('.history li[data-kind="replied"] .history-findings');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('Sent anyway, despite the check before sending:');
    expect(await shown.locator('li').count()).toBe(3);
  });

  it('shows a viewer the banner and the approval, and no control to approve, check or mark', async () => {
    const p = await page();
    await signIn(p, baseUrl, VIEWER, PASSWORD);
    await openCase(p, 'lena');
    await p.locator('#review-banner').waitFor({ state: 'visible' });
    expect(await p.locator('#review-approval').textContent()).toMatch(/^Approved by Lee Park at /);
    for (const control of ['#approve-reply', '#mark-replied', '#check-reply'])
      expect(await p.locator(control).count()).toBe(0);
    expect(await p.locator('#mark-hint').isHidden()).toBe(true);
  });
});
