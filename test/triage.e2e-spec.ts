import { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { PollService } from '../src/ingest/poll.service';
import { TriageClock } from '../src/triage/triage-clock';
import { TriageEvent, TriageEvents } from '../src/triage/triage.events';
import { apiAs } from './support/auth';
import { LoopbackServer, serveMastodonTag } from './support/loopback-server';
import { watchedSince } from './support/posts';
import { ACME, startApp, tempDbPath, testConfig } from './support/test-app';
import { sql } from './support/sql';

const HOUR = 3_600_000;
/** The signed-in agent: every action is recorded under this email. */
const JO = 'jo@acme.example';
const DAY = 24 * HOUR;

interface Post {
  id: number;
  author: string;
  text: string;
  /** Hours before now. */
  ago: number;
  followers?: number;
}

/** A Mastodon status as /api/v1/timelines/tag returns it. */
function status(p: Post) {
  return {
    id: String(p.id),
    created_at: new Date(Date.now() - p.ago * HOUR).toISOString(),
    uri: `https://social.example/users/${p.author}/statuses/${p.id}`,
    url: `https://social.example/@${p.author}/${p.id}`,
    visibility: 'public',
    language: 'en',
    spoiler_text: '',
    content: `<p>${p.text} <a href="https://social.example/tags/acme" class="mention hashtag" rel="tag">#<span>acme</span></a></p>`,
    reblog: null,
    account: {
      id: p.author,
      username: p.author,
      acct: p.author,
      display_name: p.author.toUpperCase(),
      followers_count: p.followers ?? 120,
    },
    tags: [{ name: 'acme', url: 'https://social.example/tags/acme' }],
  };
}

/**
 * The triage queue through HTTP on the real app: posts come in through the real Mastodon adapter from
 * a loopback server, the real classifier flags them, cases live in a real SQLite file. The tests run in
 * order and build on each other's cases, like a day on the queue.
 */
describe('triage queue (e2e)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  const statuses: ReturnType<typeof status>[] = [];
  const events: TriageEvent[] = [];
  let app: INestApplication;
  let http: Awaited<ReturnType<typeof apiAs>>;
  let nextId = 1000;

  async function post(...posts: Omit<Post, 'id'>[]): Promise<void> {
    for (const p of posts) statuses.push(status({ ...p, id: nextId++ }));
    const summary = await app.get(PollService).pollFeed('masto');
    expect(summary.error).toBeUndefined();
  }

  async function caseOf(author: string, query = 'status=all') {
    const { body } = await http.get(`/api/cases?${query}&q=${author}`).expect(200);
    // The adapter writes handles as "@ann@<instance host>".
    const found = (body.items as { id: number; author: { handle: string } }[]).filter((c) =>
      new RegExp(`^@${author}@`).test(c.author.handle),
    );
    return found;
  }

  async function onlyCaseOf(author: string) {
    const found = await caseOf(author);
    expect(found).toHaveLength(1);
    return (await http.get(`/api/cases/${found[0].id}`).expect(200)).body;
  }

  beforeAll(async () => {
    serveMastodonTag(server, 'acme', statuses);
    await server.start();
    app = await startApp(
      testConfig({
        database: { path: db.path },
        brands: [
          {
            ...ACME,
            replies: { dmHandle: '@AcmeHelp', responseTime: '24 hours', remedies: { refund: true } },
            timeZone: 'Europe/London',
          },
        ],
        feeds: [{ id: 'masto', type: 'mastodon', instance: server.url, mode: 'tag', tag: 'acme' }],
        triage: {
          threadWindow: '72h',
          followUpAfter: '3d',
          sla: { firstResponse: '60m' },
          escalation: [
            {
              name: 'legal',
              when: { cues: ['legal'] },
              team: 'legal',
              reason: 'Legal threat: legal reviews before any reply',
            },
            {
              name: 'big-reach',
              when: { minReach: 10000 },
              owner: 'lead',
              reason: 'Large audience: the social lead answers',
            },
          ],
          people: [{ id: 'jo', name: 'Jo Smith', initials: 'JS', team: 'care' }],
        },
      }),
    );
    http = await apiAs(app, 'agent', JO);
    app.get(TriageEvents).stream.subscribe((e) => events.push(e));
    // The feed has been watched for a week: a post's SLA clock starts at its own time. (A first import
    // starting every clock at the first poll is tested in sla-first-poll.e2e-spec.ts.)
    await watchedSince(app, { id: 'masto', type: 'mastodon' }, new Date(Date.now() - 7 * DAY));
  });

  afterAll(async () => {
    await app.close();
    await server.stop();
    db.cleanup();
  });

  it('opens a case for a flagged post, none for a calm one, and announces it', async () => {
    await post(
      {
        author: 'ann',
        text: 'Acme lost my parcel AGAIN. Third time this month, absolutely furious, worst delivery ever!',
        ago: 0.25,
      },
      { author: 'bob', text: 'Loving my new Acme kettle, makes great tea', ago: 0.2 },
    );
    const { body } = await http.get('/api/cases').expect(200);
    expect(body.items).toHaveLength(1);
    const c = body.items[0];
    expect(c).toMatchObject({
      brand: 'acme',
      source: 'mastodon',
      status: 'new',
      category: 'delivery',
      intensity: 'high',
      owner: null,
      mentionCount: 1,
      repeatComplaint: false,
      author: { reach: 120 },
      sla: { state: 'running', breachedAt: null, hours: 'around the clock' },
    });
    expect(c.author.handle).toMatch(/ann/);
    expect(c.firstLine).toContain('Acme lost my parcel AGAIN');
    expect(c.priority).toBeGreaterThan(30);
    // Posted 15 minutes ago against a 60-minute target: about 45 minutes left.
    expect(c.sla.remainingMs).toBeGreaterThan(40 * 60_000);
    expect(c.sla.remainingMs).toBeLessThan(46 * 60_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'case.opened', caseId: c.id, brandId: 'acme' }),
    );
  });

  it('threads further angry posts of the same author; another author gets a case of their own', async () => {
    await post(
      { author: 'ann', text: 'Still no parcel from Acme and nobody answers. This is a disgrace.', ago: 0.1 },
      {
        author: 'carl',
        text: 'Acme charged me twice for the same order and support is useless, I want my money back now',
        ago: 0.1,
      },
    );
    const ann = await onlyCaseOf('ann');
    expect(ann.mentionCount).toBe(2);
    expect(ann.thread.map((m: { text: string }) => m.text)).toEqual([
      expect.stringContaining('lost my parcel AGAIN'),
      expect.stringContaining('Still no parcel'),
    ]);
    expect(ann.history.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'thread']);
    expect(await caseOf('carl')).toHaveLength(1);
    // Two posts of a new author in one poll: the second joins the case the first opened.
    await post(
      {
        author: 'hal',
        text: 'Acme cancelled my flight and kept the money. Furious, worst airline ever!',
        ago: 0.05,
      },
      { author: 'hal', text: 'Still no refund from Acme, nobody answers. Disgraceful.', ago: 0.04 },
    );
    const hal = await onlyCaseOf('hal');
    expect(hal.mentionCount).toBe(2);
    expect(hal.thread).toHaveLength(2);
    expect(hal.history.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'thread']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'case.changed', caseId: ann.id, change: 'thread' }),
    );
  });

  it('explains the priority and offers at least three playbook drafts that fit the platform', async () => {
    const ann = await onlyCaseOf('ann');
    expect(ann.priority.value).toBeGreaterThan(0);
    const factors = ann.priority.factors.map((f: { factor: string }) => f.factor);
    expect(factors).toEqual(expect.arrayContaining(['anger', 'intensity', 'reach', 'waiting']));
    expect(ann.priority.factors.find((f: { factor: string }) => f.factor === 'anger').why).toMatch(
      /anger score (0\.9\d|1\.00)/,
    );
    expect(ann.drafts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ann.drafts.map((d: { approach: string }) => d.approach)).size).toBe(ann.drafts.length);
    for (const d of ann.drafts) {
      expect(d.platform).toBe('mastodon');
      expect(d.chars).toBeLessThanOrEqual(d.limit);
      expect(d.limit).toBe(500);
      expect(d.text).not.toMatch(/calm down|relax/i);
      expect(d.text).toMatch(/sorry|apolog/i);
    }
    expect(ann.drafts.some((d: { text: string }) => d.text.includes('@AcmeHelp'))).toBe(true);
    // Deterministic for the same case.
    const again = (await http.get(`/api/cases/${ann.id}`).expect(200)).body;
    expect(again.drafts).toEqual(ann.drafts);
  });

  it('refuses illegal moves with 409 naming the allowed ones, and keeps every change in the history', async () => {
    const ann = await onlyCaseOf('ann');
    const refused = await http.post(`/api/cases/${ann.id}/status`).send({ status: 'resolved' }).expect(409);
    expect(refused.body.message).toBe(
      'a case cannot go from new to resolved; from new it can go to in_progress, replied, dismissed',
    );
    expect(refused.body.allowed).toEqual(['in_progress', 'replied', 'dismissed']);
    const asReplied = await http.post(`/api/cases/${ann.id}/status`).send({ status: 'replied' }).expect(409);
    expect(asReplied.body.message).toContain(`POST /api/cases/${ann.id}/reply`);

    const moved = await http
      .post(`/api/cases/${ann.id}/status`)
      .send({ status: 'in_progress', note: 'looking into it' })
      .expect(200);
    expect(moved.body.status).toBe('in_progress');
    expect(moved.body.history.at(-1)).toMatchObject({
      actor: JO,
      kind: 'status',
      from: 'new',
      to: 'in_progress',
      note: 'looking into it',
    });
    expect(Date.parse(moved.body.history.at(-1).at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('assigns an owner (drafts then carry their initials), takes notes and tags', async () => {
    const ann = await onlyCaseOf('ann');
    const assigned = await http
      .post(`/api/cases/${ann.id}/assign`)
      .send({ owner: 'jo', team: 'care' })
      .expect(200);
    expect(assigned.body).toMatchObject({ owner: 'jo', team: 'care' });
    for (const d of assigned.body.drafts) expect(d.text).toMatch(/JS$/);
    await http.post(`/api/cases/${ann.id}/notes`).send({ text: 'Courier confirms it is lost' }).expect(200);
    await http
      .post(`/api/cases/${ann.id}/tags`)
      .send({ add: ['Lost-Parcel', 'courier'] })
      .expect(200);
    const tagged = await http
      .post(`/api/cases/${ann.id}/tags`)
      .send({ remove: ['courier'] })
      .expect(200);
    expect(tagged.body.tags).toEqual(['lost-parcel']);
    expect(tagged.body.notes).toEqual([
      expect.objectContaining({ by: JO, text: 'Courier confirms it is lost' }),
    ]);
    expect(
      (await http.get('/api/cases?owner=jo').expect(200)).body.items.map((c: { id: number }) => c.id),
    ).toEqual([ann.id]);
    expect(
      (await http.get('/api/cases?owner=none').expect(200)).body.items.map((c: { id: number }) => c.id),
    ).not.toContain(ann.id);
  });

  it('turns the promises of the sent reply into due dates and will not resolve while one is pending', async () => {
    const ann = await onlyCaseOf('ann');
    const sentAt = new Date(Date.now() - 60_000);
    const replied = await http
      .post(`/api/cases/${ann.id}/reply`)
      .send({
        text: "We're so sorry, Ann. We'll have an answer on your parcel within 24 hours; please DM @AcmeHelp.",
        sentAt: sentAt.toISOString(),
      })
      .expect(200);
    expect(replied.body.status).toBe('replied');
    expect(replied.body.sla.state).toBe('met');
    const [promise, checkIn] = replied.body.followUps;
    expect(promise).toMatchObject({ kind: 'promise', phrase: 'within 24 hours', status: 'pending' });
    expect(Date.parse(promise.dueAt)).toBe(sentAt.getTime() + DAY);
    expect(checkIn).toMatchObject({ kind: 'check_in', status: 'pending' });
    expect(Date.parse(checkIn.dueAt)).toBe(sentAt.getTime() + 3 * DAY);

    await http.post(`/api/cases/${ann.id}/status`).send({ status: 'awaiting_follow_up' }).expect(200);
    const blocked = await http.post(`/api/cases/${ann.id}/status`).send({ status: 'resolved' }).expect(409);
    expect(blocked.body.message).toBe(
      `case ${ann.id} has 2 pending follow-ups: mark them done or waive with a reason first`,
    );
    expect(blocked.body.pendingFollowUps).toHaveLength(2);

    await http
      .post(`/api/cases/${ann.id}/follow-ups/${promise.id}/done`)
      .send({ note: 'answered by DM' })
      .expect(200);
    await http.post(`/api/cases/${ann.id}/follow-ups/${promise.id}/done`).send({}).expect(409);
    const noReason = await http
      .post(`/api/cases/${ann.id}/follow-ups/${checkIn.id}/waive`)
      .send({})
      .expect(400);
    expect(noReason.body.message).toContain('reason must be a string');
    await http.post(`/api/cases/${ann.id}/follow-ups/999999/waive`).send({ reason: 'x' }).expect(404);
    await http
      .post(`/api/cases/${ann.id}/follow-ups/${checkIn.id}/waive`)
      .send({ reason: 'customer confirmed delivery' })
      .expect(200);
    const resolved = await http.post(`/api/cases/${ann.id}/status`).send({ status: 'resolved' }).expect(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.history.map((h: { kind: string }) => h.kind)).toEqual([
      'opened',
      'thread',
      'status',
      'assigned',
      'note',
      'tags',
      'tags',
      'replied',
      'status',
      'follow_up_done',
      'follow_up_waived',
      'status',
    ]);
    expect(
      (await http.get('/api/cases').expect(200)).body.items.map((c: { id: number }) => c.id),
    ).not.toContain(ann.id);
  });

  it('reopens a resolved case when the author posts again', async () => {
    const before = await onlyCaseOf('ann');
    await post({
      author: 'ann',
      text: 'Acme, the replacement parcel is lost too. Unbelievable, worst service ever!',
      ago: 0,
    });
    const after = await onlyCaseOf('ann');
    expect(after.id).toBe(before.id);
    expect(after.status).toBe('new');
    expect(after.sla.state).toBe('running');
    expect(after.history.at(-1)).toMatchObject({
      kind: 'reopened',
      from: 'resolved',
      to: 'new',
      actor: 'defuse',
    });
  });

  it('records compensation for the bookkeeping and refuses bad amounts with the field named', async () => {
    const ann = await onlyCaseOf('ann');
    const given = await http
      .post(`/api/cases/${ann.id}/compensation`)
      .send({ kind: 'refund', amount: 25.5, currency: 'eur', note: 'parcel value' })
      .expect(200);
    expect(given.body.compensation).toEqual([
      expect.objectContaining({
        kind: 'refund',
        amount: 25.5,
        currency: 'EUR',
        givenBy: JO,
        note: 'parcel value',
      }),
    ]);
    const bad = [
      [{ kind: 'refund', amount: 'lots', currency: 'EUR' }, 'amount must be a number'],
      [
        { kind: 'hug', amount: 1, currency: 'EUR' },
        'kind must be one of refund, credit, replacement, discount, gift, other',
      ],
      [{ kind: 'refund', amount: 1, currency: 'XYZ' }, 'currency "XYZ" is not an ISO 4217 code'],
      [
        { kind: 'refund', amount: 12.5, currency: 'JPY' },
        'amount: JPY amounts have at most 0 decimal places',
      ],
      [{ kind: 'refund', amount: 1, currency: 'EUR', sneaky: true }, 'property sneaky should not exist'],
    ] as const;
    for (const [body, message] of bad) {
      const res = await http.post(`/api/cases/${ann.id}/compensation`).send(body).expect(400);
      expect(res.body.message).toContain(message);
    }
    expect((await http.get(`/api/cases/${ann.id}`).expect(200)).body.compensation).toHaveLength(1);
  });

  it('dismisses "not a complaint" and records the correction for the classifier', async () => {
    const [carl] = await caseOf('carl');
    const dismissed = await http
      .post(`/api/cases/${carl.id}/status`)
      .send({ status: 'dismissed', note: 'a joke between friends' })
      .expect(200);
    expect(dismissed.body.status).toBe('dismissed');
    const corrections = await sql(
      app.get(DataSource),
      'SELECT angry, note, created_by FROM classification_correction WHERE mention_id = ?',
      [dismissed.body.thread[0].mentionId],
    );
    expect(corrections).toEqual([{ angry: 0, note: 'a joke between friends', created_by: JO }]);
    const mentions = (await http.get('/api/mentions?angry=false').expect(200)).body.items;
    expect(mentions.map((m: { id: number }) => m.id)).toContain(dismissed.body.thread[0].mentionId);
  });

  it('never threads a new angry post into a dismissed case: it gets its own look', async () => {
    await post({
      author: 'carl',
      text: 'Acme billed me again for an order I cancelled. Ridiculous, I want a refund today!',
      ago: 0,
    });
    const carl = await caseOf('carl');
    expect(carl.map((c) => (c as unknown as { status: string }).status).sort()).toEqual(['dismissed', 'new']);
  });

  it('routes by the escalation rules and records why', async () => {
    await post({
      author: 'dana',
      text: "Acme's heater caught fire in my kitchen. I'm contacting my lawyer and will sue Acme.",
      ago: 0,
      followers: 50_000,
    });
    const dana = await onlyCaseOf('dana');
    expect(dana).toMatchObject({ team: 'legal', owner: 'lead', escalated: true });
    expect(dana.escalations).toEqual([
      { rule: 'legal', team: 'legal', owner: null, reason: 'Legal threat: legal reviews before any reply' },
      { rule: 'big-reach', team: null, owner: 'lead', reason: 'Large audience: the social lead answers' },
    ]);
    expect(dana.history.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'escalated']);
    // Held for review: legal outranks the large audience.
    expect(dana.review).toEqual({
      by: 'legal',
      reason: 'legal threat',
      label: 'Needs review by legal before it is posted',
      approval: null,
    });
    const factors = dana.priority.factors.map((f: { factor: string }) => f.factor);
    expect(factors).toEqual(expect.arrayContaining(['legal', 'safety', 'reach']));
    // A legal threat: the person first and the right team, held for legal before anything is posted.
    expect(dana.drafts[0]).toMatchObject({
      kind: 'legal',
      approach: 'care',
      review: { by: 'legal', label: 'Needs review by legal before it is posted' },
    });
    const manual = await http
      .post(`/api/cases/${dana.id}/escalate`)
      .send({ team: 'exec', reason: 'Journalist picked it up' })
      .expect(200);
    expect(manual.body.team).toBe('exec');
    await http.post(`/api/cases/${dana.id}/escalate`).send({ team: 'exec' }).expect(400);
  });

  it('shows author history and ranks a repeat complaint higher', async () => {
    // Ten days ago, a first delivery complaint; today another one, outside the 72-hour thread window.
    await post({
      author: 'erin',
      text: "Acme delivery never arrived, courier says delivered, it wasn't. Terrible service, so angry",
      ago: 240,
    });
    await post({
      author: 'erin',
      text: 'Acme lost my parcel again, second time, absolutely furious and fed up!',
      ago: 0,
    });
    const cases = await caseOf('erin');
    expect(cases).toHaveLength(2);
    const latest = (await http.get(`/api/cases/${Math.max(...cases.map((c) => c.id))}`).expect(200)).body;
    expect(latest.repeatComplaint).toBe(true);
    expect(latest.authorHistory.repeat).toMatchObject({ count: 1, category: 'delivery' });
    expect(latest.authorHistory.repeat.note).toBe(
      '2nd delivery & shipping complaint from this author about acme',
    );
    expect(latest.authorHistory.cases).toEqual([
      expect.objectContaining({
        id: Math.min(...cases.map((c) => c.id)),
        category: 'delivery',
        status: 'new',
      }),
    ]);
    expect(latest.authorHistory.mentions).toHaveLength(2);
    expect(latest.priority.factors.map((f: { factor: string }) => f.factor)).toContain('repeat');
  });

  it('filters, searches, sorts and pages the queue', async () => {
    const all = (await http.get('/api/cases?status=all&limit=200').expect(200)).body.items as {
      id: number;
      priority: number;
      status: string;
    }[];
    const open = (await http.get('/api/cases').expect(200)).body.items as { id: number; priority: number }[];
    expect(open.map((c) => c.priority)).toEqual([...open.map((c) => c.priority)].sort((a, b) => b - a));
    expect(open.length).toBe(all.filter((c) => !['resolved', 'dismissed'].includes(c.status)).length);

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await http
        .get(`/api/cases?status=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      paged.push(...res.body.items.map((c: { id: number }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((c) => c.id));

    expect((await http.get('/api/cases?status=dismissed').expect(200)).body.items).toHaveLength(1);
    expect((await http.get('/api/cases?category=safety_legal').expect(200)).body.items).toHaveLength(1);
    expect((await http.get('/api/cases?q=heater').expect(200)).body.items).toHaveLength(1);
    expect((await http.get('/api/cases?q=no-such-words').expect(200)).body.items).toHaveLength(0);
    // A phrase, quotes included, is searched as written; under three characters the search falls back to LIKE.
    expect(
      (await http.get(`/api/cases?q=${encodeURIComponent('"CAUGHT FIRE')}`).expect(200)).body.items,
    ).toHaveLength(0);
    expect(
      (await http.get(`/api/cases?q=${encodeURIComponent('CAUGHT FIRE')}`).expect(200)).body.items,
    ).toHaveLength(1);
    const short = (await http.get('/api/cases?status=all&q=fi').expect(200)).body.items;
    expect(short.map((c: { firstLine: string }) => c.firstLine)).toContainEqual(
      expect.stringContaining('caught fire'),
    );
    // Only the cases named (the page fetches the ones that arrived live), still under the other filters.
    const named = [all[0].id, all[2].id, all[3].id];
    const byIds = (await http.get(`/api/cases?status=all&ids=${named.join(',')}`).expect(200)).body.items;
    expect(byIds.map((c: { id: number }) => c.id).sort()).toEqual([...named].sort());
    const openNamed = (await http.get(`/api/cases?ids=${named.join(',')}`).expect(200)).body.items;
    expect(openNamed.map((c: { id: number }) => c.id).sort()).toEqual(
      named.filter((id) => open.some((c) => c.id === id)).sort(),
    );
    // Erin's first post is ten days old and unanswered: overdue.
    const overdue = (await http.get('/api/cases?overdue=true').expect(200)).body.items;
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    for (const c of overdue) expect(c.sla.state).toBe('overdue');
    const bySla = (await http.get('/api/cases?sort=sla').expect(200)).body.items.map(
      (c: { sla: { dueAt: string } }) => c.sla.dueAt,
    );
    expect(bySla).toEqual([...bySla].sort());

    for (const [query, message] of [
      ['status=closed', 'status must be "open", "all" or a comma-separated list of'],
      ['category=weather', 'category must be one of'],
      ['limit=0', 'limit must not be less than 1'],
      ['overdue=maybe', 'overdue must be true or false'],
      ['sort=random', 'sort must be one of priority, newest, oldest, sla'],
      ['cursor=abc', 'cursor is not one this API gave out'],
      ['ids=1,x', 'ids must be up to 200 case ids separated by commas'],
      [`ids=${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}`, 'ids must be up to 200'],
    ]) {
      const res = await http.get(`/api/cases?${query}`).expect(400);
      expect((res.body.message as string[]).join('\n')).toContain(message);
    }
    await http.get('/api/cases/424242').expect(404);
    await http.get('/api/cases/abc').expect(404);
    await http.post('/api/cases/424242/notes').send({ text: 'hello' }).expect(404);
  });

  it('records SLA breaches once, lets waiting cases climb, and announces due follow-ups', async () => {
    await post({
      author: 'gus',
      text: 'Acme ruined my wedding: the dress delivery never came and nobody cares. Furious!',
      ago: 0,
    });
    const gus = await onlyCaseOf('gus');
    const clock = app.get(TriageClock);
    events.length = 0;

    await clock.tick(new Date(Date.now() + 2 * HOUR));
    const late = (await http.get(`/api/cases/${gus.id}`).expect(200)).body;
    expect(late.sla.breachedAt).toBe(gus.sla.dueAt);
    expect(late.history.filter((h: { kind: string }) => h.kind === 'sla_breached')).toHaveLength(1);
    expect(events).toContainEqual({
      type: 'sla.breached',
      caseId: gus.id,
      brandId: 'acme',
      dueAt: gus.sla.dueAt,
    });
    // Two hours unanswered against a one-hour target: the waiting factor grew.
    const waiting = (p: { factors: { factor: string; points: number }[] }) =>
      p.factors.find((f) => f.factor === 'waiting')?.points ?? 0;
    const listed = (await http.get(`/api/cases?status=all&q=wedding`).expect(200)).body.items[0];
    expect(listed.priority).toBeGreaterThan(gus.priority.value);
    expect(waiting(gus.priority)).toBeLessThan(20);

    await clock.tick(new Date(Date.now() + 3 * HOUR));
    const again = (await http.get(`/api/cases/${gus.id}`).expect(200)).body;
    expect(again.history.filter((h: { kind: string }) => h.kind === 'sla_breached')).toHaveLength(1);

    // A reply promising "by tomorrow", then the clock passes that time. The brand's response time is
    // "24 hours", so the check before sending flags the promise: the agent confirms it.
    const text = "We're truly sorry about the dress, Gus. We'll call you by tomorrow; DM @AcmeHelp.";
    const checked = await http.post(`/api/cases/${gus.id}/reply`).send({ text }).expect(422);
    expect(checked.body.findings.map((f: { rule: string }) => f.rule)).toEqual(['unapproved-time-promise']);
    await http.post(`/api/cases/${gus.id}/reply`).send({ text, confirm: true }).expect(200);
    const withPromise = (await http.get(`/api/cases/${gus.id}`).expect(200)).body;
    expect(withPromise.sla.state).toBe('met_late');
    const promise = withPromise.followUps.find((f: { kind: string }) => f.kind === 'promise');
    expect(promise.phrase).toBe('by tomorrow');
    events.length = 0;
    await clock.tick(new Date(Date.parse(promise.dueAt) + 1000));
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'follow-up.due',
        caseId: gus.id,
        followUpId: promise.id,
        phrase: 'by tomorrow',
      }),
    );
    await clock.tick(new Date(Date.parse(promise.dueAt) + 2000));
    expect(events.filter((e) => e.type === 'follow-up.due' && e.followUpId === promise.id)).toHaveLength(1);
    const due = (await http.get('/api/follow-ups?when=pending').expect(200)).body.items;
    expect(due).toContainEqual(expect.objectContaining({ caseId: gus.id, phrase: 'by tomorrow' }));
    await http.get('/api/follow-ups?when=someday').expect(400);
  });

  it('publishes the API description at /api/docs', async () => {
    const spec = (await http.get('/api/docs/openapi.json').expect(200)).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/status',
        '/api/cases/{id}/reply',
        '/api/cases/{id}/reply/check',
        '/api/cases/{id}/review/approve',
        '/api/cases/{id}/follow-ups/{followUpId}/waive',
        '/api/follow-ups',
      ]),
    );
    expect(spec.components.schemas.StatusBody.properties.status.enum).toContain('awaiting_follow_up');
    const page = await http.get('/api/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});
