import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSourceOptions } from 'typeorm';
import { databaseUrl } from '../config/config.loader';
import { FeedState } from '../ingest/entities/feed-state.entity';
import { MentionBrand } from '../ingest/entities/mention-brand.entity';
import { Mention } from '../ingest/entities/mention.entity';
import { RejectedItem } from '../ingest/entities/rejected-item.entity';
import { InitialIngest1763800000000 } from './migrations/1763800000000-initial-ingest';
import { Classification1763900000000 } from './migrations/1763900000000-classification';
import { Triage1764000000000 } from './migrations/1764000000000-triage';
import { TriageQueueSpeed1764100000000 } from './migrations/1764100000000-triage-queue-speed';
import { Users1764200000000 } from './migrations/1764200000000-users';
import { Sessions1764250000000 } from './migrations/1764250000000-sessions';
import { OverviewIndexes1764300000000 } from './migrations/1764300000000-overview-indexes';
import { Digest1764400000000 } from './migrations/1764400000000-digest';
import { AngryDayCounts1764500000000 } from './migrations/1764500000000-angry-day-counts';
import { FeedFirstPoll1764600000000 } from './migrations/1764600000000-feed-first-poll';
import { CaseOtherBrands1764650000000 } from './migrations/1764650000000-case-other-brands';
import { ClassifierRetrain1764800000000 } from './migrations/1764800000000-classifier-retrain';
import { Instances1764900000000 } from './migrations/1764900000000-instances';
import { CorrectionText1764950000000 } from './migrations/1764950000000-correction-text';
import { ApiToken } from '../auth/api-token.entity';
import { DigestPreference } from '../digest/preferences/digest-preference.entity';
import { DigestSend } from '../digest/digest-send.entity';
import { UserSession } from '../auth/session.entity';
import { User } from '../users/user.entity';
import { ClassificationCorrection } from '../classifier/corrections/classification-correction.entity';
import { ClassifierRetrain } from '../classifier/retrain/classifier-retrain.entity';
import { CaseEvent } from '../triage/entities/case-event.entity';
import { CaseMention } from '../triage/entities/case-mention.entity';
import { CaseOtherBrand } from '../triage/entities/case-other-brand.entity';
import { Compensation } from '../triage/entities/compensation.entity';
import { FollowUp } from '../triage/entities/follow-up.entity';
import { TriageCase } from '../triage/entities/triage-case.entity';

export const ENTITIES = [
  ...[Mention, MentionBrand, FeedState, RejectedItem, ClassificationCorrection, ClassifierRetrain],
  ...[TriageCase, CaseMention, CaseOtherBrand, CaseEvent, FollowUp, Compensation],
  ...[User, UserSession, ApiToken, DigestPreference, DigestSend],
];
export const MIGRATIONS = [
  InitialIngest1763800000000,
  Classification1763900000000,
  Triage1764000000000,
  TriageQueueSpeed1764100000000,
  Users1764200000000,
  Sessions1764250000000,
  OverviewIndexes1764300000000,
  Digest1764400000000,
  AngryDayCounts1764500000000,
  FeedFirstPoll1764600000000,
  CaseOtherBrands1764650000000,
  ClassifierRetrain1764800000000,
  Instances1764900000000,
  CorrectionText1764950000000,
];

/**
 * WAL with synchronous=NORMAL: a commit no longer waits for an fsync (measured ~13 ms each, 2.6 s of a
 * 100,000-mention ingest). A power cut may lose the last commits but never corrupts the file
 * (https://sqlite.org/wal.html). TypeORM has no option for it, so every connection runs the pragma as
 * it opens (sqlite3 queues statements until the file is open).
 */
class TunedDatabase extends sqlite3.Database {
  constructor(...args: ConstructorParameters<typeof sqlite3.Database>) {
    super(...args);
    this.run('PRAGMA synchronous = NORMAL');
  }
}
const TUNED_SQLITE3 = { ...sqlite3, Database: TunedDatabase };

/** What `database` in the configuration says (see config.schema.ts); a bare string is a SQLite path. */
export type DatabaseSettings = string | { type?: 'sqlite' | 'postgres'; path?: string };

/**
 * The one place the database is configured, shared by the app, the CLI, the migration script and the
 * tests: migrations (never synchronize), run each in its own transaction.
 * - SQLite (the default) through sqlite3: WAL journal, foreign keys on. `path` may be ":memory:".
 * - PostgreSQL through `pg` (TypeORM's PostgreSQL driver), at the URL in the environment variable
 *   DATABASE_URL (never in YAML: it holds the password).
 */
export function dataSourceOptions(
  settings: DatabaseSettings,
  env: NodeJS.ProcessEnv = process.env,
): DataSourceOptions {
  const { type = 'sqlite', path = 'data/defuse.sqlite' } =
    typeof settings === 'string' ? { path: settings } : settings;
  if (type === 'postgres') return postgresOptions(databaseUrl(env));
  return sqliteOptions(path);
}

function postgresOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    applicationName: 'defuse',
  };
}

function sqliteOptions(path: string): DataSourceOptions {
  const database = path === ':memory:' ? path : resolve(path);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    type: 'sqlite',
    database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: database !== ':memory:',
    busyTimeout: 5000,
    logging: ['error'],
    // TypeORM always calls sqlite3.verbose(), which wraps every call to build long stack traces and
    // util.inspect()s every parameter: measured at 5% of ingest CPU. Hand it the module without that.
    driver: { ...TUNED_SQLITE3, verbose: () => TUNED_SQLITE3 },
  };
}

/** For logs: the SQLite file, or the PostgreSQL server and database without the user or password. */
export function describeDatabase(settings: DatabaseSettings, env: NodeJS.ProcessEnv = process.env): string {
  const { type = 'sqlite', path = 'data/defuse.sqlite' } =
    typeof settings === 'string' ? { path: settings } : settings;
  if (type === 'sqlite') return path;
  try {
    const url = new URL(databaseUrl(env));
    return `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
