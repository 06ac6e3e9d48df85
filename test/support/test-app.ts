import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule, APP_OPTIONS, configureApp } from '../../src/app.module';
import { configSchema, DefuseConfig } from '../../src/config/config.schema';

const ROOT = join(__dirname, '..', '..');

export const ACME = {
  id: 'acme',
  name: 'Acme',
  query: { any: ['acme'], handles: ['@acme'], hashtags: ['#acme'] },
};

/** A validated config with test defaults: short timeouts, the Acme brand, no feeds unless given. */
export function testConfig(overrides: Record<string, unknown> = {}): DefuseConfig {
  return configSchema.parse({
    brands: [ACME],
    // The cheapest bcrypt cost: tests create many users and sign in often.
    auth: { bcryptRounds: 4 },
    http: { timeout: '2s', maxBodyBytes: 1_000_000, maxRedirects: 3, userAgent: 'Defuse-test' },
    polling: { interval: '5m', jitter: 0, concurrency: 4, maxBackoff: '1h' },
    // The committed model; never a retrained one a developer may have left in data/.
    classifier: {
      model: join(ROOT, 'models/complaint-model.json'),
      trainedModel: join(ROOT, 'test/fixtures/no-such-model.json'),
    },
    ...overrides,
  });
}

/** A temporary directory holding a real SQLite file; removed by cleanup(). */
export function tempDbPath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-test-'));
  return { path: join(dir, 'defuse.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real app (real migrations on a real SQLite file), HTTP not listening: use supertest on app.getHttpServer(). */
export async function startApp(config: DefuseConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ ...APP_OPTIONS, logger: false }));
  await app.init();
  return app;
}
