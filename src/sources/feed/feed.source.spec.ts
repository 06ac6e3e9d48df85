import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LoopbackServer, send } from '../../../test/support/loopback-server';
import { HttpClient } from '../http/http-client';
import { SourceError } from '../source.errors';
import type { FeedCursor, SourcePage } from '../source.types';
import { FeedSource } from './feed.source';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/feeds');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const START: FeedCursor = { cursor: null, etag: null, lastModified: null };

describe('FeedSource', () => {
  let server: LoopbackServer;
  const http = new HttpClient({
    timeoutMs: 2000,
    maxBodyBytes: 1_000_000,
    maxRedirects: 3,
    userAgent: 'Defuse-test',
  });
  const sourceFor = (route: string) =>
    new FeedSource(
      { id: 'news', type: 'feed', url: `${server.url}${route}`, enabled: true, maxPages: 5 },
      http,
    );

  beforeEach(async () => {
    server = await new LoopbackServer().start();
  });
  afterEach(() => server.stop());

  async function pages(sut: FeedSource, since: FeedCursor = START): Promise<SourcePage[]> {
    const out: SourcePage[] = [];
    for await (const page of sut.fetchPages(since)) out.push(page);
    return out;
  }

  async function failure(sut: FeedSource): Promise<SourceError> {
    const err: unknown = await pages(sut).then(
      () => new Error('expected a SourceError'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SourceError);
    return err as SourceError;
  }

  describe('normalises each format', () => {
    it('RSS 2.0: ids, absolute links, plain text, authors, language and dates', async () => {
      server.route('/rss', (_req, res) =>
        send(res, 200, 'application/rss+xml; charset=utf-8', fixture('rss2-news-alerts.xml')),
      );
      const sut = sourceFor('/rss');

      const [page] = await pages(sut);

      expect(sut.feedId).toBe('news');
      const [delays, billing, outage, javascriptLink, noId] = page.posts;
      expect(delays).toMatchObject({
        source: 'feed',
        externalId: 'news#alert-1001',
        url: 'https://news.example.com/2026/11/03/acme-delivery-delays',
        authorName: 'Dana Whitfield',
        authorHandle: 'Dana Whitfield',
        reach: null,
        language: 'en-us',
        text: 'Acme & Co. customers report week-long delivery delays\nDozens of customers say their Acme parcels are stuck – some since October.',
      });
      expect(delays.postedAt.toISOString()).toBe('2026-11-03T13:05:00.000Z');
      expect(billing).toMatchObject({
        externalId: 'https://forum.example.org/t/88412',
        url: `${server.url}/forum/t/88412`,
        authorName: 'Marco Rossi',
        text: 'Billed twice by Acme, still no refund\nI was charged twice for order #4471 & support keeps closing my ticket.',
      });
      expect(outage.externalId).toBe('https://status-watch.example.net/acme/2026-11-04');
      expect(outage.text).toBe('Acme app down again? Login fails with error 503 since this morning.');
      expect(javascriptLink.url).toBeNull();
      expect(noId.externalId).toMatch(/^news#sha1:[0-9a-f]{40}$/);
      expect(noId.text).toBe('Acme support hung up on me. Third time this week.');
      expect(page.invalid.map((i) => i.reason)).toEqual([
        'item 6 ("alert-1006") has no title, no content and no link',
      ]);
      expect(page.notModified).toBeUndefined();
    });

    it('RSS 1.0 (RDF)', async () => {
      server.route('/rdf', (_req, res) => send(res, 200, 'application/rdf+xml', fixture('rdf.xml')));

      const [page] = await pages(sourceFor('/rdf'));

      expect(page.posts).toHaveLength(1);
      expect(page.posts[0]).toMatchObject({
        externalId: 'https://consumer-board.example.org/c/5521',
        url: 'https://consumer-board.example.org/c/5521',
        authorName: 'Priya N.',
        language: 'en-gb',
        text: 'Acme sent the wrong kettle three times\nOrdered the steel kettle, received the plastic one. Again.\nThird replacement, same mistake.',
      });
      expect(page.posts[0].postedAt.toISOString()).toBe('2026-11-02T16:20:00.000Z');
    });

    it('Atom 1.0: html title, xhtml content, author, entry language', async () => {
      server.route('/atom', (_req, res) => send(res, 200, 'application/atom+xml', fixture('atom.xml')));

      const [page] = await pages(sourceFor('/atom'));

      const [jules, kai] = page.posts;
      expect(jules).toMatchObject({
        externalId: 'tag:social.example,2026:status/110233',
        url: `${server.url}/@jules/110233`,
        authorHandle: '@jules@social.example',
        authorName: '@jules@social.example',
        language: 'en',
        text: 'Acme support still ignoring me\nTen days, four emails, zero answers. #acme',
      });
      expect(jules.postedAt.toISOString()).toBe('2026-11-05T07:12:30.000Z');
      // A text title keeps its "<" as typed; the entry's xml:lang wins over the feed's.
      expect(kai).toMatchObject({
        language: 'de',
        text: 'Acme Lieferung <3 Tage\nSchnell & gut verpackt.',
        authorHandle: 'Kai Brandt',
      });
    });

    it('JSON Feed 1.1, with a non-object item and an empty item in invalid', async () => {
      server.route('/json', (_req, res) =>
        send(res, 200, 'application/feed+json', fixture('json-feed.json')),
      );

      const [page] = await pages(sourceFor('/json'));

      const [review, app] = page.posts;
      expect(review).toMatchObject({
        externalId: 'news#review-77',
        url: 'https://reviews.example.com/r/77',
        authorName: 'Lena Park',
        language: 'en-ca',
        text: 'One star for Acme\nPackage arrived crushed & nobody answers the phone.',
      });
      expect(review.postedAt.toISOString()).toBe('2026-11-06T13:00:00.000Z');
      expect(app).toMatchObject({
        externalId: 'https://reviews.example.com/r/78',
        language: 'en',
        text: "Acme's new app update is < great > honestly: it logs me out every hour.",
      });
      expect(page.invalid.map((i) => i.reason)).toEqual([
        'item 3 is not an object but 42',
        'item 4 has no title, no content and no link',
      ]);
    });

    it('ISO-8859-1 served without charset in Content-Type', async () => {
      server.route('/latin1', (_req, res) => send(res, 200, 'text/xml', fixture('iso-8859-1.xml')));

      const [page] = await pages(sourceFor('/latin1'));

      expect(page.posts[0].text).toMatch(
        /^Livraison en retard : les clients d'Acmé s'énervent\nColis bloqués/,
      );
    });
  });

  describe('conditional GET', () => {
    it('sends the stored validators and turns 304 into a notModified page', async () => {
      server.route('/feed', (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        send(res, 200, 'application/rss+xml', fixture('rdf.xml'), {
          etag: '"v1"',
          'last-modified': 'Mon, 02 Nov 2026 16:30:00 GMT',
        });
      });
      const sut = sourceFor('/feed');

      const [first] = await pages(sut, { cursor: 'kept', etag: null, lastModified: null });
      const [second] = await pages(sut, first.next);

      expect(first.next).toEqual({
        cursor: 'kept',
        etag: '"v1"',
        lastModified: 'Mon, 02 Nov 2026 16:30:00 GMT',
      });
      const [plain, conditional] = server.requestsTo('/feed');
      expect(plain.headers['if-none-match']).toBeUndefined();
      expect(plain.headers.accept).toContain('application/rss+xml');
      expect(conditional.headers['if-none-match']).toBe('"v1"');
      expect(conditional.headers['if-modified-since']).toBe('Mon, 02 Nov 2026 16:30:00 GMT');
      expect(second).toEqual({ posts: [], invalid: [], next: first.next, notModified: true });
    });
  });

  describe('documents refused', () => {
    it('billion laughs, quickly', async () => {
      server.route('/bomb', (_req, res) =>
        send(res, 200, 'application/rss+xml', fixture('billion-laughs.xml')),
      );
      const started = performance.now();

      const err = await failure(sourceFor('/bomb'));

      expect(err.kind).toBe('parse');
      expect(err.message).toContain('billion laughs');
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('XXE, without /etc/passwd ever showing up', async () => {
      server.route('/xxe', (_req, res) => send(res, 200, 'application/rss+xml', fixture('xxe.xml')));
      const passwdLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]; // e.g. "root:x:0:0:root:/root:/bin/bash"

      const err = await failure(sourceFor('/xxe'));

      expect(err.kind).toBe('parse');
      expect(err.message).toContain('XXE');
      expect(JSON.stringify({ message: err.message, stack: err.stack })).not.toContain(passwdLine);
    });

    it('an HTML login page', async () => {
      server.route('/login', (_req, res) =>
        send(res, 200, 'text/html; charset=utf-8', fixture('html-page.html')),
      );

      const err = await failure(sourceFor('/login'));

      expect(err.message).toBe(
        `${server.url}/login returned an HTML page, not a feed: check the feed address (it may be a home page, a login page or an error page)`,
      );
    });
  });

  describe('HTTP failures', () => {
    it.each([
      [500, 'http', /HTTP 500 Internal Server Error/],
      [404, 'http', /HTTP 404 Not Found/],
    ])('HTTP %i becomes a SourceError of kind %s', async (status, kind, message) => {
      server.route('/feed', (_req, res) => send(res, status, 'text/plain', 'nope'));

      const err = await failure(sourceFor('/feed'));

      expect(err.kind).toBe(kind);
      expect(err.message).toMatch(message);
    });

    it('429 with Retry-After gives rate-limited with the time to come back', async () => {
      server.route('/feed', (_req, res) =>
        send(res, 429, 'text/plain', 'slow down', { 'retry-after': '120' }),
      );
      const before = Date.now();

      const err = await failure(sourceFor('/feed'));

      expect(err.kind).toBe('rate-limited');
      expect(err.message).toContain('HTTP 429');
      expect(err.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 119_000);
      expect(err.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 121_000);
    });

    it('a server that never answers times out after ~2 s', async () => {
      server.route('/hang', () => undefined);
      const started = performance.now();

      const err = await failure(sourceFor('/hang'));

      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/no complete answer .* within 2000 ms/);
      expect(performance.now() - started).toBeLessThan(3500);
    });

    it('a body over the limit announced by Content-Length', async () => {
      server.route('/big', (_req, res) =>
        send(res, 200, 'application/rss+xml', Buffer.alloc(1_500_000, 0x20)),
      );

      const err = await failure(sourceFor('/big'));

      expect(err.kind).toBe('too-large');
      expect(err.message).toMatch(/larger than the 1000000-byte limit/);
    });

    it('a chunked body that grows over the limit without Content-Length', async () => {
      let written = 0;
      server.route('/stream', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }); // no length: chunked
        const timer = setInterval(() => {
          if (res.destroyed || written > 3_000_000) return void (clearInterval(timer), res.end());
          written += 64 * 1024;
          res.write(Buffer.alloc(64 * 1024, 0x20));
        }, 1);
      });

      const err = await failure(sourceFor('/stream'));

      expect(written).toBeLessThan(3_000_000); // the client stopped reading instead of taking it all
      expect(err.kind).toBe('too-large');
      expect(err.message).toContain('1000000-byte limit');
    });

    it('a redirect loop', async () => {
      server.route('/a', (_req, res) => void res.writeHead(302, { location: '/b' }).end());
      server.route('/b', (_req, res) => void res.writeHead(302, { location: '/a' }).end());

      const err = await failure(sourceFor('/a'));

      expect(err.kind).toBe('redirects');
      expect(err.message).toMatch(/too many redirects \(more than 3\)/);
      expect(server.requestsTo('/a').length + server.requestsTo('/b').length).toBe(4);
    });
  });
});
