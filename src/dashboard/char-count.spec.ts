import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComplaintClassifier, DEFAULT_MODEL_PATH } from '../classifier/complaint-classifier';
import { composeReplies } from '../replies/reply-composer';
import { DEFAULT_REPLY_POLICY } from '../replies/reply-policy';
import { countChars } from '../replies/platform-length';

const ROOT = join(__dirname, '..', '..');
const PLATFORMS = ['x', 'twitter', 'bluesky', 'mastodon', 'reddit', 'other'];

/**
 * The page counts reply length in the browser with its own copy of the rules (an ES module; the
 * server's is CommonJS TypeScript). This runs the page's module in Node and holds it to the server's
 * counts, so the two cannot drift apart unnoticed.
 */
function pageCounts(cases: { text: string; platform: string }[]): number[] {
  const moduleUrl = `file://${join(__dirname, 'public', 'char-count.js')}`;
  const script = `import { countChars } from ${JSON.stringify(moduleUrl)};
    let input = ''; process.stdin.on('data', (d) => (input += d));
    process.stdin.on('end', () => process.stdout.write(JSON.stringify(
      JSON.parse(input).map((c) => countChars(c.text, c.platform)))));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(cases),
  });
  return JSON.parse(out.toString()) as number[];
}

describe("the page's character counter agrees with the server's", () => {
  const posts = readFileSync(join(ROOT, 'test/fixtures/replies/posts.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; platform: string; author?: string });
  const tricky = [
    'See https://acme.example/help/orders?id=12345, then reply.',
    'acme.com/help and example.co.uk/x and not.a.link',
    '@sam@mastodon.social we are on it https://acme.example/very/long/path/that/is/longer/than/23',
    'Family: 👨‍👩‍👧‍👦 flags: 🇬🇧🇫🇷 skin: 👍🏽 keycap: 1️⃣ plain ☺',
    '日本語のテキスト、絵文字😀と混在。한국어도 있어요.',
    'e\u0301 vs é, and “quotes” — dashes… ellipsis',
    '',
  ];
  const classifier = ComplaintClassifier.load(DEFAULT_MODEL_PATH);
  const drafts = posts.flatMap((p, i) =>
    composeReplies({
      caseKey: String(i),
      text: p.text,
      platform: p.platform,
      author: p.author,
      brandName: 'Acme',
      policy: DEFAULT_REPLY_POLICY,
      classification: classifier.classify(p.text),
      agentInitials: 'JD',
    }).map((d) => d.text),
  );
  const texts = [...posts.map((p) => p.text), ...tricky, ...drafts];
  const cases = texts.flatMap((text) => PLATFORMS.map((platform) => ({ text, platform })));

  it(`on ${texts.length} texts (the reply corpus, its drafts, URLs, emoji, CJK) × ${PLATFORMS.length} platforms`, () => {
    expect(cases.length).toBeGreaterThan(500);
    expect(pageCounts(cases)).toEqual(cases.map((c) => countChars(c.text, c.platform)));
  });
});
