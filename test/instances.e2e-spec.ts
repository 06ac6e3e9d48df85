import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TickClaims } from '../src/database/tick-claims';
import { DigestScheduler, DIGEST_TICK_JOB } from '../src/digest/digest-scheduler';
import { FeedLeases, LeaseLostError } from '../src/ingest/feed-lease.repository';
import { IngestPipeline } from '../src/ingest/ingest.pipeline';
import { PollService } from '../src/ingest/poll.service';
import { TriageClockScheduler } from '../src/triage/triage-clock.scheduler';
import { TriageEvent, TriageEvents } from '../src/triage/triage.events';
import { authHeader } from './support/auth';
import { readEvents } from './support/sse';
import { LoopbackServer, send } from './support/loopback-server';
import { mastodonPost, storePosts } from './support/posts';
import { startApp, tempDbPath, TEST_DB, testConfig } from './support/test-app';

const RSS = readFileSync(join(__dirname, 'fixtures/ingest/acme-alerts.rss'), 'utf8');
/** The fixture with its links moved to another forum: the same posts as new mentions for another feed. */
const OTHER_RSS = RSS.replaceAll('forum.example.com', 'other-forum.example.com');

const onPostgres = TEST_DB === 'postgres' ? describe : describe.skip;

/**
 * Several instances on one PostgreSQL database: two Nest apps in this jest process on one database (each
 * with its own instance id, pool, LISTEN connection and timers), feeds served by a loopback HTTP server.
 * PostgreSQL only: on SQLite (one instance per file) none of this coordination runs.
 */
