import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { FeedState } from '../src/ingest/entities/feed-state.entity';
import { Mention } from '../src/ingest/entities/mention.entity';
import { LoopbackServer, send } from './support/loopback-server';
import { mastodonTagStatus } from './support/posts';
import { runCli } from './support/run-cli';

// Four CLI runs through ts-node in one test: 25 s on a quiet 2-core machine, past 30 s on a busy one.
jest.setTimeout(90_000);

describe('a crash between two batches (SIGKILL of `defuse poll --once`)', () => {
  const server = new LoopbackServer();
  const dir = mkdtempSync(join(tmpdir(), 'defuse-crash-'));
  const env = { DEFUSE_CONFIG: join(dir, 'defuse.yaml'), DEFUSE_DB: join(dir, 'crash.sqlite') };
  let pages: Record<string, unknown[]> = {};
  let onMinId: (minId: string) => void = () => undefined;

  beforeAll(async () => {
    server.route('/api/v1/timelines/tag/acme', (req, res) => {
      const minId = new URL(req.url ?? '', server.url).searchParams.get('min_id') ?? 'none';
      onMinId(minId);
      if (minId in pages) send(res, 200, 'application/json', JSON.stringify(pages[minId]));
      // Otherwise hang: the test kills the process while it waits for this page.
    });
    await server.start();
    writeFileSync(
      env.DEFUSE_CONFIG,
      `brands:\n  - {id: acme, name: Acme, query: {any: [acme], hashtags: ['#acme']}}\n` +
        `feeds:\n  - {id: masto, type: mastodon, instance: "${server.url}", mode: tag, tag: acme}\n`,
    );
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function readDb(): Promise<{ ids: string[]; cursor: string | null }> {
    const db = await new DataSource(dataSourceOptions(env.DEFUSE_DB)).initialize();
    try {
      const mentions = await db.getRepository(Mention).find({ order: { id: 'ASC' } });
      const state = await db.getRepository(FeedState).findOneBy({ feedId: 'masto' });
      return {
        ids: mentions.map((m) => m.externalId.split('/').pop() as string),
        cursor: state?.cursor ?? null,
      };
    } finally {
      await db.destroy();
    }
  }

  it('keeps the first batch and its cursor, and the next poll resumes without losing or doubling anything', async () => {
    pages = { none: [mastodonTagStatus(100, 'Acme order late')] };
    expect((await runCli(['poll', '--once'], env)).code).toBe(0);
    expect(await readDb()).toEqual({ ids: ['100'], cursor: '100' });

    // Batch 1 (above 100) arrives; the process dies while it waits for batch 2 (above 102).
    pages = { '100': [mastodonTagStatus(102, 'acme refund?'), mastodonTagStatus(101, 'acme app down')] };
    let kill: () => void = () => undefined;
    onMinId = (minId) => minId === '102' && kill();
    const crashed = await runCli(['poll', '--once'], env, { onSpawn: (k) => (kill = k) });
    expect(crashed.signal).toBe('SIGKILL');
    expect(await readDb()).toEqual({ ids: ['100', '102', '101'], cursor: '102' });

    onMinId = () => undefined;
    pages = { '102': [mastodonTagStatus(103, 'acme support never answered')], '103': [] };
    const resumed = await runCli(['poll', '--once'], env);
    expect(resumed.code).toBe(0);
    expect(server.requests.at(-2)?.url.searchParams.get('min_id')).toBe('102');
    expect(await readDb()).toEqual({ ids: ['100', '102', '101', '103'], cursor: '103' });
  });
});
