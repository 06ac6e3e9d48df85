import { COMPLAINT_PHRASES } from './complaint-phrases';
import { extractFeatures, FeatureKind, MAX_CHARS } from './extract';
import { AFINN, NEGATORS } from './lexicon';
import { normaliseEmoticon, tokenize } from './tokenizer';

const keys = (text: string): readonly string[] => extractFeatures(text, true).keys!;
const shown = (text: string, kind: FeatureKind): string[] => {
  const f = extractFeatures(text);
  return f.shows.filter((_, i) => f.kinds[i] === kind);
};

describe('tokenize (natural RegexpTokenizer with a social-media pattern)', () => {
  it('keeps URLs, handles, hashtags, emoticons, emoji and punctuation runs as tokens', () => {
    expect(tokenize("@acme.bsky.social don't!!! see https://x.co/a?b=1 #FailWhale >:( 😡🤬 ... ok")).toEqual([
      '@acme.bsky.social',
      "don't",
      '!!!',
      'see',
      'https://x.co/a?b=1',
      '#FailWhale',
      '>:(',
      '😡',
      '🤬',
      '...',
      'ok',
    ]);
  });

  it('straightens curly apostrophes and keeps emoji sequences whole', () => {
    expect(tokenize('I didn’t 🤦🏽‍♀️')).toEqual(['I', "didn't", '🤦🏽‍♀️']);
  });

  it('normalises emoticon variants', () => {
    expect([':-(', ':((', '=(', '>:-(', ':-)', ':))', '=)'].map(normaliseEmoticon)).toEqual([
      ':(',
      ':(',
      ':(',
      '>:(',
      ':)',
      ':)',
      ':)',
    ]);
  });
});

describe('extractFeatures', () => {
  it("uses natural's lexicons: AFINN-165 and the English negations", () => {
    expect(AFINN.get('worst')).toBe(-3);
    expect(AFINN.size).toBeGreaterThan(3000);
    expect([...NEGATORS]).toEqual(expect.arrayContaining(['not', 'no', 'never', 'neither']));
  });

  it('makes stemmed unigrams and bigrams (natural Porter stemmer)', () => {
    expect(keys('waiting forever')).toEqual(expect.arrayContaining(['w:wait', 'w:forev', 'b:wait forev']));
  });

  it("adds a long word's opening letters, shared by its forms and misspellings (not for short or negated words)", () => {
    expect(keys('so frustrating')).toContain('o:frustr');
    expect(keys('frustraited again')).toContain('o:frustr');
    expect(keys('so mad').filter((k) => k.startsWith('o:'))).toEqual([]);
    expect(keys('not frustrating').filter((k) => k.startsWith('o:'))).toEqual([]);
    expect(shown('so frustrating', 'quiet')).not.toContain('frustr');
  });

  it('marks words after a negator until the next punctuation, then resets', () => {
    const k = keys("I don't like this product, love the price");
    expect(k).toEqual(
      expect.arrayContaining(["w:don't", 'n:like', 'n:thi', 'n:product', 'w:love', 'w:price']),
    );
    expect(k).not.toContain('w:like');
    expect(k).not.toContain('n:love');
  });

  it('counts negated praise as a complaint cue and shows it with its negator', () => {
    expect(shown('not happy at all', 'negatedPositive')).toEqual(['happy']);
    expect(shown('never arrived', 'negated')).toEqual(['never arrived']);
    expect(shown('nobody answers the phone', 'negated')).toContain('nobody … phone');
    expect(shown('happy at all', 'negatedPositive')).toEqual([]);
  });

  it('does not let a negation inside a hashtag run on', () => {
    expect(keys('#NeverAgain great stuff')).toEqual(
      expect.arrayContaining(['t:neveragain', 'w:never', 'w:great']),
    );
  });

  it('normalises @handles and URLs to one placeholder each', () => {
    const k = keys('@acme see https://t.co/xyz and @other');
    expect(k.filter((x) => x === 'w:_user_')).toHaveLength(2);
    expect(k).toContain('w:_url_');
    expect(k.some((x) => x.includes('acme') || x.includes('t.co'))).toBe(false);
  });

  it('makes emoji and emoticons features, and flags the angry ones', () => {
    expect(keys('so annoyed 😡 :-(')).toEqual(expect.arrayContaining(['e:😡', 'e::(', 'e:angry']));
    expect(shown('lovely 😍 :)', 'angryEmoji')).toEqual([]);
  });

  it('notes ALL CAPS words, and shouting when most words are capitals', () => {
    expect(shown('this is the WORST service EVER', 'caps')).toEqual(["WORST', 'EVER"]);
    expect(keys('WHY IS THIS STILL BROKEN')).toContain('caps:most');
    expect(keys('I flew to the USA')).not.toContain('caps:2+');
  });

  it('shortens stretched words and notes the stretch', () => {
    const k = keys('sooooo slowwww');
    expect(k).toEqual(expect.arrayContaining(['w:soo', 'w:sloww', 'elong']));
    expect(keys('so slow')).not.toContain('elong');
  });

  it('counts exclamation marks and notes "?!" and "??"', () => {
    expect(shown('what!!! really?!', 'exclamations')).toEqual(['4']);
    expect(keys('what!!! really?!')).toEqual(expect.arrayContaining(['!:3', '?!']));
    expect(keys('why??')).toContain('?:2+');
    expect(keys('fine.')).not.toContain('!:1');
  });

  it('splits camelCase hashtags into words plus the tag', () => {
    expect(keys('#CustomerServiceFail')).toEqual(
      expect.arrayContaining(['t:customerservicefail', 'w:custom', 'w:servic', 'w:fail']),
    );
  });

  it.each([
    ['ordered 3 weeks ago, still nothing', ['elapsed_time', 'still_waiting']],
    ['I never received it', ['not_received']],
    ['my parcel never arrived', ['late_delivery']],
    ['this is the third time I call', ['nth_time']],
    ['I want a refund', ['refund']],
    ['please cancel my subscription', ['cancel']],
    ['you charged me twice', ['charged_wrong']],
    ['on hold for 45 minutes', ['on_hold']],
    ['no response to my emails', ['no_response']],
    ["the app doesn't work", ['does_not_work']],
    ['where is my order?', ['where_is']],
    ['been 5 days without internet', ['elapsed_time']],
  ])('finds complaint phrases: %s', (text, ids) => {
    expect(keys(text)).toEqual(expect.arrayContaining([...ids.map((id) => `p:${id}`), 'p:*']));
  });

  it('finds no complaint phrase in a happy post', () => {
    expect(keys('Loving the new update, great job team').filter((k) => k.startsWith('p:'))).toEqual([]);
  });

  it('has unique complaint phrase ids, each a valid regex with no capturing group', () => {
    expect(new Set(COMPLAINT_PHRASES.map((p) => p.id)).size).toBe(COMPLAINT_PHRASES.length);
    for (const p of COMPLAINT_PHRASES) expect(new RegExp(`${p.pattern}|`).exec('')).toHaveLength(1);
  });

  it('reads only the first MAX_CHARS characters', () => {
    const long = 'fine '.repeat(MAX_CHARS) + 'worst';
    expect(keys(long)).not.toContain('w:worst');
  });

  it('gives hashes, values, kinds and shows of the same length, and nothing for empty text', () => {
    const f = extractFeatures('Worst. Service. EVER!!! 😡');
    expect(new Set([f.hashes.length, f.values.length, f.kinds.length, f.shows.length]).size).toBe(1);
    expect(extractFeatures('   ').hashes).toEqual([]);
  });
});

