import type { Classification } from '../classifier/classifier.types';
import { AFINN, NEGATORS } from '../classifier/features/lexicon';
import { normalise } from './concern';

/**
 * What a post is, read before anything is written (the playbook's rule 1): each kind gets its own kind
 * of answer. A question gets an answer or the way to one and no apology; praise gets thanks; "it works
 * now" gets a glad follow-up; sarcasm is a complaint, never thanked; legal and safety posts get concern
 * for the person, no admission, and a reviewer.
 */
export type PostKind =
  | 'legal'
  | 'safety'
  | 'resolved'
  | 'praise'
  | 'sarcasm'
  | 'churn'
  | 'question'
  | 'help'
  | 'feedback'
  | 'complaint'
  | 'comment';

export const POST_KINDS: readonly PostKind[] = [
  'legal',
  'safety',
  'resolved',
  'praise',
  'sarcasm',
  'churn',
  'question',
  'help',
  'feedback',
  'complaint',
  'comment',
];

export interface PostReading {
  kind: PostKind;
  /** The author says someone got hurt: the reply asks after them first. */
  hurt: boolean;
  /** Praise that names the people ("an amazing rep", "the crew"): thanks are passed on to them. */
  praisesPeople: boolean;
  /** "it's fixed, after the fifth person": glad, and sorry it took that long. */
  tookEffort: boolean;
}

/** Warm words that are praise on their own (thanks alone may be politeness at the end of a request). */
const PRAISE =
  /\b(?:love|loved|loving|great|amazing|awesome|excellent|fantastic|brilliant|wonderful|best|favou?rite|kudos|props|shout-?out|well done|impressed|perfect|superb|outstanding|enjoyed|beauty|beautiful|stellar|top notch|5 stars?|hats off|rock(?:s|ed)?|legend|lifesaver|hero|on point|that's how it's done)\b|[❤💙💚💜🧡💛😍🥰🙌👏👍😊🙂😀😃😄☺✨🎉]|(?<![\w>]):-?\)|:d\b/u;

/**
 * Praise that stands even beside a word of trouble: "despite the wait, the rep was very helpful. Kudos
 * to her", "amazing customer service, again!". A mixed post that ends in praise is answered as praise.
 */
const STRONG_PRAISE =
  /\b(?:kudos|commend\w*|nothing but praise|shout-?out|props to|hats off|(?:was|were|is|are) (?:so |very |really |super |just )?(?:awesome|amazing|great|fantastic|excellent|wonderful|pleasant|helpful|brilliant|outstanding|the best)|(?:amazing|great|excellent|fantastic|awesome|wonderful|outstanding|superb|best) (?:customer )?(?:service|job|work|crew|staff|team|people|folks|agents?|employees?|reps?)|thank you so much|thanks so much|(?:she|he|they)(?:'s| is| are|'re) the best)\b/;

const THANKS = /\b(?:thanks?|thank you|thx|ty|appreciate\w*|grateful)\b/;

/** Words of something gone wrong: with them, warm words are sarcasm or a mixed post, not praise. */
const TROUBLE =
  /\b(?:not|never|no|nobody|no one|nothing|still|again|wait\w*|worst|terrible|awful|horrible|useless|ridiculous|pathetic|joke|fail\w*|can't|cannot|won't|didn't|doesn't|isn't|wasn't|haven't|hasn't|couldn't|lost|missing|broken|broke|delay\w*|late|cancel\w*|stuck|refund|charged|hold|rude|problem|issue|error|down|crash\w*|sucks?|hate|annoy\w*|frustrat\w*|angry|furious|disappoint\w*|unacceptable|disgust\w*|seriously|smh|ugh|wtf|fml|poor|bad|should(?:'ve| have)|fix|absurd|regret\w*|appalled|nightmar\w*)\b|[😡😠🤬😤🙄😒😑😐👎💩]|#fail|#worst|#not\b/u;

