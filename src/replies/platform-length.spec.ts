import { countChars as sut, fits, limitFor, normalisePlatform } from './platform-length';

const FAMILY = '👩\u200d👩\u200d👧\u200d👦'; // one ZWJ sequence, seven code points
const FLAG = '🇫🇷';
const THUMB_DARK = '👍🏾';
const E_ACUTE_COMBINING = 'e\u0301'; // "é" as e + combining acute accent
const URL = 'https://example.com/a/very/long/path/that/goes/on/and/on?with=query&and=more';

describe('limitFor', () => {
  it.each([
    ['x', 280],
    ['twitter', 280],
    ['X', 280],
    ['bluesky', 300],
    ['mastodon', 500],
    ['reddit', 10_000],
    ['feed', 280],
    ['hackernews', 280],
    ['linkedin', 280],
  ])('%s: %i', (platform, limit) => {
    expect(limitFor(platform)).toBe(limit);
  });

  it("uses the Mastodon instance's configured limit", () => {
    expect(limitFor('mastodon', { mastodonLimit: 1000 })).toBe(1000);
    expect(limitFor('x', { mastodonLimit: 1000 })).toBe(280);
  });

  it('knows the platform names', () => {
    expect(normalisePlatform(' Twitter ')).toBe('x');
    expect(normalisePlatform('bsky')).toBe('bluesky');
    expect(normalisePlatform('hackernews')).toBe('other');
  });
});

describe('countChars on X (twitter-text v3 weighting)', () => {
  it.each([
    ['plain Latin text', 'hello world', 11],
    ['a URL counts 23 whatever its length', URL, 23],
    ['a short URL still counts 23', 'https://t.co/x', 23],
    ['trailing punctuation is not part of the URL', `see ${URL}.`, 4 + 23 + 1],
    ['two URLs', `${URL} ${URL}`, 47],
    ['a bare domain with a common TLD is a URL', 'visit acme.com now', 6 + 23 + 4],
    ['an email address is not a URL', 'help@acme.com', 13],
    ['an emoji counts 2', '👍', 2],
    ['an emoji with a skin tone counts 2', THUMB_DARK, 2],
    ['a ZWJ family counts 2', FAMILY, 2],
    ['a flag counts 2', FLAG, 2],
    ['CJK counts 2 per character', '日本語', 6],
    ['Latin with a precomposed accent counts 1', 'é', 1],
    ['a combining accent is normalised (NFC) first', E_ACUTE_COMBINING, 1],
    ['curly quotes and dashes count 1', '“ok” – fine — ‘yes’', 19],
    ['an ellipsis character counts 2', '…', 2],
    ['Cyrillic counts 1', 'привет', 6],
  ])('%s', (_what, text, expected) => {
    expect(sut(text, 'x')).toBe(expected);
  });

  it('fits 280 weighted characters, not one more', () => {
    expect(fits('a'.repeat(280), 'x')).toBe(true);
    expect(fits('a'.repeat(281), 'x')).toBe(false);
    expect(fits('👍'.repeat(140), 'x')).toBe(true);
    expect(fits('👍'.repeat(140) + 'a', 'x')).toBe(false);
    expect(fits('日'.repeat(141), 'x')).toBe(false);
    expect(fits(`${'a'.repeat(256)} ${URL}`, 'x')).toBe(true);
  });
});

describe('countChars on Bluesky (graphemes)', () => {
  it.each([
    ['a ZWJ family is one grapheme', FAMILY, 1],
    ['a flag is one grapheme', FLAG, 1],
    ['a skin-toned emoji is one grapheme', THUMB_DARK, 1],
    ['a combining accent joins its letter', E_ACUTE_COMBINING, 1],
    ['CJK counts 1 per character', '日本語', 3],
    ['URLs count at full length', 'https://acme.com/help', 21],
  ])('%s', (_what, text, expected) => {
    expect(sut(text, 'bluesky')).toBe(expected);
  });

  it('allows 300 graphemes even when they are 7 code points each', () => {
    expect(fits(FAMILY.repeat(300), 'bluesky')).toBe(true);
    expect(fits(FAMILY.repeat(301), 'bluesky')).toBe(false);
  });
});

describe('countChars on Mastodon', () => {
  it.each([
    ['a URL counts 23', URL, 23],
    ['a remote mention counts as the local part', '@jane@mastodon.social hi', 8],
    ['a local mention counts in full', '@jane hi', 8],
    ['graphemes, as the server counts', `${FAMILY}${FLAG}${E_ACUTE_COMBINING}`, 3],
    ['a bare domain is not linked, so not shortened', 'acme.com', 8],
  ])('%s', (_what, text, expected) => {
    expect(sut(text, 'mastodon')).toBe(expected);
  });
});

describe('countChars elsewhere', () => {
  it('Reddit counts code points up to 10,000', () => {
    expect(sut('👍', 'reddit')).toBe(1);
    expect(sut(URL, 'reddit')).toBe(URL.length);
    expect(fits('a'.repeat(10_000), 'reddit')).toBe(true);
    expect(fits('a'.repeat(10_001), 'reddit')).toBe(false);
  });

  it('unknown platforms count code points with URLs in full, against 280', () => {
    expect(sut(URL, 'hackernews')).toBe(URL.length);
    expect(sut(FAMILY, 'feed')).toBe(7);
    expect(fits('a'.repeat(281), 'feed')).toBe(false);
  });
});
