import { INestApplication } from '@nestjs/common';
import { apiAs } from './support/auth';
import { mastodonPost, storePosts } from './support/posts';
import { ACME, startApp, tempDbPath, testConfig } from './support/test-app';

interface HistoryEntry {
  actor: string;
  kind: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

interface Detail {
  id: number;
  status: string;
  updatedAt: string;
  review: {
    by: string;
    reason: string;
    label: string;
    approval: { text: string; by: string; name: string | null; at: string } | null;
  } | null;
  history: HistoryEntry[];
  followUps: unknown[];
}

/** A calm reply that passes every rule of the check before sending on these posts. */
const CLEAN =
  "We're so sorry about this. Our team will look into it with care: please DM @AcmeHelp and we'll get back to you within 24 hours.";

/**
 * Holding a reply for review and the check before sending, through HTTP on the real app: posts go
 * through the real pipeline and classifier into cases in a real SQLite file; agents, a reviewer and an
 * admin act with their own API tokens. The tests build on each other's cases, in order.
 */
describe('hold for review and the check before sending (e2e)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let agent: Awaited<ReturnType<typeof apiAs>>;
  let reviewer: Awaited<ReturnType<typeof apiAs>>;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let viewer: Awaited<ReturnType<typeof apiAs>>;
  const ids: Record<string, number> = {};

  async function detail(id: number): Promise<Detail> {
    return (await agent.get(`/api/cases/${id}`).expect(200)).body as Detail;
  }

  /** What an action would change (the SLA countdown and the waiting priority move on their own). */
  async function state(id: number) {
    const { status, updatedAt, history, followUps, review } = await detail(id);
    return { status, updatedAt, history, followUps, review };
  }

  beforeAll(async () => {
    app = await startApp(
      testConfig({
        database: { path: db.path },
        brands: [
          {
            ...ACME,
            // A lower bar than the default 50,000: the brand's own reviewReach is the one applied.
            replies: { dmHandle: '@AcmeHelp', responseTime: '24 hours', reviewReach: 20_000 },
          },
        ],
      }),
    );
    agent = await apiAs(app, 'agent');
    reviewer = await apiAs(app, 'reviewer', 'lee@acme.example');
    admin = await apiAs(app, 'admin');
    viewer = await apiAs(app, 'viewer');
    await storePosts(app, [
      mastodonPost(
        'r1',
        'lena',
        'Acme sold me a kettle that broke in two days and support ignores me. Furious! I am going to sue you, my lawyer will be in touch.',
      ),
      {
        ...mastodonPost(
          'r2',
          'maxfollowers',
          'Acme lost my parcel AGAIN, third time this month. Absolutely furious, worst delivery ever!',
        ),
        reach: 25_000,
      },
      {
        ...mastodonPost(
          'r3',
          'nora',
          'Acme charged me twice for the same order and support is useless, absolutely furious!',
        ),
        reach: 19_999,
      },
      mastodonPost(
        'r4',
        'omar',
        'Acme delivery never arrived, courier says delivered, it was not. Terrible service, so angry',
      ),
    ]);
    const { body } = await agent.get('/api/cases?status=all&limit=200').expect(200);
    for (const c of body.items as { id: number; author: { handle: string } }[])
      ids[/^@(\w+)@/.exec(c.author.handle)?.[1] ?? ''] = c.id;
    const missing = ['lena', 'maxfollowers', 'nora', 'omar'].filter((a) => !(a in ids));
    if (missing.length > 0) throw new Error(`no case opened for ${missing.join(', ')}`);
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('holds a legal threat for review: the case says by whom and why, and an agent cannot mark it replied', async () => {
    const before = await detail(ids.lena);
    expect(before.review).toEqual({
      by: 'legal',
      reason: 'legal threat',
      label: 'Needs review by legal before it is posted',
      approval: null,
    });
    const refused = await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: CLEAN }).expect(409);
    expect(refused.body.message).toBe(
      `case ${ids.lena} is held for review by legal (legal threat): a reviewer or an admin must approve the text before it is marked replied`,
    );
    expect(refused.body.review).toMatchObject({ by: 'legal' });
    // Confirming does not get past the review: the gate comes before the check.
    await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: CLEAN, confirm: true }).expect(409);
    const after = await detail(ids.lena);
    expect(after.status).toBe('new');
    expect(after.history.map((h) => h.kind)).toEqual(['opened']);
    expect(after.followUps).toEqual([]);
  });

  it('lets only a reviewer or an admin approve: an agent gets 403 and nothing is recorded', async () => {
    const refused = await agent
      .post(`/api/cases/${ids.lena}/review/approve`)
      .send({ text: CLEAN })
      .expect(403);
    expect(refused.body.message).toMatch(/needs the reviewer role; agent-\d+@test.example is agent/);
    await viewer.post(`/api/cases/${ids.lena}/review/approve`).send({ text: CLEAN }).expect(403);
    expect((await detail(ids.lena)).review?.approval).toBeNull();
  });

  it('records a reviewer’s approval in the history; the approved text (whitespace aside) is then marked replied', async () => {
    const approved = await reviewer
      .post(`/api/cases/${ids.lena}/review/approve`)
      .send({ text: `  ${CLEAN}\n` })
      .expect(200);
    const body = approved.body as Detail;
    expect(body.review?.approval).toEqual({
      text: CLEAN,
      by: 'lee@acme.example',
      name: reviewer.user.name,
      at: expect.any(String),
    });
    expect(body.history.at(-1)).toMatchObject({
      actor: 'lee@acme.example',
      kind: 'review_approved',
      note: 'reply approved for the legal review (legal threat)',
      data: { text: CLEAN, review: 'legal' },
    });
    expect(body.status).toBe('new');

    // The agent pasted it back with a line break and double spaces: the same text.
    const sent = CLEAN.replace('. Our', '.\n\nOur').replace('with care', 'with  care');
    const replied = await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: sent }).expect(200);
    const after = replied.body as Detail;
    expect(after.status).toBe('replied');
    const entry = after.history.at(-1);
    expect(entry).toMatchObject({
      actor: agent.user.email,
      kind: 'replied',
      data: {
        text: sent,
        approval: { by: 'lee@acme.example', at: body.review?.approval?.at, review: 'legal' },
      },
    });
    expect(entry?.note).toContain('text approved by lee@acme.example (legal review)');
    expect(entry?.data).not.toHaveProperty('confirmed');
    expect(after.history.map((h) => h.kind)).toEqual(['opened', 'review_approved', 'replied']);
  });

  it('refuses an edited text after the approval; a new approval of it counts, and only the latest', async () => {
    const edited = `${CLEAN} Thanks for your patience.`;
    const refused = await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: edited }).expect(409);
    expect(refused.body.message).toMatch(
      /^this is not the text lee@acme\.example approved at \S+ for the legal review: an edited text needs a new approval by a reviewer or an admin$/,
    );
    await reviewer.post(`/api/cases/${ids.lena}/review/approve`).send({ text: edited }).expect(200);
    // The first approval no longer counts once a newer one exists.
    await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: CLEAN }).expect(409);
    await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: edited }).expect(200);
    const kinds = (await detail(ids.lena)).history.map((h) => h.kind);
    expect(kinds).toEqual(['opened', 'review_approved', 'replied', 'review_approved', 'replied']);
  });

  it('still checks an approved text before sending: findings need a confirmation', async () => {
    const admits =
      "We're so sorry, that's our fault. Please DM @AcmeHelp and we'll get back to you within 24 hours.";
    await reviewer.post(`/api/cases/${ids.lena}/review/approve`).send({ text: admits }).expect(200);
    const checked = await agent.post(`/api/cases/${ids.lena}/reply`).send({ text: admits }).expect(422);
    expect(checked.body.findings.map((f: { rule: string }) => f.rule)).toEqual(['admits-fault']);
    const sent = await agent
      .post(`/api/cases/${ids.lena}/reply`)
      .send({ text: admits, confirm: true })
      .expect(200);
    expect((sent.body as Detail).history.at(-1)?.data).toMatchObject({
      approval: { by: 'lee@acme.example', review: 'legal' },
      findings: checked.body.findings,
      confirmed: true,
    });
  });

  it("holds a post by an author whose reach is at the brand's reviewReach for the comms lead; an admin may approve", async () => {
    const held = await detail(ids.maxfollowers);
    expect(held.review).toEqual({
      by: 'comms',
      reason: 'author reaches 25,000 followers',
      label: 'Needs review by the comms lead before it is posted',
      approval: null,
    });
    const refused = await agent
      .post(`/api/cases/${ids.maxfollowers}/reply`)
      .send({ text: CLEAN })
      .expect(409);
    expect(refused.body.message).toContain('held for review by comms (author reaches 25,000 followers)');
    await admin.post(`/api/cases/${ids.maxfollowers}/review/approve`).send({ text: CLEAN }).expect(200);
    const replied = await agent
      .post(`/api/cases/${ids.maxfollowers}/reply`)
      .send({ text: CLEAN })
      .expect(200);
    expect((replied.body as Detail).history.at(-1)?.data).toMatchObject({
      approval: { by: admin.user.email, review: 'comms' },
    });
    // A dismissed case gets no reply, so there is nothing to approve.
    await agent.post(`/api/cases/${ids.maxfollowers}/status`).send({ status: 'in_progress' }).expect(200);
    await agent.post(`/api/cases/${ids.maxfollowers}/status`).send({ status: 'dismissed' }).expect(200);
    const closed = await reviewer
      .post(`/api/cases/${ids.maxfollowers}/review/approve`)
      .send({ text: CLEAN })
      .expect(409);
    expect(closed.body.message).toMatch(
      /^a dismissed case cannot be replied to, so there is nothing to approve/,
    );
  });

  it('leaves a case that needs no review as it was: no review, no approval possible, replied at once', async () => {
    // 19,999 followers: one short of the brand's reviewReach.
    const free = await detail(ids.nora);
    expect(free.review).toBeNull();
    const refused = await reviewer
      .post(`/api/cases/${ids.nora}/review/approve`)
      .send({ text: CLEAN })
      .expect(409);
    expect(refused.body.message).toBe(
      `case ${ids.nora} needs no review (no legal threat, safety risk or large audience): an agent can mark it replied without an approval`,
    );
    const replied = await agent.post(`/api/cases/${ids.nora}/reply`).send({ text: CLEAN }).expect(200);
    const entry = (replied.body as Detail).history.at(-1);
    expect(entry?.kind).toBe('replied');
    expect(entry?.data).not.toHaveProperty('approval');
    expect(entry?.data).not.toHaveProperty('findings');
    expect((replied.body as Detail).history.map((h) => h.kind)).toEqual(['opened', 'replied']);
  });

  it('answers a failing text with 422 and the findings, records nothing, then records it with confirm', async () => {
    const text = "Please calm down. We'll refund you by tomorrow, reply here with your order number.";
    const before = await state(ids.omar);
    const refused = await agent.post(`/api/cases/${ids.omar}/reply`).send({ text }).expect(422);
    expect(refused.body.findings.map((f: { rule: string }) => f.rule)).toEqual([
      'banned-phrase',
      'personal-data-in-public',
      'unapproved-remedy',
      'unapproved-time-promise',
    ]);
    expect(refused.body.message).toMatch(/^the check before sending found 4 problems: Avoid “calm down”/);
    expect(refused.body.message).toContain('To record it anyway, send it again with "confirm": true.');
    for (const f of refused.body.findings) expect(f.message).toEqual(expect.any(String));
    expect(await state(ids.omar)).toEqual(before);

    // confirm: false is no confirmation.
    await agent.post(`/api/cases/${ids.omar}/reply`).send({ text, confirm: false }).expect(422);
    const sent = await agent.post(`/api/cases/${ids.omar}/reply`).send({ text, confirm: true }).expect(200);
    const after = sent.body as Detail;
    expect(after.status).toBe('replied');
    const entry = after.history.at(-1);
    expect(entry).toMatchObject({
      kind: 'replied',
      actor: agent.user.email,
      data: { text, findings: refused.body.findings, confirmed: true },
    });
    expect(entry?.note).toContain(
      'sent despite the check before sending: banned-phrase, personal-data-in-public, unapproved-remedy, unapproved-time-promise',
    );
    // The promise was sent, so it is owed all the same.
    expect(after.followUps).toContainEqual(
      expect.objectContaining({ kind: 'promise', phrase: 'by tomorrow' }),
    );
  });

  it('checks a text being written without changing anything', async () => {
    const before = await state(ids.omar);
    const failing = await agent
      .post(`/api/cases/${ids.omar}/reply/check`)
      .send({ text: `${'Sorry! '.repeat(80)}We'll send a replacement.` })
      .expect(200);
    expect(failing.body.findings.map((f: { rule: string }) => f.rule)).toEqual([
      'unapproved-remedy',
      'too-long',
    ]);
    expect(failing.body.findings[1].message).toMatch(
      /^It is \d+ characters as Mastodon counts them; Mastodon allows 500\./,
    );
    const passing = await agent.post(`/api/cases/${ids.omar}/reply/check`).send({ text: CLEAN }).expect(200);
    expect(passing.body).toEqual({ findings: [] });
    // Quoting the customer is read from the case's own posts.
    const quoting = await agent
      .post(`/api/cases/${ids.omar}/reply/check`)
      .send({ text: 'Sorry: courier says delivered, it was not. DM @AcmeHelp.' })
      .expect(200);
    expect(quoting.body.findings.map((f: { rule: string }) => f.rule)).toEqual(['quotes-customer']);
    expect(await state(ids.omar)).toEqual(before);
    // A held case is checked the same way (the review is a separate matter).
    await agent.post(`/api/cases/${ids.lena}/reply/check`).send({ text: CLEAN }).expect(200);
    await viewer.post(`/api/cases/${ids.omar}/reply/check`).send({ text: CLEAN }).expect(403);
    await agent.post('/api/cases/424242/reply/check').send({ text: CLEAN }).expect(404);
    await reviewer.post('/api/cases/424242/review/approve').send({ text: CLEAN }).expect(404);
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['reply', {}, 'text must be a string'],
      ['reply', { text: CLEAN, confirm: 'yes' }, 'confirm must be true or false'],
      ['reply', { text: CLEAN, confirm: 1 }, 'confirm must be true or false'],
      ['reply/check', {}, 'text must be a string'],
      ['reply/check', { text: '   ' }, 'text must not be empty'],
      ['reply/check', { text: CLEAN, confirm: true }, 'property confirm should not exist'],
      ['review/approve', {}, 'text must be a string'],
      ['review/approve', { text: 42 }, 'text must be a string'],
    ];
    for (const [path, body, message] of cases) {
      const as = path === 'review/approve' ? reviewer : agent;
      const res = await as.post(`/api/cases/${ids.omar}/${path}`).send(body).expect(400);
      expect(res.body.message).toContain(message);
    }
  });

  it('describes the new routes and the confirm flag in the OpenAPI document', async () => {
    const spec = (await agent.get('/api/docs/openapi.json').expect(200)).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/cases/{id}/reply/check', '/api/cases/{id}/review/approve']),
    );
    expect(spec.components.schemas.ReplyBody.properties.confirm.type).toBe('boolean');
    expect(Object.keys(spec.paths['/api/cases/{id}/reply'].post.responses)).toEqual(
      expect.arrayContaining(['404', '409', '422']),
    );
  });
});
