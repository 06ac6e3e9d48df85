import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from './config.loader';
import { configErrorOf } from '../../test/support/config-error';

const dir = mkdtempSync(join(tmpdir(), 'defuse-config-'));
function yamlFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
const BRAND = `brands:\n  - id: acme\n    name: Acme\n    query:\n      any: [acme]\n`;

describe('loadConfig', () => {
  it('loads the shipped default configuration with the offline demo feed', () => {
    const sut = loadConfig(resolve('config/default.yaml'), {});
    expect(sut.brands.map((b) => b.id)).toEqual(['acme']);
    const enabled = sut.feeds.filter((f) => f.enabled);
    expect(enabled).toEqual([expect.objectContaining({ id: 'acme-sample', type: 'file', interval: 60_000 })]);
    expect(sut.server.port).toBe(3000);
    expect(sut.database.path).toBe('data/defuse.sqlite');
  });

  it('fills defaults and parses durations', () => {
    const sut = loadConfig(
      yamlFile(
        'min.yaml',
        `${BRAND}feeds:\n  - {id: f1, type: feed, url: "http://x.test/a.rss", interval: 90s}\n`,
      ),
      {},
    );
    expect(sut.polling).toEqual({
      enabled: true,
      interval: 300_000,
      jitter: 0.1,
      concurrency: 4,
      lease: 60_000,
      maxBackoff: 3_600_000,
    });
    expect(sut.feeds[0]).toMatchObject({ interval: 90_000, enabled: true, maxPages: 5 });
  });

  it('names the file, the key and what is expected for a bad value', () => {
    const file = yamlFile(
      'bad.yaml',
      `${BRAND}feeds:\n  - {id: m1, type: mastodon, instance: "ftp://x", mode: tag, tag: acme}\npolling:\n  interval: soon\n`,
    );
    const err = configErrorOf(() => loadConfig(file, {}));
    expect(err.message).toContain(file);
    expect(err.message).toContain('feeds[0].instance: expected an http(s) URL (got "ftp://x")');
    expect(err.message).toContain(
      'polling.interval: expected an interval such as "30s", "5m", "1h", "2d" or a number of seconds (got "soon")',
    );
  });

  it('validates the classifier retrain schedule, naming the key', () => {
    const ok = loadConfig(resolve('config/default.yaml'), {});
    expect(ok.classifier.retrain).toEqual({ enabled: true, cron: '0 3 * * *', timeZone: 'UTC' });
    const file = yamlFile('cron.yaml', `${BRAND}classifier:\n  retrain:\n    cron: nightly\n`);
    const err = configErrorOf(() => loadConfig(file, {}));
    expect(err.message).toContain(
      'classifier.retrain.cron: expected a cron expression such as "0 3 * * *" (minute hour day month weekday)',
    );
    const zone = yamlFile('zone.yaml', `${BRAND}classifier:\n  retrain:\n    timeZone: Mars/Olympus\n`);
    expect(configErrorOf(() => loadConfig(zone, {})).message).toContain('classifier.retrain.timeZone');
  });

  it('refuses secrets written in the YAML and points to the environment variable key', () => {
    const file = yamlFile(
      'secret.yaml',
      `${BRAND}feeds:\n  - {id: b1, type: bluesky, handle: me.bsky.social, password: hunter2, passwordEnv: BSKY, query: acme}\n`,
    );
    const err = configErrorOf(() => loadConfig(file, {}));
    expect(err.message).toContain(
      'feeds[0].password: secrets do not belong in YAML: name an environment variable with "passwordEnv" instead',
    );
    expect(err.message).not.toContain('hunter2');
  });

  it('rejects unknown keys and unknown feed types', () => {
    const file = yamlFile(
      'keys.yaml',
      `${BRAND}feeds:\n  - {id: f1, type: rss, url: "http://x.test"}\n  - {id: f2, type: feed, url: "http://x.test", colour: red}\n`,
    );
    const err = configErrorOf(() => loadConfig(file, {}));
    expect(err.message).toContain(
      'feeds[0].type: expected type to be one of feed, file, mastodon, bluesky, reddit, hackernews (got "rss")',
    );
    expect(err.message).toContain('feeds[1]: unknown key "colour"');
  });

  it('rejects duplicate ids and feeds attached to unknown brands', () => {
    const file = yamlFile(
      'refs.yaml',
      `${BRAND}  - id: acme\n    name: Again\n    query: {any: [x]}\nfeeds:\n  - {id: f1, type: feed, url: "http://x.test", brands: [nope]}\n  - {id: f1, type: feed, url: "http://y.test"}\n`,
    );
    const err = configErrorOf(() => loadConfig(file, {}));
    expect(err.message).toContain('brands[1].id: duplicate brand id "acme"');
    expect(err.message).toContain('feeds[0].brands[0]: unknown brand "nope" (known: acme)');
    expect(err.message).toContain('feeds[1].id: duplicate feed id "f1"');
  });

  it('requires a tag for a Mastodon tag feed and at least one term per brand', () => {
    const file = yamlFile(
      'tag.yaml',
      `brands:\n  - {id: acme, name: Acme, query: {}}\nfeeds:\n  - {id: m1, type: mastodon, instance: "https://m.test", mode: tag}\n`,
    );
    const err = configErrorOf(() => loadConfig(file, {}));
    expect(err.message).toContain(
      'brands[0].query: a brand needs at least one of query.any, query.handles or query.hashtags',
    );
    expect(err.message).toContain('feeds[0].tag: expected a tag when mode is "tag"');
  });

  it('explains a missing file and broken YAML', () => {
    expect(configErrorOf(() => loadConfig(join(dir, 'missing.yaml'), {})).message).toMatch(
      /missing\.yaml: cannot read the configuration file \(ENOENT\)/,
    );
    const err = configErrorOf(() => loadConfig(yamlFile('broken.yaml', 'brands: [\n  - id: x\n'), {}));
    expect(err.message).toMatch(/broken\.yaml: invalid YAML/);
  });

  it('takes PORT and DEFUSE_DB from the environment, and refuses a bad PORT', () => {
    const file = yamlFile('env.yaml', BRAND);
    const sut = loadConfig(file, { PORT: '8080', DEFUSE_DB: '/tmp/other.sqlite' });
    expect(sut.server.port).toBe(8080);
    expect(sut.database.path).toBe('/tmp/other.sqlite');
    expect(configErrorOf(() => loadConfig(file, { PORT: 'eighty' })).message).toBe(
      'environment: PORT: expected a whole number from 1 to 65535, got "eighty"',
    );
  });
  it('runs on PostgreSQL with type postgres and the URL from DATABASE_URL only, explaining what is wrong', () => {
    expect(loadConfig(yamlFile('sqlite.yaml', BRAND), {}).database).toEqual({
      type: 'sqlite',
      path: 'data/defuse.sqlite',
    });
    const pg = yamlFile('pg.yaml', `${BRAND}database:\n  type: postgres\n`);
    const url = 'postgres://defuse:secret@127.0.0.1:5432/defuse';
    expect(loadConfig(pg, { DATABASE_URL: url }).database.type).toBe('postgres');
    expect(configErrorOf(() => loadConfig(pg, {})).message).toMatch(
      /^environment: DATABASE_URL is not set: database\.type is "postgres"/,
    );
    expect(configErrorOf(() => loadConfig(pg, { DATABASE_URL: 'mysql://x/y' })).message).toBe(
      'environment: DATABASE_URL: expected a postgres:// or postgresql:// URL',
    );
    const typo = yamlFile('typo.yaml', `${BRAND}database:\n  type: postgresql\n`);
    expect(configErrorOf(() => loadConfig(typo, {})).message).toContain(
      'database.type: expected "sqlite" or "postgres" (got "postgresql")',
    );
    const inline = yamlFile('inline-url.yaml', `${BRAND}database:\n  type: postgres\n  url: ${url}\n`);
    const err = configErrorOf(() => loadConfig(inline, { DATABASE_URL: url })).message;
    expect(err).toContain(
      'database.url: secrets do not belong in YAML: set the environment variable DATABASE_URL instead',
    );
    expect(err).not.toContain('secret@');
  });
});