describe('calm complaints, requests for help, sarcasm and praise (phrase features)', () => {
  const phrases = (text: string): string[] => keys(text).filter((k) => /^[pq]:/.test(k) && !k.endsWith('*'));

  it.each([
    // One phrase per position: an older phrase that already covers the words wins ("can't open" is does_not_work).
    ["can't open my mail since last night", ['p:does_not_work', 'p:since_when']],
    ["my password won't go through", ['p:cant_do']],
    ["the store won't accept my card", ['p:cant_do']],
    ['3G is draining my battery', ['p:cant_do']],
    ['my phone is so slow after the update', ['p:since_when']],
    ['is anyone else having trouble with the app', ['p:help_request']],
    ['how do I get my money back', ['p:help_request']],
    ['need some help with my account please', ['p:help_request']],
  ])('%s', (text, expected) => {
    expect(phrases(text)).toEqual(expect.arrayContaining(expected));
  });

  it('reads praise as calm, including a hyphenated shout-out', () => {
    expect(phrases("Shout-out to Acme for the replacement, that's how it's done")).toEqual([
      'q:fair',
      'q:fair',
    ]);
    expect(phrases('Shout-out to Acme')).toEqual(['q:fair']);
    expect(phrases('the driver went the extra mile')).toEqual(['q:fair']);
  });

  it('marks praise words beside an eye-roll or a complaint phrase as sarcasm, and plain praise not', () => {
    expect(shown('Great, another update that deletes my playlists 🙄', 'sarcasm')).toHaveLength(1);
    expect(shown('Oh great, my parcel is lost again. Thanks a lot.', 'sarcasm')).toHaveLength(1);
    expect(keys('Oh great, my parcel is lost again. Thanks a lot.')).toContain('p:sarcasm');
    expect(shown('Great service, thanks Acme!', 'sarcasm')).toEqual([]);
    expect(shown('not great, the app keeps crashing', 'sarcasm')).toEqual([]);
  });

  it('does not hear a request for help in an unrelated "help"', () => {
    expect(phrases('thanks for your help yesterday')).not.toContain('p:help_request');
  });
});
