import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { configSchema, DefuseConfig } from './config.schema';

export const DEFAULT_CONFIG_FILE = 'config/default.yaml';

/** A configuration that cannot be used; the message names the file, the key and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Where the configuration comes from: `DEFUSE_CONFIG`, else config/default.yaml (relative to the working directory). */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DEFUSE_CONFIG || DEFAULT_CONFIG_FILE);
}

/**
 * Reads, parses and validates the YAML configuration, then applies environment overrides
 * (`PORT`, `DEFUSE_DB`); with `database.type: postgres`, DATABASE_URL must be set. Throws ConfigError
 * listing every problem at once.
 */
export function loadConfig(file = configFilePath(), env: NodeJS.ProcessEnv = process.env): DefuseConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `${file}: cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      `${file}: invalid YAML\n${doc.errors.map((e) => `  - ${e.message.split('\n')[0]}`).join('\n')}`,
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const overridden = applyEnvOverrides(raw, env);
  const result = configSchema.safeParse(overridden);
  if (!result.success) throw new ConfigError(describeIssues(file, result.error.issues, overridden));
  if (result.data.database.type === 'postgres') databaseUrl(env);
  return result.data;
}

/**
 * The PostgreSQL connection URL, from the environment only (it holds the password). Throws a
 * ConfigError naming the variable when it is missing or not a postgres:// URL.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url)
    throw new ConfigError(
      'environment: DATABASE_URL is not set: database.type is "postgres", and the server URL ' +
        '(postgres://user:password@host:5432/database) comes only from that variable',
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError('environment: DATABASE_URL: expected a postgres:// or postgresql:// URL');
  return url;
}

function applyEnvOverrides(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const cfg = { ...(raw as Record<string, unknown>) };
  if (env.PORT !== undefined && env.PORT !== '') {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ConfigError(`environment: PORT: expected a whole number from 1 to 65535, got "${env.PORT}"`);
    }
    cfg.server = { ...asRecord(cfg.server), port };
  }
  if (env.DEFUSE_DB) cfg.database = { ...asRecord(cfg.database), path: env.DEFUSE_DB };
  return cfg;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** "feeds[2].instance" style key paths, with the offending value when it is short. */
function describeIssues(file: string, issues: z.core.$ZodIssue[], input: unknown): string {
  const lines = issues.map((issue) => {
    const key = formatPath(issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    // Never echo a secret someone pasted into the YAML.
    const isSecret = issue.code === 'invalid_type' && issue.expected === 'never';
    const value = isSecret ? undefined : valueAt(input, issue.path);
    const shown =
      value !== undefined && issue.code !== 'unrecognized_keys'
        ? ` (got ${JSON.stringify(value)?.slice(0, 60)})`
        : '';
    return `  - ${key || '(top level)'}: ${message}${shown}`;
  });
  return `${file}: invalid configuration\n${lines.join('\n')}`;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    '',
  );
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return typeof cur === 'object' ? undefined : cur;
}
