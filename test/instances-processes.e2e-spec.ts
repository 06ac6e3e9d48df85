import { ChildProcess, ChildProcessByStdio, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { LoopbackServer, send } from './support/loopback-server';
import { mastodonTagStatus } from './support/posts';
import { cliTestDatabase, TEST_DB } from './support/test-app';

const ROOT = join(__dirname, '..');
const RSS = readFileSync(join(__dirname, 'fixtures/ingest/acme-alerts.rss'), 'utf8');

/** `defuse poll` on schedule (an instance's poller, no HTTP), from source as runCli does; output collected. */
function startPoller(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli/main.ts'), 'poll'],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

jest.setTimeout(120_000);

const onPostgres = TEST_DB === 'postgres' ? describe : describe.skip;

/**
 * Two poller processes on one PostgreSQL database, one SIGKILLed while it waits for a feed's second page:
 * the other takes the feed over when the lease (2 s here) runs out and resumes from the stored cursor.
 */
onPostgres(
  'two poller processes on one database (PostgreSQL only: skipped on SQLite; run by npm run test:postgres)',
  () => {
    const server = new LoopbackServer();
    const dir = mkdtempSync(join(tmpdir(), 'defuse-instances-'));
    const database = cliTestDatabase(join(dir, 'unused.sqlite'));
    const env = { ...database.env, DEFUSE_CONFIG: join(dir, 'defuse.yaml') };
    let pages: Record<string, unknown[]> = {};
    const children: ChildProcess[] = [];
    let db: DataSource;

    beforeAll(async () => {
      server
        .route('/api/v1/timelines/tag/acme', (req, res) => {
          const minId = new URL(req.url ?? '', server.url).searchParams.get('min_id') ?? 'none';
          if (minId in pages) send(res, 200, 'application/json', JSON.stringify(pages[minId]));
          // Otherwise hang: the test kills the poller while it waits.
        })
        .route('/alerts.rss', (_req, res) => send(res, 200, 'application/rss+xml', RSS));
      await server.start();
      writeFileSync(
        env.DEFUSE_CONFIG,
        database.yaml +
          `brands:\n  - {id: acme, name: Acme, query: {any: [acme], hashtags: ['#acme']}}\n` +
          `polling: {interval: 1h, jitter: 0, lease: 2s}\n` +
          `http: {timeout: 60s}\n` +
          `feeds:\n  - {id: masto, type: mastodon, instance: "${server.url}", mode: tag, tag: acme}\n` +
          `  - {id: alerts, type: feed, url: "${server.url}/alerts.rss"}\n`,
      );
      // The schema, and a feed already followed up to status 100 (so a poll pages forward from there).
      db = await new DataSource(database.options()).initialize();
      await db.query(`INSERT INTO feed_state (feed_id, type, cursor) VALUES ('masto', 'mastodon', '100')`);
    });

    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await db?.destroy();
      await server.stop();
      database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const minIds = () =>
      server.requestsTo('/api/v1/timelines/tag/acme').map((r) => r.url.searchParams.get('min_id'));
    const stored = async () =>
      (
        await db.query<{ external_id: string }[]>(
          `SELECT external_id FROM mention WHERE feed_id = 'masto' ORDER BY external_id`,
        )
      ).map((r) => r.external_id.split('/').pop());
    const cursor = async () =>
      (await db.query<{ cursor: string }[]>(`SELECT cursor FROM feed_state WHERE feed_id = 'masto'`))[0]
        .cursor;

    it('polls each feed once across both, and a poller killed mid-poll loses nothing', async () => {
      pages = { '100': [mastodonTagStatus(102, 'acme refund?'), mastodonTagStatus(101, 'acme app down')] };
      const first = startPoller(env);
      children.push(first.child);
      // The first instance stores the page above 100 and hangs waiting for the page above 102.
      await waitFor(() => minIds().includes('102'), 60_000, 'first poller waiting for page 2');
      await waitFor(() => server.requestsTo('/alerts.rss').length === 1, 10_000, 'alerts polled');
      expect(await stored()).toEqual(['101', '102']);
      expect(await cursor()).toBe('102');

      const second = startPoller(env);
      children.push(second.child);
      await waitFor(() => /polling 2 feed\(s\)/.test(second.output()), 60_000, 'second poller started');
      // While the first holds the lease, the second does not poll the feed (nor the one already polled).
      await new Promise((r) => setTimeout(r, 3_000));
      expect(minIds()).toEqual(['100', '102']);

      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      pages = { ...pages, '102': [mastodonTagStatus(103, 'acme support never answered')], '103': [] };

      // The lease runs out (2 s) and the second instance resumes from the stored cursor.
      await waitFor(async () => (await cursor()) === '103', 20_000, 'second poller took over');
      await waitFor(
        async () =>
          (await db.query(`SELECT lease_owner FROM feed_state WHERE feed_id = 'masto'`))[0].lease_owner ===
          null,
        10_000,
        'second poller finished',
      );
      expect(await stored()).toEqual(['101', '102', '103']);
      expect(minIds()).toEqual(['100', '102', '102', '103']);
      // Each feed polled once per due time across both instances: the RSS feed once in all.
      expect(server.requestsTo('/alerts.rss')).toHaveLength(1);
      const [state] = await db.query(
        `SELECT lease_owner, next_poll_at FROM feed_state WHERE feed_id = 'masto'`,
      );
      expect(state.lease_owner).toBeNull();
      expect(new Date(state.next_poll_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
      second.child.kill('SIGTERM');
    });
  },
);
