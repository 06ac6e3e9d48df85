import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Mention } from '../src/ingest/entities/mention.entity';
import { PollService } from '../src/ingest/poll.service';
import { configSchema } from '../src/config/config.schema';
import { runCli } from './support/run-cli';
import { cliTestDatabase, startApp } from './support/test-app';
import { apiAs } from './support/auth';

const ROOT = resolve(__dirname, '..');

describe('npx defuse train --with-corrections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-train-'));
  const database = cliTestDatabase(join(dir, 'train.sqlite'));
  const env = { DEFUSE_CONFIG: join(dir, 'defuse.yaml'), ...database.env };
  const trainedModel = join(dir, 'models', 'complaint-model.json');

  afterAll(() => {
    database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("learns from managers' corrections, writes the model the app prefers, and the app loads it without a restart", async () => {
    const yaml =
      `brands:\n  - {id: acme, name: Acme, query: {any: [acme]}}\n` +
      `classifier:\n  model: ${join(ROOT, 'models/complaint-model.json')}\n  trainedModel: ${trainedModel}\n` +
      `feeds:\n  - {id: sample, type: file, path: ${join(ROOT, 'config/samples/acme-mentions.xml')}}\n` +
      database.yaml;
    writeFileSync(env.DEFUSE_CONFIG, yaml);
    const config = database.use(
      configSchema.parse({
        brands: [{ id: 'acme', name: 'Acme', query: { any: ['acme'] } }],
        database: database.config,
        classifier: { model: join(ROOT, 'models/complaint-model.json'), trainedModel },
        feeds: [{ id: 'sample', type: 'file', path: join(ROOT, 'config/samples/acme-mentions.xml') }],
      }),
    );
    const app = await startApp(config);
    try {
      await app.get(PollService).pollAll();
      const mentions = await app
        .get(DataSource)
        .getRepository(Mention)
        .find({ order: { id: 'ASC' } });
      const http = await apiAs(app);
      await http
        .post(`/api/mentions/${mentions[0].id}/label`)
        .send({ angry: !mentions[0].angry })
        .expect(201);
      await http
        .post(`/api/mentions/${mentions[1].id}/label`)
        .send({ angry: !mentions[1].angry, category: 'other' })
        .expect(201);

      const run = await runCli(['train', '--with-corrections', '--date', '2026-11-22'], env);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`folding in 2 correction(s) from ${database.label}`);
      expect(run.stdout).toMatch(/^model 2026-11-22\.[0-9a-f]{8} \(\d+ weights\)$/m);
      expect(run.stdout).toMatch(/^brands pooled, untouched\s+4024\s/m);
      expect(run.stdout).toContain('POST /api/classifier/reload');
      expect(existsSync(trainedModel)).toBe(true);
      const artefact = JSON.parse(readFileSync(trainedModel, 'utf8'));
      expect(artefact.training.sources).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ source: 'corrections', examples: expect.any(Number) }),
        ]),
      );

      const reloaded = await http.post('/api/classifier/reload').expect(200);
      expect(reloaded.body).toMatchObject({ version: artefact.version, path: trainedModel });
    } finally {
      await app.close();
    }
  }, 120_000);
});
