import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { DigestBuilder } from '../src/digest/digest-builder';
import { apiAs } from './support/auth';
import { ACME_TAG_FEED, mastodonPost, storePosts, watchedSince } from './support/posts';
import { startApp, tempDbPath, testConfig } from './support/test-app';
import { sql } from './support/sql';

interface MentionRow {
  id: number;
  text: string;
  language: string | null;
  classification: { angry: boolean; score: number } | null;
  cases: { id: number; status: string; brand: string }[];
}

const CALM_COMPLAINT =
  'Acme the Main Street shop was shut at noon today, the sign on the door says open till 6';
const ANGRY = 'Acme lost my parcel AGAIN. Third time this month, absolutely furious, worst delivery ever!';
const PRAISE = 'Lovely afternoon tea with the new Acme kettle, thank you';
const FRENCH = 'Acme merci pour la livraison rapide';

/**
 * The mentions view's API: every stored post that matched a brand, flagged or not, with filters and
 * search, and "this is a complaint", which records the correction and opens a case. The digest and the
 * overview count such misses.
 */
describe('mentions (e2e)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let agent: Awaited<ReturnType<typeof apiAs>>;
  let viewer: Awaited<ReturnType<typeof apiAs>>;
  let calmId: number;

  const list = async (query = ''): Promise<MentionRow[]> =>
    (await agent.get(`/api/mentions?limit=200${query}`).expect(200)).body.items;
  const texts = async (query: string) => (await list(query)).map((m) => m.text).sort();

  beforeAll(async () => {
    app = await startApp(testConfig({ database: { path: db.path } }));
    agent = await apiAs(app, 'agent', 'jo@acme.example');
    viewer = await apiAs(app, 'viewer', 'sam@acme.example');
    await watchedSince(app, ACME_TAG_FEED, new Date(Date.now() - 24 * 3_600_000));
    await storePosts(app, [
      mastodonPost('1', 'ann', ANGRY),
      mastodonPost('2', 'bob', CALM_COMPLAINT),
      mastodonPost('3', 'cat', PRAISE),
      { ...mastodonPost('4', 'dom', FRENCH), language: 'fr' },
    ]);
    calmId = (await list()).find((m) => m.text === CALM_COMPLAINT)!.id;
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('lists every matched post, flagged or not, each with the cases that hold it', async () => {
    const all = await list();
    expect(all.map((m) => m.text).sort()).toEqual([ANGRY, CALM_COMPLAINT, FRENCH, PRAISE].sort());
    const angry = all.find((m) => m.text === ANGRY)!;
    expect(angry.classification?.angry).toBe(true);
    expect(angry.cases).toEqual([expect.objectContaining({ status: 'new', brand: 'acme' })]);
    // The calm complaint is what this view is for: the classifier passed it, no case holds it.
    const calm = all.find((m) => m.text === CALM_COMPLAINT)!;
    expect(calm.classification?.angry).toBe(false);
    expect(calm.cases).toEqual([]);
  });

  it('filters by flagged, case, language, score band and words', async () => {
    expect(await texts('&angry=true')).toEqual([ANGRY]);
    expect(await texts('&angry=false')).toEqual([CALM_COMPLAINT, FRENCH, PRAISE].sort());
    // The French post is in a case too: Acme's posts are read in English, so a person reads it
    // ("language not analysed").
    expect(await texts('&hasCase=true')).toEqual([ANGRY, FRENCH].sort());
    expect(await texts('&hasCase=false')).toEqual([CALM_COMPLAINT, PRAISE].sort());
    expect(await texts('&language=fr')).toEqual([FRENCH]);
    expect(await texts('&brand=acme')).toEqual([ANGRY, CALM_COMPLAINT, FRENCH, PRAISE].sort());
    expect(await texts('&brand=globex')).toEqual([]);
    expect(await texts('&language=en&angry=false')).toEqual([CALM_COMPLAINT, PRAISE].sort());
    const calmScore = (await list()).find((m) => m.id === calmId)!.classification!.score;
    const band = await list(`&minScore=${Math.max(0, calmScore - 0.001)}&maxScore=${calmScore + 0.001}`);
    expect(band.map((m) => m.id)).toContain(calmId);
    expect(band.every((m) => Math.abs(m.classification!.score - calmScore) <= 0.001)).toBe(true);
    expect(await texts('&minScore=0.5')).toEqual([ANGRY]);
    expect(await texts('&q=MAIN%20STREET')).toEqual([CALM_COMPLAINT]);
    expect(await texts('&q=%40cat')).toEqual([PRAISE]);
    expect(await texts('&q=100%25')).toEqual([]);
    expect(await texts('&q=nothing-like-this')).toEqual([]);
  });

  it('refuses bad filters with a message naming the parameter', async () => {
    for (const [query, message] of [
      ['minScore=2', /minScore must be a number from 0 to 1/],
      ['maxScore=abc', /maxScore must be a number from 0 to 1/],
      ['minScore=0.6&maxScore=0.4', /minScore must be below maxScore/],
      ['hasCase=maybe', /hasCase must be true or false/],
      ['language=English', /language must be a language code/],
      ['q=a', /q must be at least 2 characters/],
    ] as const) {
      const res = await agent.get(`/api/mentions?${query}`).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
  });

  it('opens a case from a missed post, records the correction, and refuses a second time', async () => {
    const anonymous = request(app.getHttpServer() as App);
    await anonymous.post(`/api/mentions/${calmId}/case`).send({}).expect(401);
    await viewer.post(`/api/mentions/${calmId}/case`).send({}).expect(403);
    await agent.post('/api/mentions/999999/case').send({}).expect(404);
    await agent.post('/api/mentions/abc/case').send({}).expect(404);
    const bad = await agent.post(`/api/mentions/${calmId}/case`).send({ category: 'weather' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/category must be one of/);

    const { body } = await agent
      .post(`/api/mentions/${calmId}/case`)
      .send({ category: 'account_access' })
      .expect(201);
    expect(body).toEqual({ caseId: expect.any(Number), opened: true });
    const detail = (await agent.get(`/api/cases/${body.caseId}`).expect(200)).body;
    expect(detail).toMatchObject({ status: 'new', brand: 'acme', category: 'account_access' });
    expect(detail.thread.map((p: { mentionId: number }) => p.mentionId)).toEqual([calmId]);
    expect(detail.history).toContainEqual(
      expect.objectContaining({
        kind: 'marked_complaint',
        actor: 'jo@acme.example',
        note: expect.stringMatching(
          /^post #\d+ marked a complaint: the classifier had said not angry \(score 0\.\d\d\)$/,
        ),
      }),
    );
    // The correction keeps what the model said and who said otherwise; the post now reads as flagged.
    expect(
      await sql(
        app.get(DataSource),
        'SELECT angry, previous_angry, category, created_by FROM classification_correction WHERE mention_id = ?',
        [calmId],
      ),
    ).toEqual([{ angry: 1, previous_angry: 0, category: 'account_access', created_by: 'jo@acme.example' }]);
    const calm: MentionRow = (await agent.get(`/api/mentions/${calmId}`).expect(200)).body;
    expect(calm.classification?.angry).toBe(true);
    await agent.get('/api/mentions/999999').expect(404);
    expect(calm.cases).toEqual([{ id: body.caseId, status: 'new', brand: 'acme' }]);
    expect((await agent.get('/api/cases').expect(200)).body.items.map((c: { id: number }) => c.id)).toContain(
      body.caseId,
    );

    const again = await agent.post(`/api/mentions/${calmId}/case`).send({}).expect(409);
    expect(again.body).toMatchObject({
      caseId: body.caseId,
      message: expect.stringMatching(/already in open case/),
    });
  });

  it('counts the miss in the overview and the digest', async () => {
    const overview = (await agent.get('/api/overview').expect(200)).body;
    expect(overview.missedComplaints).toEqual({ last24h: 1, last30d: 1 });
    const now = new Date();
    const digest = await app.get(DigestBuilder).build({
      user: { email: 'jo@acme.example', name: 'Jo' },
      day: now.toISOString().slice(0, 10),
      timeZone: 'UTC',
      brands: null,
      dashboardUrl: 'http://127.0.0.1:3000',
      now,
    });
    expect(digest.yesterday.missedComplaints).toBe(1);
    const otherBrand = await app.get(DigestBuilder).build({
      user: { email: 'jo@acme.example', name: 'Jo' },
      day: now.toISOString().slice(0, 10),
      timeZone: 'UTC',
      brands: ['globex'],
      dashboardUrl: 'http://127.0.0.1:3000',
      now,
    });
    expect(otherBrand.yesterday.missedComplaints).toBe(0);
    // Corrections the other way (a dismissed false alarm) are not misses.
    const angryCase = (await list()).find((m) => m.text === ANGRY)!.cases[0].id;
    await agent
      .post(`/api/cases/${angryCase}/status`)
      .send({ status: 'dismissed', note: 'a joke' })
      .expect(200);
    expect((await agent.get('/api/overview').expect(200)).body.missedComplaints).toEqual({
      last24h: 1,
      last30d: 1,
    });
  });
});
