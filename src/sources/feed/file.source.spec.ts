import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SourceError } from '../source.errors';
import type { FeedCursor, SourcePage } from '../source.types';
import { FileSource } from './file.source';

const REPO = path.join(__dirname, '../../..');
const START: FeedCursor = { cursor: null, etag: null, lastModified: null };
const fileFeed = (filePath: string) => ({
  id: 'sample',
  type: 'file' as const,
  path: filePath,
  enabled: true,
  maxPages: 5,
});

async function pages(sut: FileSource, since: FeedCursor = START): Promise<SourcePage[]> {
  const out: SourcePage[] = [];
  for await (const page of sut.fetchPages(since)) out.push(page);
  return out;
}

describe('FileSource', () => {
  it('reads the bundled demo sample with realistic Acme mentions', async () => {
    const sut = new FileSource(fileFeed('config/samples/acme-mentions.xml'), REPO);

    const result = await pages(sut);

    expect(result).toHaveLength(1);
    const [page] = result;
    expect(page.invalid).toEqual([]);
    expect(page.posts).toHaveLength(12);
    expect(new Set(page.posts.map((p) => p.externalId)).size).toBe(12);
    for (const post of page.posts) {
      expect(post.postedAt.toISOString()).toMatch(/^2026-11-/);
      expect(post.authorName).not.toBeNull();
      expect(post.url).toMatch(/^https:\/\//);
    }
    expect(page.posts[0]).toMatchObject({
      externalId: 'sample#sample-0001',
      authorHandle: '@sarah_k',
      language: 'en',
    });
    expect(page.posts.map((p) => p.text).join('\n')).toContain('acmeology');
    const french = page.posts.find((p) => p.language === 'fr');
    expect(french?.text).toContain('Acmé : troisième livraison ratée');
    const { mtime } = await stat(path.join(REPO, 'config/samples/acme-mentions.xml'));
    expect(page.next).toEqual({ cursor: null, etag: null, lastModified: mtime.toISOString() });
  });

  describe('with a file of our own', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'defuse-file-source-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    const rss = (title: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>${title}</title>` +
      `<guid isPermaLink="false">${title}</guid></item></channel></rss>`;

    it('skips an unchanged file and re-reads it once its mtime changes', async () => {
      const file = path.join(dir, 'feed.xml');
      await writeFile(file, rss('first'));
      await utimes(file, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'));
      const sut = new FileSource(fileFeed('feed.xml'), dir);

      const [first] = await pages(sut);
      const [unchanged] = await pages(sut, first.next);
      await writeFile(file, rss('second'));
      await utimes(file, new Date('2026-11-02T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
      const [changed] = await pages(sut, unchanged.next);

      expect(first.posts.map((p) => p.externalId)).toEqual(['sample#first']);
      expect(first.next.lastModified).toBe('2026-11-01T00:00:00.000Z');
      expect(unchanged).toEqual({ posts: [], invalid: [], next: first.next, notModified: true });
      expect(changed.posts.map((p) => p.externalId)).toEqual(['sample#second']);
      expect(changed.next.lastModified).toBe('2026-11-02T00:00:00.000Z');
    });

    it('reads a JSON Feed file', async () => {
      await writeFile(
        path.join(dir, 'feed.json'),
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          items: [{ id: 'j1', content_text: 'Acme!' }],
        }),
      );

      const [page] = await pages(new FileSource(fileFeed('feed.json'), dir));

      expect(page.posts.map((p) => [p.externalId, p.text])).toEqual([['sample#j1', 'Acme!']]);
    });

    it('drops relative links rather than turning them into file:// URLs', async () => {
      await writeFile(
        path.join(dir, 'feed.xml'),
        '<rss version="2.0"><channel><title>x</title><item><title>a</title><link>/p/1</link></item></channel></rss>',
      );

      const [page] = await pages(new FileSource(fileFeed('feed.xml'), dir));

      expect(page.posts[0].url).toBeNull();
    });

    it('reports a broken file as a parse error naming the file', async () => {
      await writeFile(
        path.join(dir, 'broken.xml'),
        '<rss version="2.0"><channel><title>x</titel></channel></rss>',
      );

      const err = await pages(new FileSource(fileFeed('broken.xml'), dir)).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).kind).toBe('parse');
      expect((err as SourceError).message).toContain(`${path.join(dir, 'broken.xml')}`);
    });

    it('refuses a file larger than the body size limit', async () => {
      await writeFile(path.join(dir, 'big.xml'), rss('x'.repeat(5000)));

      const err = await pages(new FileSource(fileFeed('big.xml'), dir, 1000)).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).kind).toBe('too-large');
      expect((err as SourceError).message).toMatch(/big\.xml is larger than the 1000-byte limit; refused$/);
    });
  });

  it('reports a missing file as a config error naming the resolved path', async () => {
    const sut = new FileSource(fileFeed('samples/nope.xml'), '/srv/defuse/config');

    const err = await pages(sut).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).kind).toBe('config');
    expect((err as SourceError).message).toBe(
      'feed file not found: /srv/defuse/config/samples/nope.xml (check "path" in the feed\'s config)',
    );
  });
});
