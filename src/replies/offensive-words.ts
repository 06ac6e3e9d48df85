/**
 * Words a reply never repeats (the playbook's rule 9: no copy of the customer's insults or profanity).
 * Profanity is usually an intensifier ("the f***ing parcel never came"): it is cut and the rest kept.
 * An insult carries the clause ("you are useless clowns"): the clause is venting, not the concern,
 * so it is never quoted. Matching is on whole words, lower case, accents folded.
 */

const PROFANITY = [
  'fuck\\w*',
  'f\\*+(?:ck|k|king|kin|ing)?\\w*',
  'fck\\w*',
  'fk+n\\w*',
  'fuk\\w*',
  'fkin',
  'effing',
  'effin',
  'f-ing',
  'frick\\w*',
  'frig+in\\w*',
  'shit\\w*',
  'shite',
  'bullshit\\w*',
  'sh\\*t\\w*',
  'crap+y?',
  'damn\\w*',
  'goddamn\\w*',
  'dammit',
  'bloody',
  'bollocks',
  'arses?',
  'arsehole\\w*',
  'ass',
  'asses',
  'asshole\\w*',
  'bastard\\w*',
  'bitch\\w*',
  'dicks?',
  'dickheads?',
  'piss\\w*',
  'pricks?',
  'cunt\\w*',
  'twat\\w*',
  'wank\\w*',
  'tosser\\w*',
  'douche\\w*',
  'jackass\\w*',
  'wtf',
  'ffs',
  'stfu',
  'omfg',
  'af',
  'hell',
  'freaking',
  'freakin',
];

const INSULTS = [
  'idiot\\w*',
  'moron\\w*',
  'stupid\\w*',
  'dumb',
  'dumbass\\w*',
  'clowns?',
  'clown ?show',
  'incompeten\\w*',
  'useless',
  'pathetic',
  'imbeciles?',
  'cretins?',
  'scum\\w*',
  'thie(?:f|ves)',
  'crooks?',
  'liars?',
  'lying',
  'con ?artists?',
  'scam\\w*',
  'fraudsters?',
  'garbage',
  'trash',
  'rubbish',
  'joke',
  'losers?',
  'disgrace\\w*',
  'disgusting',
  'braindead',
  'brain-dead',
  'clueless',
  'worthless',
  'hopeless',
  'amateurs?',
  'muppets?',
  'numpt(?:y|ies)',
  'jokers?',
  'donkeys?',
  'pigs?',
  'rats?',
  'snakes?',
  'criminals?',
  'greedy',
  'shameful',
  'shameless',
  'sucks?',
  'worst',
  'hate',
  'shut up',
  'screw (?:you|u|this|them)',
  'go to hell',
];

const WORD_START = '(?<![\\p{L}\\p{N}_*])';
const WORD_END = '(?![\\p{L}\\p{N}_*])';

/** A word masked with symbols: "f***", "sh!t", "b*tch", "f@#$". */
const MASKED = '\\p{L}+[*#@$%]+\\p{L}*[*#@$%]*|\\p{L}+!+\\p{L}+|[*#@$%]{3,}';

export const PROFANITY_PATTERN = new RegExp(
  `${WORD_START}(?:${PROFANITY.join('|')}|${MASKED})${WORD_END}`,
  'giu',
);
const INSULT_PATTERN = new RegExp(`${WORD_START}(?:${INSULTS.join('|')})${WORD_END}`, 'iu');
const ANY_OFFENSIVE = new RegExp(
  `${WORD_START}(?:${PROFANITY.join('|')}|${INSULTS.join('|')}|${MASKED})${WORD_END}`,
  'iu',
);

const INSULT_NOUNS =
  'idiots?|morons?|clowns?|muppets?|jokers?|imbeciles?|cretins?|losers?|amateurs?|numpt(?:y|ies)|donkeys?|thie(?:f|ves)|crooks?|liars?|scammers?|criminals?|scumbags?|scum|fraudsters?|pigs?|rats?|snakes?';
const INSULT_ADJECTIVES =
  'absolute|complete|total|utter|useless|incompetent|stupid|lying|thieving|greedy|bloody|pathetic|clueless|\\S+ing|bunch of|pack of|load of|lot of|band of';
/** An insult addressed to the brand ("you idiots", "you useless lot"): cut, the rest of the clause kept. */
const INSULTING_ADDRESS = new RegExp(
  `[,\\s]*${WORD_START}(?:you|u|ya|ye)\\s+(?:(?:${INSULT_ADJECTIVES})\\s+)*(?:${INSULT_NOUNS}|(?<=(?:${INSULT_ADJECTIVES})\\s+)(?:lot|bunch|people|guys|company))${WORD_END}`,
  'giu',
);

export function removeInsultingAddress(text: string): string {
  return text
    .replace(INSULTING_ADDRESS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Lower case, accents folded, curly apostrophes straightened: how the lists are written. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase();
}

/** The text without its profanity (whole words, masked forms included), spaces tidied; case kept. */
export function removeProfanity(text: string): string {
  return text
    .replace(PROFANITY_PATTERN, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function containsInsult(text: string): boolean {
  return INSULT_PATTERN.test(fold(text));
}

/** True when anything in the text is profanity or an insult, masked or not. */
export function isOffensive(text: string): boolean {
  return ANY_OFFENSIVE.test(fold(text));
}