/** Thanks that are really a complaint. */
const SARCASM =
  /\bthanks? (?:a lot |so much )?for (?:nothing|ruining|wasting|making me|leaving|losing|the (?:delay|wait|runaround))|\bthanks a lot\b.{0,40}\b(?:not|never|no|lost|delay|ruin)|\b(?:great|fantastic|awesome|brilliant|wonderful|lovely|nice|amazing) (?:job|work|service|stuff)\b.{0,30}[🙄😒]|\b(?:love|loving) (?:how|that|it when|waiting|being|paying|sitting|spending)\b|\b(?:oh|just|so) (?:great|wonderful|fantastic|perfect|brilliant)\b|\bway to go\b|\bcongrat\w* (?:on|for)\b.{0,40}\b(?:worst|fail|delay|late|lost|never)|\byeah,? right\b|#not\b|\bnot!|[🙄😒]|\bwell done\b.{0,30}\b(?:not|again|worst|fail|lost)\b|\bsuch (?:great|amazing|wonderful) (?:service|customer service)\b/u;

const RESOLVED =
  /\b(?:(?:it'?s|its|is|all|now|everything'?s?|we'?re|i'?m|got (?:it|this|everything)) (?:all )?(?:working|fixed|sorted|resolved|back up|back on(?:line)?|good now|squared away|taken care of|fine now)|(?:working|back up|back online|fixed|sorted|resolved) (?:now|again)|got it (?:sorted|squared away|fixed|resolved|figured out|taken care of)|(?:issue|problem) (?:is )?(?:resolved|solved|fixed|sorted)|fixed it|sorted it(?: out)?|never ?mind|nvm|all good now|finally (?:arrived|came|got|here|fixed|sorted|working|home|landed|made it)|made it (?:home|back)|(?:arrived|landed) safely|made it back .{0,20}safely)\b/u;

const EFFORT =
  /\b(?:after|finally|took|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|hours?|days?|weeks?|persisten\w*|eventually|at last)\b/;

const PEOPLE =
  /\b(?:rep|reps|agent|agents|staff|crew|team|attendants?|pilots?|captain|employees?|people|guy|gal|lady|man|woman|she|he|customer service|service|[a-z]+ at the (?:desk|gate|counter))\b/;

const QUESTION_START =
  /(?:^|[.!?]\s+)(?:can|could|do|does|did|is|are|was|were|will|would|should|how|what|when|where|which|who|why|any|anyone|have|has|may|am|is there|are there)\b[^.!?]*\?/;

/** Asking us for help: "help please", "can you assist", "need to add my child", not "you can't help me". */
const HELP =
  /(?:^|[.!?]\s*)help\b|\b(?:please|pls|plz|need|needs|can you|could you|can u|hoping you can|some|a little|any|your|for) help\b|\bhelp (?:please|pls|me|us|needed)\b|\b(?:can you|could you|can u|please) (?:assist|advise|check|look|confirm|add|change|fix|help)\b|\bneed (?:to|a|some)\b|\bplease advise\b|\btrying to\b|\bhow (?:do|can) i\b|\bcan't (?:find|figure)\b|\bwhat (?:do|should) i\b|\banyone know\b|\bi (?:would|'d) like to\b|\b(?:request|requesting)\b/;

/** Suggestions, not a problem being lived right now: thanks for the feedback, passed on. */
const FEEDBACK =
  /\b(?:you should|you guys should|should (?:really )?(?:add|offer|make|bring|give|consider|upgrade)|(?:please|pls) (?:add|bring back|make|offer|consider)|would be (?:nice|great|better|good) if|why not|how about|suggestion|give (?:us )?(?:numerical|an? option)|(?:^|[.!]\s*)(?:retrain|upgrade|work on|invest in|bring back|add|have a|hire|improve)\b)/;

