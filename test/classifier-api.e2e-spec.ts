import { INestApplication } from '@nestjs/common';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ClassificationCorrection } from '../src/classifier/corrections/classification-correction.entity';
import { CorrectionsService } from '../src/classifier/corrections/corrections.service';
import { Mention } from '../src/ingest/entities/mention.entity';
import { PollService } from '../src/ingest/poll.service';
import { LoopbackServer, send } from './support/loopback-server';
import { startApp, tempDbPath, testConfig } from './support/test-app';
import { apiAs } from './support/auth';

const RSS = readFileSync(join(__dirname, 'fixtures/ingest/acme-alerts.rss'), 'utf8');
const COMMITTED_MODEL = resolve(__dirname, '..', 'models/complaint-model.json');

describe('classification in the app (real model, real SQLite file)', () => {
  const server = new LoopbackServer();
  const db = tempDbPath();
  const trainedModel = join(dirname(db.path), 'models', 'complaint-model.json');
  let app: INestApplication;
  let data: DataSource;

  beforeAll(async () => {
    server.route('/alerts.rss', (_req, res) => send(res, 200, 'application/rss+xml', RSS));
    await server.start();
    app = await startApp(
      testConfig({
        database: { path: db.path },
        classifier: { model: COMMITTED_MODEL, trainedModel },
        feeds: [{ id: 'alerts', type: 'feed', url: `${server.url}/alerts.rss` }],
      }),
    );
    data = app.get(DataSource);
    await app.get(PollService).pollAll();
  });

  afterAll(async () => {
    await app?.close();
    await server.stop();
    db.cleanup();
  });

  const mentionByTitle = async (title: string) => {
    const all = await data.getRepository(Mention).find();
    return all.find((m) => m.text.startsWith(title))!;
  };

  it('classifies every new mention as it is stored, with the model version', async () => {
    const late = await mentionByTitle('Still waiting for my Acme order');
    const thanks = await mentionByTitle('Thanks @acme, parcel arrived early');
    const version = JSON.parse(readFileSync(COMMITTED_MODEL, 'utf8')).version as string;
    expect(late).toMatchObject({ angry: true, category: 'delivery', modelVersion: version });
    expect(late.score).toBeGreaterThan(0.5);
    expect(late.reasons?.length).toBeGreaterThan(0);
    expect(thanks).toMatchObject({ angry: false, modelVersion: version });
    expect(thanks.score).toBeLessThan(0.5);
  });

  it('lists mentions with their classification and filters on angry and category', async () => {
    const http = await apiAs(app);
    const angry = await http.get('/api/mentions?angry=true').expect(200);
    const titles = angry.body.items.map((m: { text: string }) => m.text.split('\n')[0]);
    expect(titles).toEqual(
      expect.arrayContaining(['Still waiting for my Acme order', 'Acme charged me twice']),
    );
    expect(titles).not.toContain('Thanks @acme, parcel arrived early');
    expect(angry.body.items[0].classification).toMatchObject({
      angry: true,
      intensity: expect.stringMatching(/^(low|medium|high)$/),
    });
    const billing = await http.get('/api/mentions?category=billing').expect(200);
    expect(billing.body.items.map((m: { text: string }) => m.text.split('\n')[0])).toEqual([
      'Acme charged me twice',
    ]);
    const bad = await http.get('/api/mentions?angry=maybe&category=weather').expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        'angry must be true or false',
        expect.stringMatching(/^category must be one of delivery, billing/),
      ]),
    );
  });

  it('POST /api/classify answers the same object as the CLI', async () => {
    const res = await (
      await apiAs(app)
    )
      .post('/api/classify')
      .send({ text: '@acme charged twice for one subscription, I want a refund' })
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'analysed',
      'angry',
      'category',
      'flags',
      'intensity',
      'language',
      'reasons',
      'score',
    ]);
    expect(res.body).toMatchObject({ angry: true, category: 'billing' });
  });

  it('POST /api/classify reads French by rules and says when a language is not analysed', async () => {
    const http = await apiAs(app);
    const fr = await http
      .post('/api/classify')
      .send({ text: "Troisième livraison ratée ! c'est inadmissible" })
      .expect(200);
    expect(fr.body).toMatchObject({ angry: true, language: 'fr', analysed: true, category: 'delivery' });
    const de = await http
      .post('/api/classify')
      .send({ text: 'Meine Bestellung ist immer noch nicht angekommen' })
      .expect(200);
    expect(de.body).toMatchObject({ angry: false, language: 'de', analysed: false });
    expect(
      (await http.post('/api/classify').send({ text: 'merci', language: 'fr' }).expect(200)).body.language,
    ).toBe('fr');
    expect(
      (await http.post('/api/classify').send({ text: 'hello', language: 'French!' }).expect(400)).body
        .message,
    ).toContain('language must be a language code such as "en"');
  });

  it('POST /api/classify refuses bad bodies with 400 naming the field', async () => {
    const http = await apiAs(app);
    expect((await http.post('/api/classify').send({}).expect(400)).body.message).toEqual(
      expect.arrayContaining(['text must be a string']),
    );
    expect((await http.post('/api/classify').send({ text: 42 }).expect(400)).body.message).toContain(
      'text must be a string',
    );
    expect((await http.post('/api/classify').send({ text: '' }).expect(400)).body.message).toContain(
      'text must not be empty',
    );
    expect(
      (
        await http
          .post('/api/classify')
          .send({ text: 'x'.repeat(20_001) })
          .expect(400)
      ).body.message,
    ).toContain('text must be at most 20000 characters');
    const notJson = await http
      .post('/api/classify')
      .set('content-type', 'application/json')
      .send('{"text": ')
      .expect(400);
    expect(notJson.body.message).toMatch(/JSON/);
  });

  it('stores a correction, applies it to the mention, and offers it for retraining', async () => {
    const thanks = await mentionByTitle('Thanks @acme, parcel arrived early');
    const http = await apiAs(app);
    const res = await http
      .post(`/api/mentions/${thanks.id}/label`)
      .send({ angry: true, category: 'delivery', note: 'sarcasm' })
      .expect(201);
    expect(res.body).toMatchObject({
      mentionId: thanks.id,
      angry: true,
      category: 'delivery',
      previousAngry: false,
    });
    expect(await data.getRepository(Mention).findOneByOrFail({ id: thanks.id })).toMatchObject({
      angry: true,
      category: 'delivery',
    });
    expect(await data.getRepository(ClassificationCorrection).countBy({ mentionId: thanks.id })).toBe(1);
    const examples = await app.get(CorrectionsService).asTrainingExamples();
    expect(examples).toEqual([{ text: thanks.text, label: 1, category: 'delivery', source: 'corrections' }]);
  });

  it('refuses corrections for unknown mentions (404) and bad bodies (400)', async () => {
    const http = await apiAs(app);
    expect(
      (await http.post('/api/mentions/999999/label').send({ angry: false }).expect(404)).body.message,
    ).toBe('mention 999999 does not exist');
    expect(
      (await http.post('/api/mentions/abc/label').send({ angry: false }).expect(400)).body.message,
    ).toMatch(/numeric string is expected/);
    const bad = await http
      .post('/api/mentions/1/label')
      .send({ angry: 'yes', category: 'weather' })
      .expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        'angry must be true or false',
        expect.stringMatching(/^category must be one of/),
      ]),
    );
  });

  it('loads a retrained model without a restart, and keeps the old one when the new file is broken', async () => {
    const http = await apiAs(app);
    const before = (await http.get('/api/classifier').expect(200)).body;
    expect(before.path).toBe(COMMITTED_MODEL);

    mkdirSync(dirname(trainedModel), { recursive: true });
    writeFileSync(trainedModel, '{"version": "broken"');
    const refused = await http.post('/api/classifier/reload').expect(422);
    expect(refused.body.message).toContain(`model file ${trainedModel} could not be loaded`);
    expect((await http.get('/api/classifier').expect(200)).body.version).toBe(before.version);

    const artefact = JSON.parse(readFileSync(COMMITTED_MODEL, 'utf8'));
    copyFileSync(COMMITTED_MODEL, trainedModel);
    writeFileSync(trainedModel, JSON.stringify({ ...artefact, version: `${artefact.version}-retrained` }));
    const reloaded = await http.post('/api/classifier/reload').expect(200);
    expect(reloaded.body).toMatchObject({ version: `${artefact.version}-retrained`, path: trainedModel });
  });
});
