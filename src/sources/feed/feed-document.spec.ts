import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceError } from '../source.errors';
import { FeedDocumentOptions, parseFeedDocument } from './feed-document';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/feeds');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const fetchedAt = new Date('2026-11-20T12:00:00.000Z');
const opts = (over: Partial<FeedDocumentOptions> = {}): FeedDocumentOptions => ({
  contentType: null,
  feedId: 'alerts',
  documentUrl: 'https://alerts.example.com/feeds/acme.rss',
  fetchedAt,
  ...over,
});
const rss = (items: string, channelExtra = '') =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>T</title><link>https://e.example/</link>` +
      `<description>d</description>${channelExtra}${items}</channel></rss>\n`,
  );

/** Runs `fn`, expects a SourceError, returns it for further checks. */
function parseError(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SourceError);
    return err as SourceError;
  }
  throw new Error('expected a SourceError, but parsing succeeded');
}

describe('parseFeedDocument', () => {
  describe('character encodings', () => {
    it('decodes a Latin-1 document declared in its XML prolog', () => {
      const bytes = fixture('iso-8859-1.xml');
      expect(bytes.includes(Buffer.from('Acmé', 'utf8'))).toBe(false); // really Latin-1 on disk

      const { posts } = parseFeedDocument(bytes, opts());

      expect(posts[0].text).toContain("les clients d'Acmé s'énervent");
      expect(posts[0].text).toContain('« inacceptable », dit une cliente à Besançon');
      expect(posts[0].language).toBe('fr-fr');
    });

    it('prefers the Content-Type charset over the prolog', () => {
      const bytes = Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>' +
          '<item><title>Caf\u00e9 Acme</title><link>https://e.example/1</link></item></channel></rss>',
        'latin1',
      );

      const { posts } = parseFeedDocument(
        bytes,
        opts({ contentType: 'application/rss+xml; charset=ISO-8859-1' }),
      );

      expect(posts[0].text).toBe('Café Acme');
    });

    it('honours any encoding the prolog names, not just Latin-1', () => {
      const bytes = Buffer.concat([
        Buffer.from(
          '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>T</title><item><title>',
        ),
        Buffer.from([0xc0, 0xea, 0xec, 0xe5]), // "Акме" in windows-1251
        Buffer.from('</title><link>https://e.example/1</link></item></channel></rss>'),
      ]);

      const { posts } = parseFeedDocument(bytes, opts());

      expect(posts[0].text).toBe('Акме');
    });

    it('decodes UTF-16 announced by a byte-order mark', () => {
      const text = fixture('rss2-news-alerts.xml')
        .toString('utf8')
        .replace('encoding="UTF-8"', 'encoding="UTF-16"');
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

      const { posts } = parseFeedDocument(bytes, opts());

      expect(posts[0].text).toContain(
        'Dozens of customers say their Acme parcels are stuck – some since October.',
      );
    });

    it('names an unknown encoding in a clear error', () => {
      const bytes = Buffer.from('<?xml version="1.0" encoding="klingon-8"?><rss version="2.0"></rss>');

      const err = parseError(() => parseFeedDocument(bytes, opts()));

      expect(err.kind).toBe('parse');
      expect(err.message).toContain('"klingon-8"');
    });
  });

  describe('documents refused for safety or because they are not feeds', () => {
    it('refuses entity declarations ("billion laughs") quickly and without expanding them', () => {
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();

      const err = parseError(() => parseFeedDocument(fixture('billion-laughs.xml'), opts()));

      expect(performance.now() - started).toBeLessThan(200);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50_000_000);
      expect(err.kind).toBe('parse');
      expect(err.message).toMatch(/declares its own XML entities/);
      expect(err.message).not.toContain('lollol');
    });

    it('refuses external entities (XXE) so no local file is ever read', () => {
      const err = parseError(() => parseFeedDocument(fixture('xxe.xml'), opts()));

      expect(err.message).toMatch(/XXE/);
      expect(err.message).not.toMatch(/root:|nologin|\/bin\/(ba)?sh/);
    });

    it('is not fooled by a "]>" hidden in a quoted value before the entity declaration', () => {
      const doc = Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ATTLIST rss v CDATA "]>"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
          '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>',
      );

      const err = parseError(() => parseFeedDocument(doc, opts()));

      expect(err.message).toMatch(/declares its own XML entities/);
    });

    it('accepts a plain DOCTYPE without internal subset (RSS 0.91) and an unescaped "&"', () => {
      const { posts } = parseFeedDocument(fixture('unescaped-amp.xml'), opts());

      expect(posts).toHaveLength(1);
      expect(posts[0].text).toBe(
        'Acme & Sons close the harbour shop\nLocals say the Acme & Sons closure came without warning.',
      );
      expect(posts[0].language).toBe('en');
    });

    it('refuses an HTML page served instead of a feed', () => {
      const err = parseError(() => parseFeedDocument(fixture('html-page.html'), opts()));

      expect(err.message).toContain('returned an HTML page, not a feed');
      expect(err.message).toContain('https://alerts.example.com/feeds/acme.rss');
    });

    it('reports malformed XML with its line and column', () => {
      const err = parseError(() => parseFeedDocument(fixture('malformed.xml'), opts()));

      expect(err.kind).toBe('parse');
      expect(err.message).toMatch(/not valid XML: at line 8, column \d+: .*'titel'/);
    });

    it('reports a document cut off in the middle of a tag as truncated', () => {
      const err = parseError(() => parseFeedDocument(fixture('truncated.xml'), opts()));

      expect(err.message).toMatch(/is truncated: it stops at line \d+ before the closing <\/rss> tag/);
    });

    it('reports a document cut off between two items as truncated rather than storing a partial page', () => {
      const full = fixture('rss2-news-alerts.xml').toString('utf8');
      const cut = full.slice(0, full.indexOf('</item>') + '</item>'.length);

      const err = parseError(() => parseFeedDocument(Buffer.from(cut), opts()));

      expect(err.message).toContain('truncated');
    });

    it('gives a clear error for 100,000 levels of nesting instead of crashing', () => {
      const depth = 100_000;
      const doc = rss(`<item><title>a</title>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</item>`);
      const started = performance.now();

      const err = parseError(() => parseFeedDocument(doc, opts()));

      expect(err.message).toMatch(/nested 100\d{3} levels deep/);
      expect(performance.now() - started).toBeLessThan(3000);
    });

    it('keeps deeply nested HTML inside a description cheap (tags stripped without the parser stack)', () => {
      const depth = 100_000;
      const doc = rss(
        `<item><title>Acme</title><description>${'&lt;b&gt;'.repeat(depth)}late parcel${'&lt;/i&gt;'.repeat(depth)}</description></item>`,
      );
      const started = performance.now();

      const { posts } = parseFeedDocument(doc, opts());

      expect(performance.now() - started).toBeLessThan(2000);
      expect(posts[0].text).toBe('Acme\nlate parcel');
    });

    it.each([
      ['an empty body', '', /is empty/],
      ['plain text', 'Service Unavailable', /not a feed .*starts with "Service Unavailable"/],
      [
        'XML that is not a feed',
        '<?xml version="1.0"?><config><a>1</a></config>',
        /main element is <config>/,
      ],
      [
        'elements never closed',
        '<rss version="2.0"><channel><title>x</title><![CDATA[</rss>',
        /never closed: <rss>/,
      ],
    ])('explains %s', (_name, body, message) => {
      const err = parseError(() => parseFeedDocument(Buffer.from(body), opts()));

      expect(err.kind).toBe('parse');
      expect(err.message).toMatch(message);
    });
  });

  describe('JSON Feed validation', () => {
    it.each([
      ['not JSON at all', '{"version": "https://jsonfeed.org/version/1.1", items: []}', /not valid JSON/],
      ['a list', '[1, 2]', /not a JSON Feed: expected an object/],
      [
        'a wrong version',
        '{"version": "1.1", "items": []}',
        /"version" should start with https:\/\/jsonfeed.org/,
      ],
      [
        'items not a list',
        '{"version": "https://jsonfeed.org/version/1.1", "items": {}}',
        /"items" should be a list/,
      ],
    ])('refuses %s with a clear message', (_name, body, message) => {
      const err = parseError(() =>
        parseFeedDocument(Buffer.from(body), opts({ contentType: 'application/json' })),
      );

      expect(err.kind).toBe('parse');
      expect(err.message).toMatch(message);
    });

    it('keeps only JSON Feed fields in raw, so a deeply nested extension cannot break storage', () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const body = `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"9","title":"Acme","_x":${deep}}]}`;

      const { posts } = parseFeedDocument(Buffer.from(body), opts());

      expect(posts[0].externalId).toBe('alerts#9');
      expect(() => JSON.stringify(posts[0].raw)).not.toThrow();
    });
  });

  describe('items', () => {
    it('derives the same id for an item without guid or link on every parse', () => {
      const doc = rss(
        '<item><description>Acme lost my parcel</description><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>',
      );

      const first = parseFeedDocument(doc, opts()).posts[0];
      const second = parseFeedDocument(Buffer.from(doc), opts({ fetchedAt: new Date() })).posts[0];

      expect(first.externalId).toMatch(/^alerts#sha1:[0-9a-f]{40}$/);
      expect(second.externalId).toBe(first.externalId);
    });

    it('returns both copies of an item repeated in one page (dedupe is the pipeline job)', () => {
      const item = '<item><guid>https://e.example/p/1</guid><title>Acme again</title></item>';

      const { posts } = parseFeedDocument(rss(item + item), opts());

      expect(posts.map((p) => p.externalId)).toEqual(['https://e.example/p/1', 'https://e.example/p/1']);
      expect(posts[0].url).toBe('https://e.example/p/1'); // a permalink guid stands in for the link
    });

    it('puts an item with nothing usable in invalid and keeps the others', () => {
      const { posts, invalid } = parseFeedDocument(
        rss(
          '<item><guid isPermaLink="false">g-1</guid><category>x</category></item><item><title>ok</title></item>',
        ),
        opts(),
      );

      expect(posts.map((p) => p.text)).toEqual(['ok']);
      expect(invalid).toEqual([
        { reason: 'item 1 ("g-1") has no title, no content and no link', raw: expect.anything() },
      ]);
    });

    it('reads a date without time zone as UTC and falls back to fetchedAt for a missing date', () => {
      const { posts } = parseFeedDocument(
        rss(
          '<item><title>a</title><pubDate>2026-11-02 10:00:00</pubDate></item>' +
            '<item><title>b</title><pubDate>Mon, 02 Nov 2026 11:30:00</pubDate></item><item><title>c</title></item>',
        ),
        opts(),
      );

      expect(posts.map((p) => p.postedAt.toISOString())).toEqual([
        '2026-11-02T10:00:00.000Z',
        '2026-11-02T11:30:00.000Z',
        fetchedAt.toISOString(),
      ]);
    });

    it('does not repeat a title that the body already starts with, even when cut with an ellipsis', () => {
      const { posts } = parseFeedDocument(
        rss(
          '<item><title>Acme lost my parcel and…</title><description>Acme lost my parcel and now blames me.</description></item>',
        ),
        opts(),
      );

      expect(posts[0].text).toBe('Acme lost my parcel and now blames me.');
    });
  });
});
