import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoopbackServer, send } from './support/loopback-server';
import { runCli } from './support/run-cli';
import { cliTestDatabase } from './support/test-app';

// Each test starts the CLI (ts-node) two to four times: ~5 s each alone, 15 s or more on a busy machine.
jest.setTimeout(120_000);

const RSS = readFileSync(join(__dirname, 'fixtures/ingest/acme-alerts.rss'), 'utf8');

describe('npx defuse poll --once', () => {
  const server = new LoopbackServer();
  const dir = mkdtempSync(join(tmpdir(), 'defuse-cli-'));
  const database = cliTestDatabase(join(dir, 'cli.sqlite'));
  const env = { DEFUSE_CONFIG: join(dir, 'defuse.yaml'), ...database.env };

  beforeAll(async () => {
    server
      .route('/good.rss', (_req, res) => send(res, 200, 'application/rss+xml', RSS))
      .route('/gone.rss', (_req, res) => send(res, 404, 'text/html', '<h1>Not here</h1>'));
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeConfig = (feeds: string) =>
    writeFileSync(
      env.DEFUSE_CONFIG,
      `${database.yaml}brands:\n  - id: acme\n    name: Acme\n    query: {any: [acme], handles: ['@acme']}\nfeeds:\n${feeds}`,
    );

  it('prints a per-feed summary and exits 0 when every feed worked, then counts duplicates on the next run', async () => {
    writeConfig(`  - {id: alerts, type: feed, url: "${server.url}/good.rss"}\n`);
    const first = await runCli(['poll', '--once'], env);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^feed\s+type\s+new\s+duplicate\s+skipped\s+invalid\s+result$/);
    expect(lines[1]).toMatch(/^alerts\s+feed\s+3\s+1\s+1\s+0\s+ok$/);
    expect(lines[2]).toBe('1 feed(s), 3 new mention(s), 0 failed');

    const second = await runCli(['poll', '--once', '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({
      feed: 'alerts',
      new: 0,
      duplicate: 4,
      skipped: 1,
      error: null,
    });
  });

  it('exits non-zero and names the failure when a feed failed, while the others are still polled', async () => {
    writeConfig(
      `  - {id: alerts, type: feed, url: "${server.url}/good.rss"}\n  - {id: gone, type: feed, url: "${server.url}/gone.rss"}\n`,
    );
    const run = await runCli(['poll', '--once'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^alerts\s+feed\s+0\s+4\s+1\s+0\s+ok$/m);
    expect(run.stdout).toMatch(
      /^gone\s+feed\s+0\s+0\s+0\s+0\s+error: HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/gone\.rss$/m,
    );
  });

  it('refuses to start on an invalid configuration, naming the file and the key', async () => {
    writeConfig(`  - {id: alerts, type: feed, url: "not a url"}\n`);
    const run = await runCli(['poll', '--once'], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${env.DEFUSE_CONFIG}: invalid configuration`);
    expect(run.stderr).toContain('feeds[0].url: expected an http(s) URL (got "not a url")');
  });
  it('refuses to start on PostgreSQL without DATABASE_URL, naming the variable', async () => {
    writeFileSync(
      env.DEFUSE_CONFIG,
      `database: {type: postgres}\nbrands:\n  - {id: acme, name: Acme, query: {any: [acme]}}\n`,
    );
    const run = await runCli(['poll', '--once'], { ...env, DATABASE_URL: '' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('environment: DATABASE_URL is not set: database.type is "postgres"');
    // One CLI start (ts-node): ~4 s on a quiet machine, 16 s measured beside other test runs.
  }, 60_000);
});
