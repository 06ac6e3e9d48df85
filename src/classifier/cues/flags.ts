import { ClassificationFlags, noFlags } from '../classifier.types';
import { CueSet, isNegated, prepareText } from './cue-regex';

/**
 * Escalation cues and personal stakes (the playbook's chain of command and "emotional problem").
 *
 * One precompiled cue set (see `CueSet`): escalation cues and stakes in one pass; matches may overlap,
 * so no cue hides another. Patterns are written against `normaliseCueText` output (lower case, no
 * accents, straight apostrophes, single spaces) and start at the content word: leading function words
 * go in a lookbehind ("(?<=\bmy )followers"), which keeps the prefilter selective; evidence phrases
 * therefore start at the content word too. Stakes are reported by their label, once each, in the
 * order of STAKES.
 *
 * Negation: a cue directly preceded by a negator ("no fire", "not injured", "no one was hurt",
 * "I'm not switching to") is negated; up to two filler words may sit between ("no one was", "not
 * going to"). Negated safety, churn and press cues raise nothing. Negated legal cues ("I'm not going to
 * sue... yet", "I don't want to involve my lawyer but") still raise legalThreat: veiled threats are
 * worded that way, and a case routed to legal for nothing costs far less than a missed one. Their
 * evidence says "negated" so the manager sees it at once. Personal stakes ignore negation ("no
 * medication left" is a stake).
 *
 * Decisions where the rules were ambiguous:
 * - "chargeback" / "dispute it with my bank" is a billing matter, not a legal threat; regulators and
 *   ombudsmen (FTC, BBB, trading standards, Ofcom, CFPB...) are. Filing one is churn: the customer
 *   takes the money back and is leaving.
 * - Slang "fire" ("this deal is fire 🔥", "you're on fire"), "Fire TV/Stick", "fire sale", "fired" are
 *   not safety. "The app crashed" is an outage, so "crash" is no safety cue.
 * - "cancel my order" is not churn (the sale is lost, not the customer); cancelling a subscription,
 *   account, membership, contract, plan or policy is. "They cancelled my flight" is not the customer
 *   leaving: "cancelled my" needs the customer as subject.
 * - "write a review" is not press; a story, article, video, blog, follower count or the news is.
 * - "switching to X" is churn, "switched to X" is a story already told (often praise of the new
 *   brand); "power of attorney" is not a lawyer.
 */

type Kind = 'legal' | 'safety' | 'churn' | 'press' | 'harm';

const OBJ =
  '(?:subscription|sub|account|membership|contract|plan|policy|service|package|direct debit|broadband)';
const RIVAL =
  '(?:a |another |a different )(?:competitor|provider|bank|network|carrier|company|airline|insurer|supplier|gym|service)|@\\w+';
const NOT_BY_CUSTOMER =
  "(?<!\\b(?:you|they|u|he|she|it|who|which|you've|they've|they're|you're|theyre|youre)\\s+)";

/** Legal-threat patterns, shared with the category detector. */
export const LEGAL_SOURCE = [
  '(?:lawyers?|(?<!power of )attorneys?|solicitors?|lawsuits?|litigation|sue|suing|sued)',
  '(?:legal action|legal proceedings|take (?:this|you|it|them) to court|see you in court|small claims(?: court)?|class action)',
  '(?:report(?:ing)?|complain(?:ing)?|escalat(?:e|ing)|tak(?:e|ing)) (?:you|this|it|them) to (?:the )?(?:ftc|bbb|fcc|cfpb|fca|ofcom|ofgem|ofwat|ombudsman|regulator|trading standards|attorney general|consumer protection|better business bureau)',
  '(?:trading standards|ombudsman|better business bureau|cease and desist)',
].join('|');

