import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule, APP_OPTIONS, configureApp } from '../src/app.module';
import { ClassifierService } from '../src/classifier/classifier.service';
import { RETRAIN_CORPUS_DIR, RetrainService } from '../src/classifier/retrain/retrain.service';
import { loadValidationSets } from '../src/classifier/training/corpus';
import { trainAndWrite } from '../src/classifier/training/train-and-write';
import { Mention } from '../src/ingest/entities/mention.entity';
import { PollService } from '../src/ingest/poll.service';
import { apiAs } from './support/auth';
import { LoopbackServer, send } from './support/loopback-server';
import { tempDbPath, testConfig } from './support/test-app';

const MINI = join(__dirname, 'fixtures', 'classifier', 'mini-corpus');
const COMPLAINT_LOOKALIKE =
  '@acme this new kettle is killing it, cannot stop using it, ordered a second one for my mum';

function status(id: number, author: string, text: string) {
  return {
    id: String(id),
    created_at: new Date(Date.now() - 60_000).toISOString(),
    uri: `https://social.example/users/${author}/statuses/${id}`,
    url: `https://social.example/@${author}/${id}`,
    visibility: 'public',
    language: 'en',
    spoiler_text: '',
    content: `<p>${text}</p>`,
    reblog: null,
    account: { id: author, username: author, acct: author, display_name: author, followers_count: 50 },
    tags: [],
  };
}

/**
 * Corrections take effect at once (same text and near copies), and the retrain swaps a model in only
 * when it is not worse, recording its slot so that two instances never both retrain it.
 */
