import { FeatureKind } from './extract';
import { LINK, MONEY, PERCENT } from './lexical';
import { AFINN, ANGER_WORD, PROFANITY } from './lexicon';

const plural = (n: string, one: string, many: string): string => `${n} ${n === '1' ? one : many}`;

/**
 * A feature in words a manager understands ("'still waiting' (complaint phrase)", "3 exclamation
 * marks", "😡"), or null when it would not help a person (stop words, placeholders, a lone phrase count).
 */
export function describeFeature(kind: FeatureKind, show: string): string | null {
  if (kind !== 'word') return describeOther(kind, show);
  let reason = wordReasons.get(show);
  if (reason === undefined) {
    if (wordReasons.size >= 50_000) wordReasons.clear();
    reason = describeOther(kind, show);
    wordReasons.set(show, reason);
  }
  return reason;
}

/** Words recur: their reasons are worked out once. */
const wordReasons = new Map<string, string | null>();

function describeOther(kind: FeatureKind, show: string): string | null {
  switch (kind) {
    case 'word': {
      if (show === LINK) return 'contains a link';
      if (show === MONEY || show === PERCENT) return `mentions ${show}`;
      if (PROFANITY.test(show)) return `'${show}' (profanity)`;
      if (ANGER_WORD.test(show)) return `'${show}' (anger word)`;
      const score = AFINN.get(show);
      if (score !== undefined) return `'${show}' (${score < 0 ? 'negative' : 'positive'} word)`;
      return `'${show}'`;
    }
    case 'negated':
    case 'bigram':
      return `'${show}'`;
    case 'quiet':
    case 'cue':
      return null;
    case 'phrase':
      return `'${show}' (complaint phrase)`;
    case 'calmPhrase':
      return show ? `'${show}' (not a complaint)` : null;
    case 'phrases':
      return show === '1' ? null : `${show} complaint phrases`;
    case 'hashtag':
      return `'${show}' (hashtag)`;
    case 'emoji':
      return show.charCodeAt(0) < 0x80 ? `'${show}' (emoticon)` : show;
    case 'angryEmoji':
      return `angry or fed-up emoji ('${show}')`;
    case 'caps':
      return `ALL CAPS ('${show}')`;
    case 'shouting':
      return 'written mostly in capitals';
    case 'elongated':
      return `stretched word ('${show}')`;
    case 'exclamations':
      return plural(show, 'exclamation mark', 'exclamation marks');
    case 'questions':
      return `${show} question marks`;
    case 'interrobang':
      return "'?!'";
    case 'ellipsis':
      return "trailing '...'";
    case 'negativeWords':
      return `negative words ('${show}')`;
    case 'strongNegative':
      return `strongly negative words ('${show}')`;
    case 'positiveWords':
      return show ? `positive words ('${show}')` : null;
    case 'negatedPositive':
      return `negated praise ('not ${show}')`;
    case 'sadness':
      return `sad words or emoji ('${show}')`;
    case 'sarcasm':
      return `praise beside a complaint or eye-roll, read as sarcasm ('${show}')`;
    case 'angerWords':
      return `anger words ('${show}')`;
    case 'profanity':
      return `profanity ('${show}')`;
  }
}

/** The quoted part of a reason, to skip a second reason saying the same thing ("'worst'" within "'worst service'"). */
export function quoted(reason: string): string | null {
  const start = reason.indexOf("'");
  const end = reason.lastIndexOf("'");
  return end > start + 1 ? reason.slice(start + 1, end) : null;
}