/** Safety-risk patterns, shared with the category detector. */
export const SAFETY_SOURCE = [
  '(?:caught|catch|catching|set|sets) (?:on )?fire|burst into flames|went up in flames|fire hazard',
  '(?<!\\b(?:is|was|so|looks?|straight|pure|lowkey|absolutely|literally|kinda|be|s|are|re|ur|deal|food|song|fit|outfit)\\s)fire(?!\\s*(?:🔥|sale|stick|tv|tablet|emoji))',
  'flames|explo(?:ded|sion|sions|ding)|short[- ]circuit(?:ed)?|melted (?:the|a|my|its|through)|(?:plug|socket|cable|wire|charger|casing|battery) (?:has |had )?melted',
  'smoke(?!-free| free| detector)|smoking (?:from|out)|(?<=\\b(?:started|began|was|is|were) )smoking|smell(?:ed|s)? (?:of )?(?:burning|smoke|gas)|(?:burning|gas) smell|gas leak|carbon monoxide|swell(?:ed|ing)? up|swollen battery',
  'burn(?:ed|t)? (?:my|me|him|her|his|their|our)|(?<=\\b(?:a|got|severe|nasty|bad|chemical|(?:second|third)[- ]degree) )burns?|burn marks?',
  'electric(?:al)? shock|electrocut(?:ed|ion)|(?<=\\b(?:gave|got|get|getting) (?:\\w+ )?an? )(?:electric(?:al)? )?shock',
  'injur(?:ed|y|ies|ing)|(?<=\\b(?:got|was|were|badly|seriously|getting) )hurt|concussion|cut (?:my|his|her|their) (?:finger|hand|mouth|lip|foot)|(?:broken|fractured|bruised) (?:wrist|arm|leg|bones?|nose|ribs?|ankle|hand|finger|toe)|(?:nearly|could have|almost) (?:died|been killed|killed)',
  'hospitali[sz]ed|(?<=\\b(?:ended up|taken|rushed|went|were|was) (?:in|to) (?:the )?)(?:hospital|a&e)|a&e|emergency room|ambulance|fire brigade',
  'allergic reactions?|anaphyla\\w*|epi-?pen',
  'choking hazard|chok(?:ed|ing) on',
  'food poisoning|poisoned|vomit(?:ing|ed)?|threw up|(?<=\\b(?:got|made (?:me|us|my \\w+)|fell) (?:so |really |violently )?)(?:sick|ill) (?:after|from)',
  'unsafe|dangerous|safety hazard|(?<=\\b(?:been|being|was|were|product) )recalled|recall notice|product recall',
  "brakes? (?:\\S+ ){0,5}(?:failed|failure)|airbags? (?:failed|deployed|didn't deploy|warning)|steering (?:failed|locked)|(?:accelerat|brak|steer)\\w* (?:on|by) (?:its|it) ?(?:own|self)",
  'found (?:glass|metal|plastic|a needle) in|(?:glass|metal) (?:shards? )?in (?:my|the)|hidden camera|camera (?:hidden|pointing at)',
].join('|');

/**
 * Harm to a person (a burn, an injury, a hospital visit, a reaction, poisoning): a subset of the safety
 * cues that also raises the intensity to high and makes the post a complaint whatever its tone, since
 * someone hurt by a product needs an answer first even when they write calmly.
 */
export const HARM_SOURCE = [
  'burn(?:ed|t)? (?:my|me|him|her|his|their|our)|(?<=\\b(?:a|got|severe|nasty|bad|chemical|(?:second|third)[- ]degree) )burns?|scald(?:ed|ing|s)? (?:my|me|him|her|his|their|our)|(?<=\\b(?:got|was|were|been) )scalded|blisters?',
  'electric(?:al)? shock|electrocut(?:ed|ion)|(?<=\\b(?:gave|got|get|getting) (?:\\w+ )?an? )(?:electric(?:al)? )?shock',
  'injur(?:ed|y|ies|ing)|(?<=\\b(?:got|was|were|badly|seriously|getting) )hurt|concussion|cut (?:my|his|her|their) (?:finger|hand|mouth|lip|foot)|(?:broken|fractured|bruised) (?:wrist|arm|leg|bones?|nose|ribs?|ankle|hand|finger|toe)|(?:nearly|could have|almost) (?:died|been killed|killed)|stitches',
  'hospitali[sz]ed|(?<=\\b(?:ended up|taken|rushed|went|were|was) (?:in|to) (?:the )?)(?:hospital|a&e)|emergency room|ambulance',
  'allergic reactions?|anaphyla\\w*|epi-?pen',
  'chok(?:ed|ing) on',
  'food poisoning|poisoned|vomit(?:ing|ed)?|threw up|(?<=\\b(?:got|made (?:me|us|my \\w+)|fell) (?:so |really |violently )?)(?:sick|ill) (?:after|from)',
].join('|');

