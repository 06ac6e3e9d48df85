import { INestApplication } from '@nestjs/common';
import { PollService } from '../src/ingest/poll.service';
import { apiAs } from './support/auth';
import { LoopbackServer, serveMastodonTag } from './support/loopback-server';
import { watchedSince } from './support/posts';
import { ACME, startApp, tempDbPath, testConfig } from './support/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface CaseRow {
  id: number;
  priority: number;
  firstLine: string;
  sla: { state: string; remainingMs: number; breachedAt: string | null };
}

/** A Mastodon status as /api/v1/timelines/tag returns it (the fields the adapter reads). */
function status(id: number, author: string, text: string, agoMs: number) {
  return {
    id: String(id),
    created_at: new Date(Date.now() - agoMs).toISOString(),
    uri: `https://social.example/users/${author}/statuses/${id}`,
    url: `https://social.example/@${author}/${id}`,
    visibility: 'public',
    language: 'en',
    spoiler_text: '',
    content: `<p>${text} #acme</p>`,
    reblog: null,
    account: { id: author, username: author, acct: author, display_name: author, followers_count: 80 },
    tags: [{ name: 'acme', url: 'https://social.example/tags/acme' }],
  };
}

/**
 * The SLA clock starts when Defuse could first have seen a post: the later of the post's time and the
 * first poll of its feed. A new feed's history is not a wall of breaches, and risk outranks old backlog.
 */
describe('SLA clock from the first poll (e2e)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  const statuses: ReturnType<typeof status>[] = [];
  let app: INestApplication;
  let http: Awaited<ReturnType<typeof apiAs>>;

  const poll = async () => expect((await app.get(PollService).pollFeed('masto')).error).toBeUndefined();
  const cases = async (): Promise<CaseRow[]> => (await http.get('/api/cases').expect(200)).body.items;
  const caseSaying = async (words: string) => {
    const found = (await cases()).filter((c) => c.firstLine.includes(words));
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    serveMastodonTag(server, 'acme', statuses);
    await server.start();
    app = await startApp(
      testConfig({
        database: { path: db.path },
        brands: [ACME],
        feeds: [{ id: 'masto', type: 'mastodon', instance: server.url, mode: 'tag', tag: 'acme' }],
        triage: { sla: { firstResponse: '60m' } },
      }),
    );
    http = await apiAs(app, 'agent', 'jo@acme.example');
  });

  afterAll(async () => {
    await app.close();
    await server.stop();
    db.cleanup();
  });

  it("starts every clock of a feed's first import at that poll: nothing arrives overdue", async () => {
    statuses.push(
      status(
        1,
        'old',
        'Acme lost my parcel three weeks ago and nobody has replied, this is a disgrace',
        21 * DAY,
      ),
      status(
        2,
        'recent',
        'Acme charged me twice for one order and support is useless, I want my money back',
        15 * MINUTE,
      ),
    );
    await poll();
    for (const words of ['lost my parcel three weeks ago', 'charged me twice']) {
      const c = await caseSaying(words);
      expect(c.sla).toMatchObject({ state: 'running', breachedAt: null });
      // Both clocks started at the poll a moment ago: close to the whole hour left.
      expect(c.sla.remainingMs).toBeGreaterThan(58 * MINUTE);
      expect(c.sla.remainingMs).toBeLessThanOrEqual(60 * MINUTE);
    }
    expect((await http.get('/api/cases?overdue=true').expect(200)).body.items).toHaveLength(0);
    // The explanation shows the real wait: none yet, so no waiting points, not "3 weeks past the target".
    const detail = (await http.get(`/api/cases/${(await caseSaying('three weeks ago')).id}`).expect(200))
      .body;
    const waiting = detail.priority.factors.find((f: { factor: string }) => f.factor === 'waiting');
    expect(waiting).toBeUndefined();
  });

  it("starts a later post's clock at its own time once the feed has been watched", async () => {
    // The first poll was two hours ago; a post from 15 minutes ago has about 45 minutes left.
    await watchedSince(app, { id: 'masto', type: 'mastodon' }, new Date(Date.now() - 2 * HOUR));
    statuses.push(
      status(
        3,
        'later',
        'Acme my order arrived broken and the replacement never came, really fed up',
        15 * MINUTE,
      ),
    );
    await poll();
    const c = await caseSaying('arrived broken');
    expect(c.sla.remainingMs).toBeGreaterThan(43 * MINUTE);
    expect(c.sla.remainingMs).toBeLessThan(46 * MINUTE);
    const detail = (await http.get(`/api/cases/${c.id}`).expect(200)).body;
    const waiting = detail.priority.factors.find((f: { factor: string }) => f.factor === 'waiting');
    expect(waiting.why).toMatch(/^waited 1[45] min of a 1 h first-response target$/);
  });

  it('puts a fresh safety and legal case above old backlog', async () => {
    // Overdue backlog: clocks that started well before now.
    await watchedSince(app, { id: 'masto', type: 'mastodon' }, new Date(Date.now() - 30 * DAY));
    statuses.push(
      status(4, 'backlog', 'Acme my refund still has not arrived after a month, terrible service', 20 * DAY),
      status(
        5,
        'kettle',
        'My Acme kettle exploded this morning and burned my hand. My lawyer will hear about it.',
        2 * MINUTE,
      ),
    );
    await poll();
    const ranked = await cases();
    const kettle = ranked.findIndex((c) => c.firstLine.includes('kettle exploded'));
    const backlog = ranked.findIndex((c) => c.firstLine.includes('refund still has not arrived'));
    expect(kettle).toBe(0);
    expect(backlog).toBeGreaterThan(kettle);
    expect(ranked[backlog].sla.state).toBe('overdue');
  });
});