const HURT =
  /\b(?:scald\w*|(?:boiling|hot) (?:water|oil|liquid)\b.{0,25}\b(?:on|over) (?:my|his|her|their)|burn(?:ed|t)|injur\w*|hurt|hospital\w*|a&e|emergency room|ambulance|cut (?:my|his|her)|bleeding|allergic reaction|anaphyla\w*|poison\w*|sick after|shock(?:ed)? (?:me|him|her))\b/;

/**
 * How negative the post's words are (AFINN-165, negated words flipped), warm words aside: a post
 * whose other words add up to -3 or less is not praise, however it starts ("thanks for nothing").
 */
function negativity(t: string): number {
  let sum = 0;
  const words = t.split(/[^a-z']+/).filter(Boolean);
  words.forEach((w, i) => {
    const v = AFINN.get(w) ?? 0;
    const negated = i > 0 && (NEGATORS.has(words[i - 1]) || /n't$/.test(words[i - 1]));
    const value = negated ? -v : v;
    if (value < 0) sum += value;
  });
  return sum;
}

/** Reads the post. The classifier's flags decide legal, safety and churn; the wording decides the rest. */
export function readPost(text: string, c: Pick<Classification, 'angry' | 'score' | 'flags'>): PostReading {
  const t = normalise(text)
    // Positive idioms that carry trouble words, and a negative one that carries a warm word.
    .replace(/\bcan't wait\b/g, 'eager')
    .replace(/\bnever ?mind\b/g, 'nvm')
    .replace(
      /\bno (?:questions asked|problems?|issues|complaints|hassle|fuss)\b|\bnot bad\b|\bcouldn't be happier\b|\bnever disappoints?\b/g,
      'fine',
    )
    .replace(/\balmost missed\b/g, 'nearly')
    .replace(/\bfor the love of\b/g, 'for goodness sake')
    .replace(/\b(?:can't|couldn't|won't|didn't|no|not) help\b/g, 'unhelpful');
  const base = { hurt: HURT.test(t), praisesPeople: PEOPLE.test(t), tookEffort: false };
  if (c.flags.legalThreat) return { ...base, kind: 'legal' };
  if (c.flags.safetyRisk) return { ...base, kind: 'safety' };
  const warm = PRAISE.test(t);
  const thanks = THANKS.test(t);
  const trouble = TROUBLE.test(t) || negativity(t) <= -3;
  const asks = QUESTION_START.test(t) || /\?\s*$/.test(t);
  const helpAsked = HELP.test(t);
  if (
    RESOLVED.test(t) &&
    !/\b(?:not|never|isn't|wasn't|still not)\b.{0,12}\b(?:working|fixed|sorted|resolved)\b/.test(t)
  ) {
    if (warm && !trouble && !/\b(?:fixed|sorted|working|resolved|squared)\b/.test(t))
      return { ...base, kind: 'praise' };
    return { ...base, kind: 'resolved', tookEffort: EFFORT.test(t) };
  }
  if ((warm || thanks) && SARCASM.test(t)) return { ...base, kind: 'sarcasm' };
  if (/[🙄😒]/u.test(t) && (trouble || c.angry)) return { ...base, kind: 'sarcasm' };
  if (c.flags.churnThreat) return { ...base, kind: 'churn' };
  if (STRONG_PRAISE.test(t) && negativity(t) > -6 && !asks && !helpAsked) return { ...base, kind: 'praise' };
  if ((warm || thanks) && !trouble && !asks && !helpAsked) return { ...base, kind: 'praise' };
  const calm = !c.angry || c.score < 0.6;
  if (asks && calm && !trouble && !helpAsked) return { ...base, kind: 'question' };
  if (helpAsked) return { ...base, kind: 'help' };
  if (asks && calm) return { ...base, kind: 'help' };
  if (FEEDBACK.test(t) && !/\b(?:still|stuck|lost|missing|cancel\w*|delay\w*|late|charged|refund)\b/.test(t))
    return { ...base, kind: 'feedback' };
  if (c.angry || trouble) return { ...base, kind: 'complaint' };
  if (asks) return { ...base, kind: 'question' };
  return { ...base, kind: 'comment' };
}
