import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DigestDelivery } from '../src/digest/digest-delivery';
import { DigestScheduler } from '../src/digest/digest-scheduler';
import { RawPost } from '../src/sources/source.types';
import { DigestPreferences, Subscriber } from '../src/digest/preferences/digest-preferences.service';
import { apiUser, createUser } from './support/auth';
import { ARTIFACTS, launchChromium } from './support/browser';
import { ACME_TAG_FEED, storePosts, watchedSince } from './support/posts';
import { runCli } from './support/run-cli';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { ACME, cliDatabase, startApp, testConfig } from './support/test-app';

const DASHBOARD = 'https://defuse.acme.example';
/** 09:30 on Monday 23 Nov in Auckland (UTC+13): Ana's 08:00 digest about Sunday 22 Nov is due. */
const NOW = new Date('2026-11-22T20:30:00Z');
const DAY = 86_400_000;

const ANGRY = [
  'Acme lost my parcel AGAIN, absolutely furious, worst delivery ever!',
  'Acme charged me twice and nobody answers, this is a disgrace, I want my money back NOW',
  'Third week without internet from Acme, useless support, I am done with this company',
  'Acme broke my washing machine install and left water everywhere, furious and ignored',
  'Never buying from Acme again, rude staff and a refund that never came, awful',
];

function post(n: number, at: string, text = ANGRY[n % ANGRY.length]): RawPost {
  return {
    source: 'mastodon',
    externalId: `p${n}`,
    url: `https://social.example/@user${n}/${n}`,
    authorHandle: `@user${n}@social.example`,
    authorName: `User ${n}`,
    reach: 100,
    text,
    language: 'en',
    postedAt: new Date(at),
    raw: { n },
  };
}

