import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopbackServer, send } from '../../../test/support/loopback-server';
import { FeedConfigOf } from '../../config/config.schema';
import { HttpClient } from '../http/http-client';
import { compareIntStrings } from '../paging';
import { SourceError } from '../source.errors';
import { FeedCursor, SourcePage } from '../source.types';
import { MastodonSource } from './mastodon.source';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../test/fixtures/mastodon', name), 'utf8');
const json = (res: Parameters<typeof send>[0], body: string, headers: Record<string, string> = {}) =>
  send(res, 200, 'application/json; charset=utf-8', body, headers);

const TAG_PATH = '/api/v1/timelines/tag/acmefiber';
const FIRST_HIGHEST = '112367012345678901';

describe('MastodonSource', () => {
  let server: LoopbackServer;
  const http = new HttpClient({
    timeoutMs: 5000,
    maxBodyBytes: 1_000_000,
    maxRedirects: 3,
    userAgent: 'Defuse-test/1.0',
  });

  beforeEach(async () => {
    server = await new LoopbackServer().start();
  });
  afterEach(() => server.stop());

  const source = (over: Partial<FeedConfigOf<'mastodon'>> = {}, env: NodeJS.ProcessEnv = {}) =>
    new MastodonSource(
      {
        id: 'masto',
        type: 'mastodon',
        enabled: true,
        maxPages: 5,
        instance: server.url,
        mode: 'tag',
        tag: '#acmefiber',
        ...over,
      },
      http,
      env,
    );
  const cursor = (c: string | null): FeedCursor => ({ cursor: c, etag: null, lastModified: null });
  const collect = async (it: AsyncIterable<SourcePage>) => {
    const pages: SourcePage[] = [];
    for await (const p of it) pages.push(p);
    return pages;
  };

  it('normalises statuses, unwraps boosts and starts the cursor at the newest id on the first poll', async () => {
    server.route(TAG_PATH, (_req, res) => json(res, fixture('tag-timeline.json')));
    const pages = await collect(source().fetchPages(cursor(null)));

    expect(pages).toHaveLength(1);
    const [req] = server.requests;
    expect(req.url.searchParams.get('limit')).toBe('40');
    expect(req.url.searchParams.has('min_id')).toBe(false);
    expect(pages[0].next.cursor).toBe(FIRST_HIGHEST);
    expect(pages[0].invalid).toEqual([]);

    const [alice, bob, boost] = pages[0].posts;
    expect(alice).toMatchObject({
      source: 'mastodon',
      externalId: 'https://mastodon.example/users/alice/statuses/112367012345678901',
      url: 'https://mastodon.example/@alice/112367012345678901',
      authorHandle: '@alice@127.0.0.1',
      authorName: 'Alice Moreau',
      reach: 1234,
      text: 'Third day without internet from #AcmeFiber & support keeps saying "it\'s fixed" <sigh>\nAnyone else?',
      language: 'en',
      postedAt: new Date('2024-05-02T09:14:07.000Z'),
    });
    expect(bob).toMatchObject({
      authorHandle: '@bob@fosstodon.example',
      authorName: 'bob', // empty display_name falls back to username
      text: 'rant: AcmeFiber <billing>\nRechnung doppelt abgebucht. Danke für nichts, #acmefiber.',
      language: 'de',
    });
    // The boost is stored as the boosted post, attributed to its author; raw keeps the wrapper.
    expect(boost).toMatchObject({
      externalId: 'https://social.example.org/users/dave/statuses/112364000000000042',
      url: 'https://social.example.org/@dave/112364000000000042',
      authorHandle: '@dave@social.example.org',
      authorName: 'Dave :verified:',
      reach: 5021,
      text: 'My #AcmeFiber router rebooted 4 times today.\nSupport chat: "have you tried turning it off?"',
      postedAt: new Date('2024-05-01T22:41:02.000Z'),
    });
    expect((boost.raw as { id: string }).id).toBe('112367010000000000');
  });

  it('pages forward from min_id, each page storing its own highest id, until an empty page', async () => {
    const pagesByMinId: Record<string, string> = {
      [FIRST_HIGHEST]: fixture('tag-newer-1.json'),
      '112367020000000002': fixture('tag-newer-2.json'),
    };
    server.route(TAG_PATH, (req, res) => {
      const minId = new URL(req.url!, server.url).searchParams.get('min_id')!;
      json(res, pagesByMinId[minId] ?? '[]');
    });
    const pages = await collect(source().fetchPages(cursor(FIRST_HIGHEST)));

    expect(server.requests.map((r) => r.url.searchParams.get('min_id'))).toEqual([
      FIRST_HIGHEST,
      '112367020000000002',
      '112367030000000001',
    ]);
    expect(pages.map((p) => p.next.cursor)).toEqual([
      '112367020000000002',
      '112367030000000001',
      '112367030000000001',
    ]);
    expect(pages.map((p) => p.posts.length)).toEqual([2, 1, 0]);
    // The status without an account is reported, and its id still moves the cursor past it.
    expect(pages[1].invalid).toEqual([
      {
        reason: expect.stringContaining('has no account.acct'),
        raw: expect.objectContaining({ id: '112367025000000000' }),
      },
    ]);
  });

  it('stops at maxPages', async () => {
    let n = 0;
    server.route(TAG_PATH, (_req, res) => {
      n++;
      json(res, fixture('tag-newer-1.json').replace(/11236702000000000(\d)/g, `11236702000000${n}00$1`));
    });
    const pages = await collect(source({ maxPages: 2 }).fetchPages(cursor(FIRST_HIGHEST)));
    expect(pages).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    expect(pages[1].next.cursor).toBe('112367020000002002');
  });

  it('sends the bearer token from tokenEnv, and names the variable when it is missing', async () => {
    server.route(TAG_PATH, (_req, res) => json(res, '[]'));
    await collect(
      source({ tokenEnv: 'MASTO_TOKEN' }, { MASTO_TOKEN: 's3cret-token' }).fetchPages(cursor(null)),
    );
    expect(server.requests[0].headers.authorization).toBe('Bearer s3cret-token');

    const missing = collect(source({ tokenEnv: 'MASTO_TOKEN' }, {}).fetchPages(cursor(null)));
    await expect(missing).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringContaining('MASTO_TOKEN'),
    });
  });

  it('stops paging and sets notBefore when X-RateLimit-Remaining reaches 0', async () => {
    const reset = '2024-05-02T10:35:00.000Z';
    server.route(TAG_PATH, (_req, res) =>
      json(res, fixture('tag-newer-1.json'), {
        'X-RateLimit-Limit': '300',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': reset,
      }),
    );
    const pages = await collect(source().fetchPages(cursor(FIRST_HIGHEST)));
    expect(server.requests).toHaveLength(1);
    expect(pages).toHaveLength(1);
    expect(pages[0].notBefore).toEqual(new Date(reset));
    expect(pages[0].next.cursor).toBe('112367020000000002');
  });

  it('turns a 429 into a rate-limited SourceError retrying at X-RateLimit-Reset', async () => {
    const reset = '2024-05-02T10:40:00.000Z';
    server.route(TAG_PATH, (_req, res) =>
      send(res, 429, 'application/json', '{"error":"Too many requests"}', {
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': reset,
      }),
    );
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'rate-limited', retryAt: new Date(reset) });
  });

  it('search mode pages back with max_id down to min_id and moves the cursor only on the last page', async () => {
    server.route('/api/v2/search', (req, res) => {
      const maxId = new URL(req.url!, server.url).searchParams.get('max_id');
      if (maxId === null) json(res, fixture('search-1.json'));
      else if (maxId === '112367050000000001') json(res, fixture('search-2.json'));
      else json(res, '{"accounts":[],"statuses":[],"hashtags":[]}');
    });
    const pages = await collect(
      source({ mode: 'search', tag: undefined, query: 'acme fiber' }, {}).fetchPages(cursor(FIRST_HIGHEST)),
    );
    const params = server.requests.map((r) => r.url.searchParams);
    expect(params[0].get('q')).toBe('acme fiber');
    expect(params[0].get('type')).toBe('statuses');
    expect(params[0].get('resolve')).toBe('false');
    expect(params.map((p) => p.get('min_id'))).toEqual([FIRST_HIGHEST, FIRST_HIGHEST, FIRST_HIGHEST]);
    expect(params.map((p) => p.get('max_id'))).toEqual([null, '112367050000000001', '112367040000000001']);
    expect(pages.map((p) => p.next.cursor)).toEqual([FIRST_HIGHEST, FIRST_HIGHEST, '112367050000000002']);
    expect(pages[0].posts[0].text).toBe('Acme Fiber billing support is a maze');
  });

  it('search mode keeps the old cursor when the rate limit cuts the poll short', async () => {
    const reset = '2024-05-02T11:05:00.000Z';
    server.route('/api/v2/search', (_req, res) =>
      json(res, fixture('search-1.json'), { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }),
    );
    const pages = await collect(
      source({ mode: 'search', tag: undefined, query: 'acme fiber' }).fetchPages(cursor(FIRST_HIGHEST)),
    );
    expect(server.requests).toHaveLength(1);
    expect(pages).toHaveLength(1);
    // Older matches may lie between this page and the cursor: the next poll must look again.
    expect(pages[0].next.cursor).toBe(FIRST_HIGHEST);
    expect(pages[0].notBefore).toEqual(new Date(reset));
  });

  it('gives a readable parse error naming the URL when the page has the wrong shape', async () => {
    server.route(TAG_PATH, (_req, res) =>
      json(res, '{"error":"This method requires an authenticated user"}'),
    );
    const err = await collect(source().fetchPages(cursor(null))).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'parse' });
    expect((err as Error).message).toContain(`${server.url}${TAG_PATH}?limit=40`);
    expect((err as Error).message).toContain('a JSON array of statuses');

    server.route('/api/v2/search', (_req, res) => json(res, '[]'));
    const searchErr = await collect(
      source({ mode: 'search', tag: undefined, query: 'acme' }).fetchPages(cursor(null)),
    ).catch((e: unknown) => e);
    expect(searchErr).toMatchObject({ kind: 'parse', message: expect.stringContaining('"statuses" array') });
  });

  it('compares snowflake ids as numbers, not as text', () => {
    expect(compareIntStrings('98765432109876543', '112367010000000000')).toBeLessThan(0);
    expect(compareIntStrings('112367010000000001', '112367010000000000')).toBeGreaterThan(0);
    expect(compareIntStrings('5', '5')).toBe(0);
  });
});
