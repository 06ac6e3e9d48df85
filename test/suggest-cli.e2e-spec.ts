import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Classification } from '../src/classifier/classifier.types';
import { brandPolicies, suggestLine, SuggestContext } from '../src/cli/suggest.command';
import { ConfigError } from '../src/config/config.loader';
import type { DefuseConfig } from '../src/config/config.schema';
import { DEFAULT_REPLY_POLICY } from '../src/replies/reply-policy';
import { runCli } from './support/run-cli';

// Each test starts the CLI (ts-node) two to four times: ~5 s each alone, 15 s or more on a busy machine.
jest.setTimeout(120_000);

interface Reply {
  text: string;
  platform: string;
  chars: number;
  limit: number;
  kind: string;
  approach: string;
}
type Out = { id?: unknown; replies?: Reply[]; error?: string };

const dir = mkdtempSync(join(tmpdir(), 'defuse-suggest-'));
const config = join(dir, 'brands.yaml');
writeFileSync(
  config,
  [
    'brands:',
    '  - id: acme',
    '    name: Acme',
    '    query: { any: [acme] }',
    '  - id: globex',
    '    name: Globex',
    '    query: { any: [globex] }',
  ].join('\n'),
);
const env = { DEFUSE_CONFIG: config };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (stdout: string): Out[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Out);

describe('npx defuse suggest', () => {
  it('answers one JSON line per input line, errors for bad lines, and goes on', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: '@acme still waiting since the 3rd for my order. F***ing joke',
        author: 'jane',
      }),
      JSON.stringify({ id: 'b', text: 'Globex charged me twice!!', platform: 'bluesky', brand: 'globex' }),
      '',
      '{"id": "c", "text": "unterminated',
      '{not json',
      JSON.stringify({ id: 'd' }),
      JSON.stringify({ id: 7, text: 42 }),
      JSON.stringify(['an', 'array']),
      JSON.stringify({ id: 'e', text: 'late again', brand: 'initech' }),
      JSON.stringify({ id: 'f', text: 'late again', platform: 5 }),
      '   ',
      JSON.stringify({ text: 'my parcel never arrived', platform: 'reddit', author: 'someone' }),
    ].join('\n');
    const { code, stdout } = await runCli(['suggest'], env, { input });
    expect(code).toBe(0);
    const out = parse(stdout);
    expect(out).toHaveLength(10);
    expect(Object.keys(out[0])).toEqual(['id', 'replies']);
    expect(out[0].id).toBe('a');
    expect(out[0].replies!.length).toBeGreaterThanOrEqual(3);
    for (const r of out[0].replies!) {
      expect(Object.keys(r)).toEqual(['text', 'platform', 'chars', 'limit', 'kind', 'approach']);
      expect(r.kind).toBe('complaint');
      // No platform given: drafted for X, addressed to the author, within 280 weighted characters.
      expect(r).toMatchObject({ platform: 'x', limit: 280 });
      expect(r.chars).toBeLessThanOrEqual(280);
      expect(r.text.startsWith('@jane ')).toBe(true);
      expect(r.text).not.toMatch(/f\*+ing|joke/i);
    }
    expect(out[1]).toMatchObject({ id: 'b' });
    for (const r of out[1].replies!) expect(r).toMatchObject({ platform: 'bluesky', limit: 300 });
    expect(out[2]).toEqual({ id: 'c', error: expect.stringMatching(/^not valid JSON/) });
    expect(out[3]).toEqual({ error: expect.stringMatching(/^not valid JSON/) });
    expect(out[4]).toEqual({ id: 'd', error: 'missing "text"' });
    expect(out[5]).toEqual({ id: 7, error: '"text" must be a string' });
    expect(out[6]).toEqual({ error: expect.stringMatching(/JSON object/) });
    expect(out[7]).toEqual({ id: 'e', error: 'unknown brand "initech" (known: acme, globex)' });
    expect(out[8]).toEqual({ id: 'f', error: '"platform" must be a string' });
    expect(out[9].id).toBeNull();
    for (const r of out[9].replies!) {
      expect(r.platform).toBe('reddit');
      expect(r.text.startsWith('@')).toBe(false);
    }
  });

  it('gives the same drafts for the same case, signed with the initials given', async () => {
    const input = JSON.stringify({
      id: 'case-42',
      text: 'Locked out of my account for 3 days',
      platform: 'mastodon',
    });
    const first = await runCli(['suggest', '--initials', 'jd'], env, { input });
    const second = await runCli(['suggest', '--initials', 'jd'], env, { input });
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    for (const r of parse(first.stdout)[0].replies!) expect(r.text.endsWith(' ^JD')).toBe(true);
  });

  it('prints nothing and exits 0 on empty input', async () => {
    const { code, stdout } = await runCli(['suggest'], env, { input: '' });
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('exits 1 with a message when the model cannot be loaded, 2 on a bad configuration', async () => {
    const model = await runCli(['suggest', '--model', '/nonexistent/model.json'], env, { input: '' });
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(/cannot load classifier model \/nonexistent\/model\.json/);
    const missing = await runCli(['suggest'], { DEFUSE_CONFIG: join(dir, 'missing.yaml') }, { input: '' });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
  });
});

describe('suggest internals (reply policies from the configuration)', () => {
  const angry: Classification = {
    angry: true,
    score: 0.9,
    intensity: 'high',
    category: 'delivery',
    reasons: ["'never arrived' (delivery & shipping)"],
    flags: {
      legalThreat: false,
      safetyRisk: false,
      churnThreat: false,
      pressOrInfluencer: false,
      personalStakes: [],
    },
  };
  const cfg = (replies: unknown): DefuseConfig =>
    ({
      brands: [{ id: 'acme', name: 'Acme', query: { any: ['acme'] }, replies }],
    }) as unknown as DefuseConfig;

  it("reads a brand's reply policy and drafts with its channel, time and remedies", () => {
    const brands = brandPolicies(
      cfg({ dmHandle: 'AcmeHelp', responseTime: '2 hours', remedies: { refund: true } }),
      'brands.yaml',
    );
    const ctx: SuggestContext = { brands, classify: () => angry, initials: null, platform: 'x' };
    const out = JSON.parse(suggestLine(ctx, JSON.stringify({ id: 1, text: 'parcel never arrived' }))) as Out;
    expect(out.replies!.map((r) => r.approach)).toEqual(['next-step', 'brief', 'remedy']);
    for (const r of out.replies!) expect(r.text).toContain('@AcmeHelp');
    // No time but the configured one is ever promised.
    for (const r of out.replies!) expect(r.text).not.toMatch(/within (?!2 hours)/);
    expect(out.replies![0].text).toMatch(/your order number .*track down your order/);
    expect(out.replies![2].text).toMatch(/a refund/);
  });

  it('falls back to the default policy without one, and refuses a bad one with its path', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(brandPolicies(cfg(undefined), 'brands.yaml').get('acme')?.policy).toBe(DEFAULT_REPLY_POLICY);
      expect(write).toHaveBeenCalledWith(expect.stringMatching(/brand "acme" has no reply policy/));
    } finally {
      write.mockRestore();
    }
    expect(() => brandPolicies(cfg({ responseTime: 'soon' }), 'brands.yaml')).toThrow(ConfigError);
    expect(() => brandPolicies(cfg({ responseTime: 'soon' }), 'brands.yaml')).toThrow(
      /brands\.yaml: invalid reply policy\n {2}- brands\[0\]\.replies\.responseTime: expected a response time/,
    );
  });
});
