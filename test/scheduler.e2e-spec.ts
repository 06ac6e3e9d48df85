import { INestApplication } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FeedState } from '../src/ingest/entities/feed-state.entity';
import { LoopbackServer, send } from './support/loopback-server';
import { startApp, tempDbPath, testConfig } from './support/test-app';

const RSS = readFileSync(join(__dirname, 'fixtures/ingest/acme-alerts.rss'), 'utf8');

/** Polls `check` until it returns true; fails after `ms`. No assertion on time itself. */
async function waitFor(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('PollScheduler (schedules on, registered at runtime)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  let app: INestApplication;

  beforeAll(async () => {
    server
      .route('/good.rss', (_req, res) => send(res, 200, 'application/rss+xml', RSS))
      .route('/hang.rss', () => undefined);
    await server.start();
    process.env.DEFUSE_SCHEDULER = 'on';
    app = await startApp(
      testConfig({
        database: { path: db.path },
        http: { timeout: '10s', maxBodyBytes: 1_000_000, maxRedirects: 3, userAgent: 'Defuse-test' },
        polling: { enabled: true, interval: '5m', jitter: 0, concurrency: 2, maxBackoff: '1h' },
        feeds: [
          { id: 'hang', type: 'feed', url: `${server.url}/hang.rss` },
          { id: 'good', type: 'feed', url: `${server.url}/good.rss`, interval: '150ms' },
          { id: 'off', type: 'feed', url: `${server.url}/good.rss`, enabled: false },
        ],
      }),
    );
  });

  afterAll(async () => {
    process.env.DEFUSE_SCHEDULER = 'off';
    await app?.close();
    await server.stop();
    db.cleanup();
  });

  it('registers one timer per enabled feed and keeps polling a healthy feed while another hangs', async () => {
    const registry = app.get(SchedulerRegistry);
    await waitFor(() => server.requestsTo('/good.rss').length >= 3);
    // A feed's timer is re-armed after each poll; the disabled feed never gets one.
    await waitFor(() => registry.doesExist('timeout', 'poll:good'));
    expect(registry.getTimeouts().every((name) => ['poll:good', 'poll:hang'].includes(name))).toBe(true);

    const states = app.get(DataSource).getRepository(FeedState);
    const hang = await states.findOneBy({ feedId: 'hang' });
    // The hanging feed has not even finished its first poll, yet the healthy one went on.
    expect(hang?.lastPolledAt ?? null).toBeNull();
    expect(server.requestsTo('/hang.rss')).toHaveLength(1);
    const good = await states.findOneByOrFail({ feedId: 'good' });
    expect(good).toMatchObject({ consecutiveFailures: 0, totalStored: 3 });
    expect(good.nextPollAt!.getTime()).toBeGreaterThan(good.lastPolledAt!.getTime());
  });

  it('stops every timer on shutdown', async () => {
    await app.close();
    expect(app.get(SchedulerRegistry).getTimeouts()).toEqual([]);
    const seen = server.requestsTo('/good.rss').length;
    await new Promise((r) => setTimeout(r, 400));
    expect(server.requestsTo('/good.rss')).toHaveLength(seen);
  });
});
