import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule, APP_OPTIONS, configureApp } from '../../src/app.module';
import { configSchema, DefuseConfig } from '../../src/config/config.schema';
import { dataSourceOptions, describeDatabase } from '../../src/database/data-source.options';
import { DataSourceOptions } from 'typeorm';

const ROOT = join(__dirname, '..', '..');

export const ACME = {
  id: 'acme',
  name: 'Acme',
  query: { any: ['acme'], handles: ['@acme'], hashtags: ['#acme'] },
};

/**
 * Which database the tests run on: SQLite files (the default, `npm test`), or a PostgreSQL server
 * (`npm run test:postgres`: DEFUSE_TEST_DB=postgres, DATABASE_URL naming a server where the tests may
 * create databases, such as the throwaway cluster of test/support/postgres-cluster.sh).
 */
export const TEST_DB: 'sqlite' | 'postgres' =
  process.env.DEFUSE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
/** The server's own URL, read once: the helpers below point DATABASE_URL at each test database. */
const PG_ADMIN_URL = process.env.DEFUSE_TEST_ADMIN_URL ?? process.env.DATABASE_URL ?? '';
/** The URL each config from testConfig() runs on (PostgreSQL), for startApp(). */
const PG_URL_OF = new WeakMap<DefuseConfig, string>();

/** A validated config with test defaults: short timeouts, the Acme brand, no feeds unless given. */
export function testConfig(overrides: Record<string, unknown> = {}): DefuseConfig {
  const config = configSchema.parse({
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
    ...(TEST_DB === 'postgres' ? { database: { type: 'postgres' } } : {}),
  });
  if (TEST_DB === 'postgres') {
    // The database tempDbPath() made for this path; ":memory:" (or no path) gets a fresh one, as on SQLite.
    const path = (overrides.database as { path?: string } | undefined)?.path;
    const url = (path && PG_URL_OF_PATH.get(path)) || pgTestDatabase().url;
    PG_URL_OF.set(config, url);
    process.env.DATABASE_URL = url;
  }
  return config;
}

const PG_URL_OF_PATH = new Map<string, string>();

/** A new, empty PostgreSQL database on the test server; `drop` removes it. */
function pgTestDatabase(): { url: string; drop: () => void } {
  if (!PG_ADMIN_URL)
    throw new Error('DEFUSE_TEST_DB=postgres needs DATABASE_URL (see test/support/postgres-cluster.sh)');
  const env = { ...process.env, DATABASE_URL: PG_ADMIN_URL };
  const script = join(__dirname, 'pg-database.js');
  const url = execFileSync(process.execPath, [script, 'create'], { env, encoding: 'utf8' });
  const name = new URL(url).pathname.slice(1);
  return { url, drop: () => execFileSync(process.execPath, [script, 'drop', name], { env }) };
}

/**
 * A temporary directory holding a real SQLite file; removed by cleanup(). Under DEFUSE_TEST_DB=postgres
 * also a fresh database on the test server, which testConfig({ database: { path } }) runs on and
 * cleanup() drops.
 */
export function tempDbPath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-test-'));
  const path = join(dir, 'defuse.sqlite');
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (TEST_DB === 'sqlite') return { path, cleanup: removeDir };
  const pg = pgTestDatabase();
  PG_URL_OF_PATH.set(path, pg.url);
  return {
    path,
    cleanup: () => {
      PG_URL_OF_PATH.delete(path);
      pg.drop();
      removeDir();
    },
  };
}

/**
 * Options for a new, empty database of the run's kind, for a test that opens its own DataSource: SQLite in
 * memory, or (DEFUSE_TEST_DB=postgres) a fresh database on the test server that `drop()` removes.
 */
export function testDataSourceOptions(): { options: DataSourceOptions; drop: () => void } {
  if (TEST_DB === 'sqlite') return { options: dataSourceOptions(':memory:'), drop: () => undefined };
  const pg = pgTestDatabase();
  return { options: dataSourceOptions({ type: 'postgres' }, { DATABASE_URL: pg.url }), drop: pg.drop };
}

/**
 * For a CLI child process (runCli) on the same database as `config`: a line for its YAML file and its
 * environment. Nothing on SQLite (the test passes DEFUSE_DB); on PostgreSQL, `database.type` and the URL.
 */
export function cliDatabase(config: DefuseConfig): { yaml: string; env: Record<string, string> } {
  const url = PG_URL_OF.get(config);
  if (TEST_DB === 'sqlite' || !url) return { yaml: '', env: {} };
  return { yaml: 'database: {type: postgres}\n', env: { DATABASE_URL: url } };
}

/** A database for a suite that runs the CLI (runCli) itself, rather than through testConfig(). */
export interface CliTestDatabase {
  /** For runCli: DEFUSE_DB (the SQLite file), and on PostgreSQL DATABASE_URL. */
  env: Record<string, string>;
  /** A line for the CLI's YAML file: nothing on SQLite, `database: {type: postgres}` on PostgreSQL. */
  yaml: string;
  /** `database` for a config the suite parses itself; pass that config to use() before startApp(). */
  config: { path: string } | { type: 'postgres' };
  use: (config: DefuseConfig) => DefuseConfig;
  /** Options for the suite's own DataSource on the same database. */
  options: () => DataSourceOptions;
  /** How the CLI names the database in its output (describeDatabase). */
  label: string;
  /** Drops the PostgreSQL database (nothing on SQLite: the suite removes its directory). */
  drop: () => void;
}

/** The SQLite file at `path`, or (DEFUSE_TEST_DB=postgres) a fresh database on the test server. */
export function cliTestDatabase(path: string): CliTestDatabase {
  if (TEST_DB === 'sqlite')
    return {
      env: { DEFUSE_DB: path },
      yaml: '',
      config: { path },
      use: (config) => config,
      options: () => dataSourceOptions(path),
      label: describeDatabase(path),
      drop: () => undefined,
    };
  const pg = pgTestDatabase();
  const env = { DATABASE_URL: pg.url };
  return {
    env: { DEFUSE_DB: path, ...env },
    yaml: 'database: {type: postgres}\n',
    config: { type: 'postgres' },
    use: (config) => (PG_URL_OF.set(config, pg.url), config),
    options: () => dataSourceOptions({ type: 'postgres' }, env),
    label: describeDatabase({ type: 'postgres' }, env),
    drop: pg.drop,
  };
}

/** The real app (real migrations on a real database), HTTP not listening: use supertest on app.getHttpServer(). */
export async function startApp(config: DefuseConfig): Promise<INestApplication> {
  const url = PG_URL_OF.get(config);
  if (url) process.env.DATABASE_URL = url;
  // Never the server's own database: every PostgreSQL test runs on one it created.
  else if (config.database.type === 'postgres')
    throw new Error('startApp: a postgres config from testConfig() or cliTestDatabase().use(), please');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ ...APP_OPTIONS, logger: false }));
  await app.init();
  return app;
}
