import { INestApplication } from '@nestjs/common';
import { PollService } from '../src/ingest/poll.service';
import { apiAs } from './support/auth';
import { LoopbackServer, send } from './support/loopback-server';
import { startApp, tempDbPath, testConfig } from './support/test-app';

/** A Mastodon status with no declared language (the detector decides). */
function status(id: number, author: string, text: string) {
  return {
    id: String(id),
    created_at: new Date(Date.now() - 60_000).toISOString(),
    uri: `https://social.example/users/${author}/statuses/${id}`,
    url: `https://social.example/@${author}/${id}`,
    visibility: 'public',
    language: null,
    spoiler_text: '',
    content: `<p>${text}</p>`,
    reblog: null,
    account: { id: author, username: author, acct: author, display_name: author, followers_count: 50 },
    tags: [],
  };
}

/**
 * Posts in other languages through the real app: a French complaint is flagged for a brand that reads
 * French; a German one, or a French one for an English-only brand, opens a case tagged "language not
 * analysed" instead of passing as calm.
 */
describe('languages (e2e)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  let app: INestApplication;
  const statuses = [
    status(1, 'amelie', "Troisième livraison ratée ! c'est inadmissible #acme"),
    status(2, 'jonas', 'Meine Bestellung von Acme ist immer noch nicht angekommen'),
    status(3, 'pat', 'Shout-out to Acme for the quick replacement, that is how it is done'),
    status(4, 'lucie', 'Globex a encore perdu mon colis, je suis vraiment déçue'),
  ];

  beforeAll(async () => {
    server.route('/api/v1/timelines/tag/all', (_req, res) =>
      send(res, 200, 'application/json', JSON.stringify(statuses)),
    );
    await server.start();
    app = await startApp(
      testConfig({
        database: { path: db.path },
        brands: [
          {
            id: 'acme',
            name: 'Acme',
            query: { any: ['acme'], hashtags: ['#acme'], languages: ['en', 'fr'] },
          },
          { id: 'globex', name: 'Globex', query: { any: ['globex'] } },
        ],
        feeds: [{ id: 'masto', type: 'mastodon', instance: server.url, mode: 'tag', tag: 'all' }],
      }),
    );
    const summary = await app.get(PollService).pollFeed('masto');
    if (summary.error) throw new Error(`poll failed: ${summary.error}`);
  });

  afterAll(async () => {
    await app.close();
    await server.stop();
    db.cleanup();
  });

  it('opens a case for each complaint or unread language, and none for the English praise', async () => {
    const http = await apiAs(app, 'viewer');
    const { body } = await http.get('/api/cases?status=all').expect(200);
    const byAuthor = new Map(
      (body.items as { author: { handle: string }; tags: string[]; brand: string; category: string }[]).map(
        (c) => [c.author.handle.replace(/^@([^@]+)@.*$/, '$1'), c],
      ),
    );
    expect([...byAuthor.keys()].sort()).toEqual(['amelie', 'jonas', 'lucie']);
    // French, read by the rules for a brand with languages [en, fr]: a delivery complaint.
    expect(byAuthor.get('amelie')).toMatchObject({ brand: 'acme', tags: [], category: 'delivery' });
    // German: nobody reads it, so a person must.
    expect(byAuthor.get('jonas')).toMatchObject({ brand: 'acme', tags: ['language not analysed'] });
    // French for a brand with no languages configured (English only).
    expect(byAuthor.get('lucie')).toMatchObject({ brand: 'globex', tags: ['language not analysed'] });
  });

  it('tags a case when a post nobody can read joins its thread, once', async () => {
    // Amélie's French complaint opened a case read by the rules; her next posts are in German.
    statuses.push(status(5, 'amelie', 'Acme, die dritte Lieferung ist schon wieder nicht angekommen'));
    statuses.push(status(6, 'amelie', 'Acme, ich warte immer noch auf eine Antwort von euch'));
    const summary = await app.get(PollService).pollFeed('masto');
    if (summary.error) throw new Error(`poll failed: ${summary.error}`);
    const http = await apiAs(app, 'viewer');
    const { body } = await http.get('/api/cases?status=all').expect(200);
    const amelie = (body.items as { id: number; author: { handle: string }; tags: string[] }[]).filter((c) =>
      c.author.handle.includes('amelie'),
    );
    expect(amelie).toHaveLength(1);
    expect(amelie[0].tags).toEqual(['language not analysed']);
    const detail = await http.get(`/api/cases/${amelie[0].id}`).expect(200);
    const kinds = (detail.body.history as { kind: string }[]).map((h) => h.kind);
    expect(kinds.filter((k) => k === 'tags')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'thread')).toHaveLength(2);
  });
});