describe('corrections and the retrain (e2e)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  const trainedModel = join(db.path, '..', 'models', 'retrained.json');
  const statuses: ReturnType<typeof status>[] = [];
  let app: INestApplication;

  async function poll(): Promise<void> {
    const summary = await app.get(PollService).pollFeed('masto');
    if (summary.error) throw new Error(`poll failed: ${summary.error}`);
  }

  beforeAll(async () => {
    server.route('/api/v1/timelines/tag/acme', (_req, res) =>
      send(res, 200, 'application/json', JSON.stringify([...statuses].reverse())),
    );
    await server.start();
    const config = testConfig({
      database: { path: db.path },
      feeds: [{ id: 'masto', type: 'mastodon', instance: server.url, mode: 'tag', tag: 'acme' }],
    });
    config.classifier.trainedModel = trainedModel;
    // The retrain trains on the small test corpus (seconds, not minutes).
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(RETRAIN_CORPUS_DIR)
      .useValue(MINI)
      .compile();
    app = configureApp(moduleRef.createNestApplication({ ...APP_OPTIONS, logger: false }));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await server.stop();
    db.cleanup();
  });

  it('a dismissed post is not flagged again, nor a near copy of it; a different complaint still is', async () => {
    const classifier = app.get(ClassifierService);
    // The model takes "killing it" for anger: a false alarm a manager dismisses.
    expect(classifier.classifyPost(COMPLAINT_LOOKALIKE, 'en', ['acme']).angry).toBe(true);
    statuses.push(status(1, 'kim', COMPLAINT_LOOKALIKE));
    await poll();
    const http = await apiAs(app, 'agent');
    const { body } = await http.get('/api/cases?status=all').expect(200);
    expect(body.items).toHaveLength(1);
    await http.post(`/api/cases/${body.items[0].id}/status`).send({ status: 'dismissed' }).expect(200);

    statuses.push(
      status(2, 'lee', COMPLAINT_LOOKALIKE),
      status(3, 'max', `RT ${COMPLAINT_LOOKALIKE} https://t.co/abc`),
      status(4, 'ned', '@acme my order is three weeks late and nobody answers the phone'),
    );
    await poll();
    const after = await http.get('/api/cases?status=all').expect(200);
    const authors = (after.body.items as { author: { handle: string } }[]).map((c) =>
      c.author.handle.replace(/^@([^@]+)@.*$/, '$1'),
    );
    expect(authors.sort()).toEqual(['kim', 'ned']);
    const copy = classifier.classifyPost(`RT ${COMPLAINT_LOOKALIKE}`, 'en', ['acme']);
    expect(copy.angry).toBe(false);
    expect(copy.reasons[0]).toMatch(/^same text as post #\d+, which a manager marked not a complaint$/);
  });

  it('retrains with the correction, keeps the serving model when the candidate is worse, and logs the figures', async () => {
    const admin = await apiAs(app, 'admin');
    const before = app.get(ClassifierService).version;
    const { body: report } = await admin.post('/api/classifier/retrain').expect(200);
    // A model trained on the 100-post test corpus is worse than the shipped one on its validation posts.
    expect(report).toMatchObject({
      outcome: 'kept',
      corrections: 1,
      previousVersion: before,
      modelVersion: before,
    });
    expect(report.figures.map((f: { label: string }) => f.label)).toEqual([
      'brands pooled macro-F1',
      'TweetEval anger F1',
    ]);
    expect(report.message).toMatch(
      /but it is worse \(brands pooled macro-F1 [\d.]+ → [\d.]+, TweetEval anger F1/,
    );
    expect(app.get(ClassifierService).version).toBe(before);
    expect(existsSync(trainedModel)).toBe(false);
    const { body: log } = await admin.get('/api/classifier/retrains').expect(200);
    expect(log[0]).toMatchObject({ outcome: 'kept', modelVersion: before, details: { outcome: 'kept' } });
  });

  it('claims each slot once: a second instance firing the same minute skips it', async () => {
    const retrain = app.get(RetrainService);
    const first = await retrain.run('cron:2026-12-06T03:00');
    expect(first?.outcome).toBe('kept');
    expect(await retrain.run('cron:2026-12-06T03:00')).toBeNull();
  });

  it('lets only admins retrain', async () => {
    const refused = await (await apiAs(app, 'agent')).post('/api/classifier/retrain').expect(403);
    expect(refused.body.message).toMatch(/admin/i);
    expect(
      (await app.get(RetrainService).recent()).every((r) => r.slot.startsWith('cron:') || r.outcome),
    ).toBe(true);
  });
});

describe('the retrain swaps in a model that is not worse (e2e)', () => {
  const db = tempDbPath();
  const dir = join(db.path, '..');
  const trainedModel = join(dir, 'models', 'retrained.json');
  let app: INestApplication;

  beforeAll(async () => {
    // The serving model learnt the test corpus's brand validation posts with their labels flipped, so
    // a retrain on the clean corpus with one correction more cannot be worse on them and is swapped
    // in. (Serving a clean model instead made the outcome hang on how a 138-post corpus calibrates.)
    const serving = join(dir, 'serving.json');
    const flipped = Object.entries(loadValidationSets(MINI))
      .filter(([set]) => set !== 'tweeteval' && set !== 'goemotions')
      .flatMap(([, posts]) =>
        posts.map((p) => ({ ...p, label: p.label === 1 ? (0 as const) : (1 as const), source: 'brand' })),
      );
    if (flipped.length < 5) throw new Error(`only ${flipped.length} brand validation posts in ${MINI}`);
    trainAndWrite({ seed: 1, corpusDir: MINI, out: serving, date: '2026-01-01', extraExamples: flipped });
    const config = testConfig({ database: { path: db.path } });
    config.classifier.model = serving;
    config.classifier.trainedModel = trainedModel;
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(RETRAIN_CORPUS_DIR)
      .useValue(MINI)
      .compile();
    app = configureApp(moduleRef.createNestApplication({ ...APP_OPTIONS, logger: false }));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('reports "unchanged" with no corrections, then swaps, writes the file and serves the new model', async () => {
    const admin = await apiAs(app, 'admin');
    const classifier = app.get(ClassifierService);
    const before = classifier.version;
    expect((await admin.post('/api/classifier/retrain').expect(200)).body).toMatchObject({
      outcome: 'unchanged',
      modelVersion: before,
    });
    // A correction needs a stored mention: one written straight into the table.
    const mentions = app.get(DataSource).getRepository(Mention);
    const { id } = await mentions.save(
      mentions.create({
        source: 'test',
        externalId: 'x1',
        feedId: 'none',
        text: 'the zorblax arrived shattered and support shrugged',
        postedAt: new Date('2026-01-01T00:00:00Z'),
        fetchedAt: new Date('2026-01-01T00:00:00Z'),
        angry: false,
        raw: '{}',
      }),
    );
    await admin
      .post(`/api/mentions/${id}/label`)
      .send({ angry: true, category: 'product_quality' })
      .expect(201);
    // Manual slots are per second: the second retrain must not fall in the first one's second.
    await new Promise((r) => setTimeout(r, 1100));
    const { body: report } = await admin.post('/api/classifier/retrain').expect(200);
    expect(report).toMatchObject({ outcome: 'swapped', corrections: 1, previousVersion: before });
    expect(report.modelVersion).not.toBe(before);
    expect(classifier.version).toBe(report.modelVersion);
    expect(existsSync(trainedModel)).toBe(true);
    expect(report.message).toMatch(
      /^swapped .+ for .+, trained with 1 correction\(s\) \(brands pooled macro-F1/,
    );
  });
});