const CHURN_SOURCE = [
  `(?<=\\bi(?:'ve| have)? (?:just |finally |already )?)cancell?ed my ${OBJ}`,
  // "Cancelling my Acme subscription": up to two words (the brand, "monthly") between "my" and what is cancelled.
  `${NOT_BY_CUSTOMER}cancel(?:l?ing)? (?:my|our) (?:[\\w&.'-]+ ){0,2}${OBJ}`,
  // A chargeback takes the money back through the bank: the customer is leaving, however calmly.
  '(?:fil(?:e|ing)|rais(?:e|ing)|start(?:ing)?|open(?:ing)?|do(?:ing)?|request(?:ing)?|initiat(?:e|ing)|put in|putting in|going for) (?:a )?charge ?back|charge ?back (?:request|claim)|disput(?:e|ing) (?:the|this|it|that|a|my) (?:\\w+ )?(?:charge|payment|transaction)s?(?: with my (?:bank|card))?',
  "(?:clos(?:e|ing)|terminat(?:e|ing)|end(?:ing)?) (?:my|our) (?:[\\w&.'-]+ ){0,2}(?:account|contract|membership|subscription)",
  '(?:switch(?:ing)?|mov(?:e|ing)) (?:my \\w+ )?(?:away )?from (?:you|u|@\\w+)',
  '(?:switch(?:ing)?|jump(?:ing)? ship|port(?:ing)?(?: my number)?) (?:over )?to (?!(?:dark|light|airplane|flight|manual|mobile|the app|wifi|data|auto|monthly|annual|yearly|paperless)\\b)(?:@\\w+|[a-z][\\w&.-]*)',
  `(?:mov(?:e|ing)|chang(?:e|ing)|go(?:ing)?|leav(?:e|ing)) (?:over )?to (?:${RIVAL})`,
  'leav(?:e|ing) (?:you|u|@\\w+) for|(?:tak(?:e|ing)|mov(?:e|ing)) my (?:business|money|custom) (?:elsewhere|to)',
  "(?:never|don't|dont|won't|wont|not) (?:ever )?(?:buy|order|fly|shop|use|book|stay|eat|bank|come|go|recommend)(?:ing)?(?: \\S+){0,3} (?:again|ever again)",
  "never again|(?<=\\b(?:that|this) (?:was|is|will be) (?:the|my) )last time|last time i ever|won't be (?:back|using you|ordering|buying|renewing|returning)",
  '(?:done|finished) with (?:you|u|ya|this company|your company|your service|this service|them|@\\w+)',
  "(?:lost|losing) (?:a|me as a|another) (?:loyal )?customer|(?<=\\b(?:not|won't be) )renewing|unsubscrib(?:e|ed|ing)",
].join('|');

const PRESS_SOURCE = [
  "(?<=\\b(?:i'm|im|i am|as) an? )(?:journalist|reporter|blogger|influencer|youtuber|content creator|tiktoker|editor|columnist)",
  '(?:writ(?:e|ing)|doing|mak(?:e|ing)|film(?:ing)?|post(?:ing)?|upload(?:ing)?) (?:a|an|this|my) (?:story|article|piece|blog post|expose|thread|(?:tiktok|youtube|yt|instagram|ig) (?:video|reel|post)|tiktok|video) (?:about|on)',
  '(?<=\\bmy )(?:followers|subscribers|viewers|readers|audience|blog|podcast|newsletter|column|(?:youtube|tiktok|twitch) channel)',
  '\\d[\\d,.]*k? (?:followers|subscribers)',
  'go(?:ing|es)? viral|make (?:this|it|sure this) (?:go )?viral',
  '(?:contact(?:ing)?|tell(?:ing)?|call(?:ing)?|email(?:ing)?|tip(?:ping)? off|going to|sending this to|tagging) (?:the )?(?:press|media|news|papers|newspapers?|bbc|cnn|watchdog|local news|tv station)',
  '(?:post(?:ing)?|shar(?:e|ing)) (?:this|it) (?:everywhere|with everyone|on (?:tiktok|youtube|instagram|reddit|facebook|every platform))',
].join('|');

// Harm before safety: at one position only the first matching cue is reported, and harm also raises safety.
const KINDS: Kind[] = ['legal', 'harm', 'safety', 'churn', 'press'];
const LABEL: Record<Kind, string> = {
  legal: 'legal threat',
  safety: 'safety risk',
  churn: 'churn threat',
  press: 'press or influencer',
  harm: 'someone hurt: safety risk',
};

