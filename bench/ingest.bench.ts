import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configSchema } from '../src/config/config.schema';
import { PollService } from '../src/ingest/poll.service';
import { Mention } from '../src/ingest/entities/mention.entity';
import { TriageCase } from '../src/triage/entities/triage-case.entity';

const FEEDS = 200;
const PER_FEED = 500;

/**
 * Ingest end to end (HTTP fetch, parse, match, classify, store, open cases) of 100,000 items in 200 RSS
 * documents served on loopback: once where five posts in six are complaints (the worst case for case
 * intake: 9,973 authors posting every 2.8 hours, so most complaints join a thread), once with calm posts
 * mixed in (one in four texts is a complaint; the classifier flags about half, see the flagged count).
 */
export async function benchIngest(): Promise<Record<string, string | number>> {
  return {
    ...(await ingestRun('complaints', 'ingest')),
    ...(await ingestRun('mixed', 'ingest, calm posts mixed in')),
  };
}

async function ingestRun(
  mix: 'complaints' | 'mixed',
  label: string,
): Promise<Record<string, string | number>> {
  const server = spawn(
    process.execPath,
    [join(__dirname, 'feed-server.js'), String(FEEDS), String(PER_FEED), mix],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((resolve) =>
    server.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  const dir = mkdtempSync(join(tmpdir(), 'defuse-bench-'));
  process.env.DEFUSE_SCHEDULER = 'off';
  const config = configSchema.parse({
    database: { path: join(dir, 'bench.sqlite') },
    http: { timeout: '60s', maxBodyBytes: 20_000_000 },
    polling: { concurrency: 4 },
    brands: [{ id: 'acme', name: 'Acme', query: { any: ['acme'], handles: ['@acme'], hashtags: ['#acme'] } }],
    feeds: Array.from({ length: FEEDS }, (_, i) => ({
      id: `bench-${i}`,
      type: 'feed',
      url: `${baseUrl}/feed/${i}.rss`,
    })),
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const summaries = await app.get(PollService).pollAll();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const stored = await app.get(DataSource).getRepository(Mention).count();
  const flagged = await app.get(DataSource).getRepository(Mention).countBy({ angry: true });
  const cases = await app.get(DataSource).getRepository(TriageCase).count();
  const failed = summaries.filter((s) => s.error);
  await app.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
  if (failed.length) throw new Error(`${failed.length} feeds failed, e.g. ${failed[0].error}`);
  return {
    [`${label}: items`]: FEEDS * PER_FEED,
    [`${label}: mentions stored`]: stored,
    [`${label}: flagged, cases opened`]: `${flagged}, ${cases}`,
    [`${label}: seconds`]: seconds.toFixed(2),
    [`${label}: mentions/s`]: Math.round(stored / seconds),
    [`${label}: CPU seconds (main process, user+system)`]: ((cpu.user + cpu.system) / 1e6).toFixed(2),
    [`${label}: peak RSS MB`]: Math.round(peakRss / 1024 / 1024),
  };
}