describe('daily digest over SMTP (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-digest-'));
  const dbPath = join(dir, 'digest.sqlite');
  const config = testConfig({
    database: { path: dbPath },
    brands: [ACME, { id: 'globex', name: 'Globex', query: { any: ['globex'] } }],
    digest: { dashboardUrl: DASHBOARD, retry: { attempts: 3, backoff: '1s' } },
  });
  let sink: SmtpSink;
  let app: INestApplication;
  let ana: Subscriber;
  let ned: Subscriber;

  const subscriber = async (a: INestApplication, email: string) =>
    (await a.get(DigestPreferences).subscribers()).find((s) => s.user.email === email)!;
  const to = (i: number) => (sink.messages[i].to as { text: string }).text;

  beforeAll(async () => {
    sink = await startSmtpSink();
    process.env.SMTP_URL = sink.url;
    process.env.DIGEST_FROM = 'Defuse <defuse@acme.example>';
    app = await startApp(config);
    const prefs = app.get(DigestPreferences);
    const anaUser = await createUser(app, 'agent', 'ana@acme.example');
    const nedUser = await createUser(app, 'viewer', 'ned@acme.example');
    await prefs.set(anaUser.id, { hour: 8, timeZone: 'Pacific/Auckland' });
    // Ned's 23:00 New York digest is not due at NOW (15:30 there).
    await prefs.set(nedUser.id, { hour: 23, timeZone: 'America/New_York' });
    ana = await subscriber(app, 'ana@acme.example');
    ned = await subscriber(app, 'ned@acme.example');
    // The feed was watched before these days: the cases' SLA clocks start at the posts' own times.
    await watchedSince(app, ACME_TAG_FEED, new Date('2026-10-01T00:00:00Z'));
    await storePosts(app, [
      // Sunday 22 Nov in Auckland is 2026-11-21T11:00Z .. 2026-11-22T11:00Z: three posts; UTC's 22 Nov has two others.
      post(1, '2026-11-21T12:00:00Z'),
      post(2, '2026-11-21T20:00:00Z'),
      post(3, '2026-11-22T02:00:00Z'),
      post(4, '2026-11-22T12:00:00Z'),
      post(5, '2026-11-21T10:00:00Z'),
      // 1 Nov 2026 in New York lasts 25 hours (04:00Z .. 05:00Z next day): two in, two out.
      post(6, '2026-11-01T03:30:00Z'),
      post(7, '2026-11-01T04:30:00Z'),
      post(8, '2026-11-02T04:30:00Z'),
      post(9, '2026-11-02T05:30:00Z'),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await sink.close();
    delete process.env.SMTP_URL;
    delete process.env.DIGEST_FROM;
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends at the user's own hour about their own yesterday, far from UTC", async () => {
    const outcomes = await app.get(DigestScheduler).tick(NOW);
    expect(outcomes).toEqual([
      expect.objectContaining({ email: 'ana@acme.example', day: '2026-11-22', result: 'sent' }),
    ]);
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0];
    expect(to(0)).toBe('ana@acme.example');
    expect((mail.from as { text: string }).text).toMatch(/^"?Defuse"? <defuse@acme\.example>$/);
    expect(mail.subject).toMatch(/Sun 22 Nov/);
    expect(mail.subject).toMatch(/\b3 angry mentions\b/);
    expect(mail.html).toEqual(expect.any(String));
    expect(mail.text).toEqual(expect.any(String));
    expect(mail.html).not.toMatch(/<script|<svg/i);
    // The open cases, linked to the dashboard in both parts.
    const db = app.get(DataSource);
    const cases: { id: number }[] = await db.query(
      "SELECT id FROM triage_case WHERE author_handle IN ('@user1@social.example','@user2@social.example','@user3@social.example')",
    );
    expect(cases).toHaveLength(3);
    for (const c of cases) {
      expect(mail.text).toContain(`${DASHBOARD}/#case/${c.id}`);
      expect(mail.html).toContain(`href="${DASHBOARD}/#case/${c.id}"`);
    }
    expect(mail.messageId).toBe(`<digest-${ana.user.id}-2026-11-22@defuse>`);
  });

  it('sends once per user and day: another tick, a restart, and two instances at once', async () => {
    expect(await app.get(DigestScheduler).tick(new Date(NOW.getTime() + 60_000))).toEqual([]);
    await app.close();
    app = await startApp(config);
    expect(await app.get(DigestScheduler).tick(new Date(NOW.getTime() + 120_000))).toEqual([]);
    expect(sink.messages).toHaveLength(1);

    // The next day, two processes on the same database tick at the same moment: one message.
    const other = await startApp(config);
    try {
      const next = new Date(NOW.getTime() + DAY);
      const [a, b] = await Promise.all([
        app.get(DigestScheduler).tick(next),
        other.get(DigestScheduler).tick(next),
      ]);
      expect([...a, ...b].filter((o) => o.result === 'sent')).toHaveLength(1);
    } finally {
      await other.close();
    }
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[1].subject).toMatch(/Mon 23 Nov/);
  });

  it('retries a refused send with backoff and sends it once in the end', async () => {
    const day3 = new Date(NOW.getTime() + 2 * DAY);
    sink.refuseNext(1);
    const first = await app.get(DigestScheduler).tick(day3);
    expect(first).toEqual([
      expect.objectContaining({ result: 'failed', attempts: 1, error: expect.stringMatching(/451/) }),
    ]);
    expect(sink.refused).toBe(1);
    expect(sink.messages).toHaveLength(2);
    const [logged] = await app.get(DigestDelivery).log(ana.user.id);
    expect(logged).toMatchObject({ day: '2026-11-24', status: 'failed', attempts: 1 });
    // Before the backoff (1 s) nothing is tried; after it, the retry goes out.
    expect(await app.get(DigestScheduler).tick(new Date(day3.getTime() + 500))).toEqual([]);
    const retried = await app.get(DigestScheduler).tick(new Date(day3.getTime() + 1500));
    expect(retried).toEqual([expect.objectContaining({ day: '2026-11-24', result: 'sent', attempts: 2 })]);
    expect(sink.messages).toHaveLength(3);
    expect((await app.get(DigestDelivery).log(ana.user.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(await app.get(DigestScheduler).tick(new Date(day3.getTime() + 5000))).toEqual([]);
    expect(sink.messages).toHaveLength(3);
  });

  it('counts the 25-hour day when New York leaves daylight saving', async () => {
    const outcome = await app.get(DigestDelivery).deliver(ned, '2026-11-01', { now: NOW });
    expect(outcome.result).toBe('sent');
    const mail = sink.messages.at(-1)!;
    expect(to(sink.messages.length - 1)).toBe('ned@acme.example');
    expect(mail.subject).toMatch(/Sun 1 Nov/);
    expect(mail.subject).toMatch(/\b2 angry mentions\b/);
  });

  it('sends a short "all quiet" digest on an empty day, or nothing when the user turned that off', async () => {
    // Gia follows Globex only, about which nothing was posted.
    const giaUser = await createUser(app, 'viewer', 'gia@acme.example');
    await app.get(DigestPreferences).set(giaUser.id, { brands: ['globex'] });
    const gia = await subscriber(app, 'gia@acme.example');
    const before = sink.messages.length;
    expect((await app.get(DigestDelivery).deliver(gia, '2026-10-01', { now: NOW })).result).toBe('sent');
    expect(sink.messages).toHaveLength(before + 1);
    expect(sink.messages.at(-1)!.subject).toMatch(/all quiet/i);
    expect(sink.messages.at(-1)!.text).toMatch(/all quiet/i);
    expect(to(sink.messages.length - 1)).toBe('gia@acme.example');
    await app.get(DigestPreferences).set(giaUser.id, { sendQuiet: false });
    const quiet = await subscriber(app, 'gia@acme.example');
    expect((await app.get(DigestDelivery).deliver(quiet, '2026-09-30', { now: NOW })).result).toBe('skipped');
    expect(sink.messages).toHaveLength(before + 1);
    // Ana follows Acme, whose open cases are overdue: not quiet, even on a day without posts.
    expect((await app.get(DigestDelivery).render(ana, '2026-09-30', NOW)).quiet).toBe(false);
  });

  it('lets each user choose hour, time zone and brands through the API, and refuses bad values', async () => {
    const { headers } = await apiUser(app, 'viewer');
    const { default: request } = await import('supertest');
    const http = request(app.getHttpServer());
    expect((await http.get('/api/me/digest').set(headers).expect(200)).body).toEqual({
      enabled: true,
      hour: 8,
      timeZone: 'UTC',
      brands: null,
      sendQuiet: true,
    });
    const changed = await http
      .put('/api/me/digest')
      .set(headers)
      .send({ hour: 7, timeZone: 'Asia/Kolkata', brands: ['acme'] })
      .expect(200);
    expect(changed.body).toMatchObject({ hour: 7, timeZone: 'Asia/Kolkata', brands: ['acme'] });
    for (const [body, message] of [
      [{ hour: 24 }, 'hour must be a whole number from 0 to 23'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone "Mars/Olympus" is not an IANA time zone'],
      [{ brands: ['initech'] }, 'brand "initech" is not configured'],
      [{ colour: 'red' }, 'property colour should not exist'],
    ] as const) {
      const res = await http.put('/api/me/digest').set(headers).send(body).expect(400);
      expect([res.body.message].flat().join('\n')).toContain(message);
    }
    await http.get('/api/me/digest').expect(401);
  });

  it('renders in a browser as it would in a mail client: no script, no SVG, a bar chart of cells', async () => {
    const digest = await app.get(DigestDelivery).render(ana, '2026-11-22', NOW);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 760, height: 1000 } });
      // As a mail client shows it: no scripts run (and there are none to run).
      await page.setContent(digest.html, { waitUntil: 'load' });
      const dom = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        svgs: document.querySelectorAll('svg').length,
        external: document.querySelectorAll('link[rel=stylesheet], img[src^=http]').length,
        links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
        text: document.body.innerText,
      }));
      expect(dom).toMatchObject({ scripts: 0, svgs: 0, external: 0 });
      for (const href of dom.links) expect(href).toMatch(/^https?:\/\//);
      expect(dom.text).toMatch(/Yesterday in numbers\s+3\s+Angry/);
      await page.screenshot({ path: join(ARTIFACTS, 'digest.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  describe('defuse digest (CLI)', () => {
    // Each run starts ts-node and the app in a child process (~4 s): more than the default 30 s in all.
    jest.setTimeout(180_000);
    const cliDir = mkdtempSync(join(tmpdir(), 'defuse-digest-cli-'));
    const env = () => ({
      DEFUSE_CONFIG: join(cliDir, 'defuse.yaml'),
      DEFUSE_DB: dbPath,
      SMTP_URL: sink.url,
      DIGEST_FROM: 'Defuse <defuse@acme.example>',
      ...cliDatabase(config).env,
    });
    beforeAll(() =>
      writeFileSync(
        join(cliDir, 'defuse.yaml'),
        `brands:\n  - {id: ${ACME.id}, name: ${ACME.name}, query: {any: [acme]}}\n` +
          `digest: {dashboardUrl: '${DASHBOARD}'}\n` +
          cliDatabase(config).yaml,
      ),
    );
    afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

    it('writes a preview without sending, sends once, and again only with --force', async () => {
      const file = join(cliDir, 'digest.html');
      const before = sink.messages.length;
      const preview = await runCli(
        ['digest', '--date', '2026-11-22', '--user', 'ana@acme.example', '--preview', file],
        env(),
      );
      expect(preview.code).toBe(0);
      expect(preview.stdout).toMatch(/^wrote .*digest\.html for ana@acme\.example: .*3 angry mentions/);
      expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>|<html/i);
      expect(sink.messages).toHaveLength(before);

      // Ana already had 22 Nov from the scheduler: --send does not repeat it; --force does.
      const again = await runCli(
        ['digest', '--date', '2026-11-22', '--user', 'ana@acme.example', '--send'],
        env(),
      );
      expect(again).toMatchObject({ code: 0, stdout: 'ana@acme.example\t2026-11-22\talready_done\n' });
      const forced = await runCli(
        ['digest', '--date', '2026-11-22', '--user', 'ana@acme.example', '--send', '--force'],
        env(),
      );
      expect(forced).toMatchObject({ code: 0, stdout: 'ana@acme.example\t2026-11-22\tsent\n' });
      expect(sink.messages).toHaveLength(before + 1);
    });

    it('refuses a bad date, both or neither of --preview and --send, an unknown user, and no SMTP', async () => {
      const badDate = await runCli(['digest', '--date', '2026-02-30', '--send'], env());
      expect(badDate.code).not.toBe(0);
      expect(badDate.stderr).toContain('expected a date YYYY-MM-DD');
      for (const args of [
        ['digest', '--date', '2026-11-22'],
        ['digest', '--date', '2026-11-22', '--send', '--preview', 'x.html'],
        ['digest', '--date', '2026-11-22', '--user', 'nobody@acme.example', '--send'],
      ]) {
        const res = await runCli(args, env());
        expect(res.code).toBe(2);
        expect(res.stderr).not.toBe('');
      }
      const noSmtp = await runCli(['digest', '--date', '2026-11-20', '--send'], { ...env(), SMTP_URL: '' });
      expect(noSmtp.code).toBe(2);
      expect(noSmtp.stderr).toContain('SMTP_URL is not set');
    });
  });
});