/** Personal stakes, in the stable order they are reported. */
const STAKES: [label: string, source: string][] = [
  ['wedding', 'wedding|bride|bridesmaids?|groom'],
  ['funeral', 'funeral|memorial service|passed away'],
  [
    'sick child',
    '(?:sick|ill|poorly) (?:child|kid|son|daughter|baby|toddler)|(?:child|kid|son|daughter|toddler) (?:is |was )?(?:sick|ill|poorly|in hospital)',
  ],
  ['baby', "bab(?:y|ies|y's)|newborn|infant"],
  [
    'lost photos',
    '(?:lost|deleted|wiped|gone|lose) (?:all )?(?:of )?(?:my |our |the )?(?:photos|pictures|pics|videos|memories)|(?:photos|pictures|pics) (?:are |were )?(?:gone|lost|deleted|wiped)',
  ],
  ['birthday', 'birthday|bday|b-day'],
  ['honeymoon', 'honeymoon'],
  ['medication', 'medications?|medicines?|prescriptions?|insulin|inhaler'],
  ['pregnant', 'pregnan(?:t|cy)|expecting a baby'],
  [
    'elderly parent',
    '(?:elderly|old|disabled|frail|sick|ill|\\d{2}[- ]year[- ]old) (?:mum|mom|mother|dad|father|parents?|gran|grandma|grandmother|grandad|grandpa|grandfather|nan)',
  ],
  ['holiday gift', '(?:christmas|xmas|holiday|hanukkah|eid|diwali|anniversary) (?:gifts?|presents?)'],
  [
    'job interview',
    'job interview|interview (?:today|tomorrow|outfit|suit)|(?<=\\b(?:for|to) (?:my|an|a) )interview',
  ],
  ['exam', '(?<!eye |dental |vet )exams?|(?<=\\bmy )finals'],
  ['disability', 'disab(?:led|ility|ilities)|wheelchair|blind|deaf'],
  [
    'moving house',
    'moving (?:house|home|day|in|out)|(?<=\\b(?:new|first) )(?:house|flat|apartment)|house move|(?<=\\bjust )moved',
  ],
];

/** Escalation cues first (indexed like KINDS), then stakes; overlapping, so no cue hides another. */
export const FLAG_SOURCES = [
  LEGAL_SOURCE,
  HARM_SOURCE,
  SAFETY_SOURCE,
  CHURN_SOURCE,
  PRESS_SOURCE,
  ...STAKES.map(([, s]) => s),
];
const CUES = new CueSet(FLAG_SOURCES, true);

/** Escalation cues and personal stakes in `text`, with evidence lines such as "'lawyer' (legal threat)". */
export interface DetectedFlags {
  flags: ClassificationFlags;
  evidence: string[];
  /** Someone was hurt (a burn, an injury, poisoning...): a safety risk that also sets intensity high. */
  harm: boolean;
}

export function detectFlags(text: string): DetectedFlags {
  const flags = noFlags();
  const evidence: string[] = [];
  let harm = false;
  if (text.length < 3) return { flags, evidence, harm };
  const prepared = prepareText(text);
  let found = 0;
  CUES.scan(prepared, (pattern, index, phrase) => {
    if (pattern >= KINDS.length) {
      found |= 1 << (pattern - KINDS.length);
      return;
    }
    const kind = KINDS[pattern];
    const negated = isNegated(prepared.norm, index);
    if (negated && kind !== 'legal') return;
    if (kind === 'legal') flags.legalThreat = true;
    else if (kind === 'safety') flags.safetyRisk = true;
    else if (kind === 'churn') flags.churnThreat = true;
    else if (kind === 'press') flags.pressOrInfluencer = true;
    else harm = flags.safetyRisk = true;
    const line = `'${phrase.trim()}' (${LABEL[kind]}${negated ? ', negated' : ''})`;
    if (!evidence.includes(line)) evidence.push(line);
  });
  for (let i = 0; found && i < STAKES.length; i++) {
    if (found & (1 << i)) {
      flags.personalStakes.push(STAKES[i][0]);
      evidence.push(`'${STAKES[i][0]}' (personal stakes)`);
    }
  }
  return { flags, evidence, harm };
}