onPostgres(
  'several instances on one database (PostgreSQL only: skipped on SQLite; run by npm run test:postgres)',
  () => {
    const server = new LoopbackServer();
    const db = tempDbPath();
    let a: INestApplication;
    let b: INestApplication;
    /** Held responses of /slow.rss, released by the test. */
    const releaseSlow: (() => void)[] = [];

    beforeAll(async () => {
      server
        .route('/feed.rss', (_req, res) => send(res, 200, 'application/rss+xml', OTHER_RSS))
        .route('/slow.rss', (_req, res) => {
          releaseSlow.push(() => send(res, 200, 'application/rss+xml', RSS));
        });
      await server.start();
      const config = () =>
        testConfig({
          database: { path: db.path },
          feeds: [
            { id: 'race', type: 'feed', url: `${server.url}/slow.rss` },
            { id: 'takeover', type: 'feed', url: `${server.url}/feed.rss` },
            { id: 'fenced', type: 'feed', url: `${server.url}/feed.rss` },
          ],
        });
      a = await startApp(config());
      b = await startApp(config());
      await a.listen(0, '127.0.0.1');
      await b.listen(0, '127.0.0.1');
    });

    afterAll(async () => {
      for (const release of releaseSlow) release();
      await a?.close();
      await b?.close();
      await server.stop();
      db.cleanup();
    });

    const mentionCount = async (feedId: string) =>
      Number(
        (await a.get(DataSource).query('SELECT COUNT(*) AS n FROM mention WHERE feed_id = $1', [feedId]))[0]
          .n,
      );

    it('two instances racing for a due feed: one polls it, the other skips it, and neither polls it again early', async () => {
      const first = a.get(PollService).pollFeed('race', { dueOnly: true });
      // A holds the lease while its request hangs; B's attempt finds it leased.
      await waitFor(() => server.requestsTo('/slow.rss').length === 1);
      const second = await b.get(PollService).pollFeed('race', { dueOnly: true });
      expect(second.skipped).toBe('leased');
      expect(second.nextPollAt.getTime()).toBeGreaterThan(Date.now());
      releaseSlow.shift()!();
      const polled = await first;
      expect(polled.skipped).toBeUndefined();
      expect(polled.error).toBeUndefined();
      expect(polled.counts.new).toBeGreaterThan(0);

      // B's timer fires again: the feed was polled meanwhile, so it is not due.
      const again = await b.get(PollService).pollFeed('race', { dueOnly: true });
      expect(again).toMatchObject({ skipped: 'not_due', nextPollAt: polled.nextPollAt });
      expect(server.requestsTo('/slow.rss')).toHaveLength(1);
      const [state] = await a
        .get(DataSource)
        .query('SELECT lease_owner, lease_until FROM feed_state WHERE feed_id = $1', ['race']);
      expect(state).toEqual({ lease_owner: null, lease_until: null });
    });

    it('many concurrent attempts from both instances still poll a due feed exactly once', async () => {
      await a
        .get(DataSource)
        .query(`UPDATE feed_state SET next_poll_at = $1 WHERE feed_id = 'race'`, [
          new Date(Date.now() - 1000).toISOString(),
        ]);
      const attempts = [a, b, a, b, b, a].map((app) =>
        app.get(PollService).pollFeed('race', { dueOnly: true }),
      );
      await waitFor(() => server.requestsTo('/slow.rss').length === 2);
      releaseSlow.shift()!();
      const results = await Promise.all(attempts);
      // Each app runs one attempt per feed (the others join it): one of the two apps polled.
      expect(results.filter((r) => !r.skipped)).toHaveLength(3);
      expect(new Set(results.filter((r) => !r.skipped).map((r) => r.polledAt.getTime())).size).toBe(1);
      expect(server.requestsTo('/slow.rss')).toHaveLength(2);
    });

    it('a lease whose holder died is taken over once it runs out, and the poll stores everything', async () => {
      const feed = { id: 'takeover', type: 'feed' };
      const now = new Date();
      // A takes the lease and "dies": it never polls, renews or releases.
      expect(await a.get(FeedLeases).claim(feed, now, true)).toMatchObject({ claimed: true });
      const blocked = await b.get(PollService).pollFeed('takeover', { dueOnly: true });
      expect(blocked.skipped).toBe('leased');
      expect(server.requestsTo('/feed.rss')).toHaveLength(0);
      expect(await mentionCount('takeover')).toBe(0);

      // The lease runs out (moved into the past rather than waited for).
      await a
        .get(DataSource)
        .query(`UPDATE feed_state SET lease_until = $1 WHERE feed_id = 'takeover'`, [
          new Date(now.getTime() - 1).toISOString(),
        ]);
      const taken = await b.get(PollService).pollFeed('takeover', { dueOnly: true });
      expect(taken.skipped).toBeUndefined();
      expect(taken.error).toBeUndefined();
      expect(taken.counts.new).toBeGreaterThan(0);
      expect(await mentionCount('takeover')).toBe(taken.counts.new);
      // The dead holder, were it to come back, holds nothing: it can neither renew nor release.
      expect(await a.get(FeedLeases).renew('takeover', new Date())).toBe(false);
      expect(await a.get(FeedLeases).release('takeover')).toBe(false);
    });

    it('a lease is refused while unexpired, granted at expiry, and then refuses its former holder', async () => {
      const feed = { id: 'lease-unit', type: 'feed' };
      const t0 = new Date('2026-12-01T10:00:00.000Z');
      const leasesA = a.get(FeedLeases);
      const leasesB = b.get(FeedLeases);
      const first = await leasesA.claim(feed, t0, false);
      expect(first).toEqual({ claimed: true, until: new Date(t0.getTime() + leasesA.durationMs) });
      expect(await leasesB.claim(feed, new Date(t0.getTime() + 1000), false)).toEqual({
        claimed: false,
        reason: 'leased',
        retryAt: new Date(t0.getTime() + leasesA.durationMs),
      });
      expect(await leasesB.claim(feed, new Date(t0.getTime() + leasesA.durationMs), false)).toMatchObject({
        claimed: true,
      });
      expect(await leasesA.renew(feed.id, new Date(t0.getTime() + leasesA.durationMs))).toBe(false);
      expect(await leasesB.release(feed.id)).toBe(true);
    });

    it('a page stored under a lease that was lost is rolled back whole', async () => {
      const feedConfig = {
        id: 'fenced',
        type: 'feed' as const,
        url: `${server.url}/feed.rss`,
        enabled: true,
      };
      const feed = { id: 'fenced', type: 'feed' };
      const past = new Date(Date.now() - 10 * 60_000);
      expect(await a.get(FeedLeases).claim(feed, past, false)).toMatchObject({ claimed: true });
      expect(await b.get(FeedLeases).claim(feed, new Date(), false)).toMatchObject({ claimed: true });
      const leases = a.get(FeedLeases);
      const stored = a.get(IngestPipeline).storePage(
        feedConfig as never,
        {
          posts: [mastodonPost('fenced-1', 'ann', 'Acme broke my order, furious')],
          invalid: [],
          next: { cursor: 'c1', etag: null, lastModified: null },
        },
        new Date(),
        async (em) => {
          if (!(await leases.renew(feed.id, new Date(), em))) throw new LeaseLostError(feed.id);
        },
      );
      await expect(stored).rejects.toBeInstanceOf(LeaseLostError);
      expect(await mentionCount('fenced')).toBe(0);
      const [state] = await a
        .get(DataSource)
        .query('SELECT cursor FROM feed_state WHERE feed_id = $1', ['fenced']);
      expect(state.cursor).toBeNull();
    });

    it('the triage clock runs once per tick slot across instances', async () => {
      const interval = 60_000;
      const slot = new Date(Math.ceil(Date.now() / interval) * interval + 5_000);
      const runs = await Promise.all([
        a.get(TriageClockScheduler).runTick(slot),
        b.get(TriageClockScheduler).runTick(new Date(slot.getTime() + 20_000)),
      ]);
      expect(runs.filter(Boolean)).toHaveLength(1);
      // Later in the same slot: nobody; the next slot: one of them again.
      expect(await b.get(TriageClockScheduler).runTick(new Date(slot.getTime() + 30_000))).toBe(false);
      const next = new Date(slot.getTime() + interval);
      const nextRuns = [
        await b.get(TriageClockScheduler).runTick(next),
        await a.get(TriageClockScheduler).runTick(next),
      ];
      expect(nextRuns).toEqual([true, false]);
      expect(TickClaims.slotOf(interval, slot)).toBe(
        TickClaims.slotOf(interval, new Date(slot.getTime() + 50_000)),
      );
    });

    it('the digest tick runs once per tick slot across instances', async () => {
      const interval = 60_000;
      const at = new Date(Math.ceil(Date.now() / interval) * interval + 3 * interval);
      const outcomes = await Promise.all(
        [a, b, a, b].map((app) => app.get(DigestScheduler).scheduledTick(DIGEST_TICK_JOB, interval, at)),
      );
      expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
      const rows = await a
        .get(DataSource)
        .query(`SELECT instance FROM scheduler_tick WHERE job = $1 AND slot = $2`, [
          DIGEST_TICK_JOB,
          TickClaims.slotOf(interval, at),
        ]);
      expect(rows).toHaveLength(1);
    });

    it("an event published on one instance reaches the other's /api/events stream, and its own stream once", async () => {
      const { port } = b.getHttpServer().address() as AddressInfo;
      const headers = await authHeader(b, 'viewer');
      const res = await new Promise<IncomingMessage>((resolve) =>
        get(`http://127.0.0.1:${port}/api/events`, { headers }, resolve),
      );
      expect(res.statusCode).toBe(200);
      const arriving = readEvents(res, 1);
      const onA: TriageEvent[] = [];
      const sub = a.get(TriageEvents).stream.subscribe((e) => onA.push(e));

      await storePosts(a, [
        mastodonPost(
          'bridge-1',
          'bea',
          'Acme lost my parcel AGAIN, absolutely furious, worst delivery ever!',
        ),
      ]);
      const [opened] = await arriving;
      res.destroy();
      expect(opened).toEqual({
        event: 'case.opened',
        data: expect.objectContaining({ type: 'case.opened', brandId: 'acme' }),
      });
      // A's own notification comes back over LISTEN too; it is dropped, so A's stream has the event once.
      await new Promise((r) => setTimeout(r, 500));
      sub.unsubscribe();
      expect(onA.filter((e) => e.type === 'case.opened')).toHaveLength(1);
    });
  },
);

/** Polls `check` until it returns true; fails after `ms`. */
async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}
