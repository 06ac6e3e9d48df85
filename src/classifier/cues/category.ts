import type { Category } from '../classifier.types';
import { CueSet, isNegated, prepareText } from './cue-regex';
import { HARM_SOURCE, LEGAL_SOURCE, SAFETY_SOURCE } from './flags';

/**
 * What a complaint is about, with the phrase that says so.
 *
 * One precompiled cue set (see `CueSet`) with one pattern per (category, strength) entry, so a post
 * is scanned once. Strong cues name the topic unambiguously ("charged twice", "locked out",
 * "never arrived") and count 2; weak cues only hint at it ("payment", "login", "staff") and count 1.
 * The category with the highest total wins. Ties: safety & legal first (it must escalate), then the
 * more specific topics before the generic ones, customer service last, because people describe the
 * service they got on the way to the actual problem ("on hold for an hour about my refund").
 * Negated safety/legal cues ("no fire", "not going to sue, just refund me") do not count here.
 * Evidence is the first of the strongest phrases of the winning category, as it reads in the
 * lower-cased, accent-folded text. Amounts of money are no pricing cue (they are as common in
 * billing complaints); the fallback is 'other' with no evidence.
 */

type Entry = [category: Category, weight: 1 | 2, source: string];

const CANT = "(?:can't|cant|cannot|can not|couldn't|couldnt|unable to|won't let me|wont let me|not able to)";
const APP =
  '(?:app|site|website|page|server|servers|service|system|platform|portal|checkout|game|wifi|internet|broadband|network|signal|connection|streaming|stream)';
const NOT_WORKING =
  "(?:(?:is |are |has |keeps )?(?:not working|isn't working|isnt working|aren't working|not loading|down|offline|broken|crashing|crashed|freezing|frozen|not responding|unavailable|dead|glitching|lagging)|(?:doesn't|won't|wont|doesnt|does not) (?:work|load|open))";

const ENTRIES: Entry[] = [
  ['safety_legal', 2, `${HARM_SOURCE}|${SAFETY_SOURCE}|${LEGAL_SOURCE}`],
  [
    'safety_legal',
    2,
    "data breach|leaked my (?:\\w+ )?(?:data|details|information|address|number)|data (?:was |got )?leaked|discriminat\\w*|racis[tm]|sexis[tm]|harass(?:ed|ment)|gdpr|guide dog|because (?:he|she|i|they|we)(?:'s|'m|'re| is| am| are) (?:black|disabled|gay|muslim|jewish|trans|a woman|pregnant|deaf|blind)",
  ],

  [
    'account_access',
    2,
    `${CANT} (?:to )?(?:log ?in|sign ?in|login|access (?:my |our |the )?(?:own )?(?:\\w+ )?account|get (?:back )?in(?:to (?:my|our) (?:own )?(?:\\w+ )?account)?|reset my password)`,
  ],
  [
    'account_access',
    2,
    "locked (?:me )?out|password reset|reset (?:my |the )?password|forgot(?:ten)? (?:my )?password|2fa|two[- ]factor|two[- ]step|verification (?:code|email|text)s?|one[- ]time (?:code|password|passcode)|passcode|otp|login code|authenticator|security questions|card reader|sso|single sign[- ]on|(?:logged|logs?|signed|signs?) (?:\\w+ )?(?:\\w+ )?out|no account found|account not (?:found|recogni[sz]ed)|(?:isn't|not) registered|flagged (?:as|for) fraud|get into my (?:own )?(?:\\w+ )?account",
  ],
  [
    'account_access',
    2,
    'hacked|compromised|(?:account|profile) (?:has been |was |got |is |been )?(?:suspended|deleted|closed|disabled|banned|locked|frozen|blocked|terminated|restricted|hacked|deactivated)|(?:closed|suspended|banned|deleted|locked|froze|disabled|blocked|deactivated|restricted) my (?:account|profile)|verify my identity|sim swap',
  ],
  ['account_access', 1, 'log ?in|sign ?in|username|password|(?<=\\bmy )account'],

  [
    'billing',
    2,
    '(?:charg(?:ed|ing)|billed|debited|took|taken) (?:me )?(?:twice|two times|double|three times|again)|double[- ](?:charged|billed|payment)|charged (?:me )?(?:for|after|even)',
  ],
  [
    'billing',
    2,
    'refunds?|refunded|money back|(?:have|want|get) it back|overcharg(?:ed|ing|e)|over-charged|chargeback|invoices?|(?:taking|took|taken|debit(?:ed|ing)) (?:my |the |£|\\$|€|money|payment)|(?:two|2|three|3) payments|final demand|deposit|voucher instead|not covered|pa(?:id|y) ?out|(?:subscription|membership|plan) (?:auto[- ]?)?renewed|auto[- ]?renew(?:ed|al)?|direct debit|unauthori[sz]ed (?:charge|payment|transaction)s?|reimburse(?:d|ment)?|compensation|deposit back',
  ],
  [
    'billing',
    1,
    'payments?|paid|charges?|charged|billing|billed|(?<=\\b(?:my|the|this|a|your|last|monthly|electric|gas|phone|water|energy) )bills?|statement|transactions?|debit|card|claim(?:ed)?|insurance|paying for',
  ],

  [
    'delivery',
    2,
    "(?:never|hasn't|hasnt|has not|didn't|didnt|did not|still not|yet to|not yet|still hasn't|still hasnt|won't|never) (?:been )?(?:arrived?|came|come|turned up|showed up|shown up|delivered|dispatched|shipped)|lost (?:in (?:the )?(?:post|mail|transit)|(?:my |the )?(?:package|parcel))",
  ],
  [
    'delivery',
    2,
    'parcels?|couriers?|tracking|shipping|shipment|out for delivery|delivery (?:driver|date|slot|window|guy)|(?:late|missed|failed|no|next[- ]day) delivery|(?:marked|showing|shows|says) (?:as )?delivered|delivered (?:to )?(?:the )?(?:wrong|next door|a neighbou?r|someone else)',
  ],
  [
    'delivery',
    2,
    "(?:wrong|missing) (?:item|items|order|size|colou?r|address|book|parcel|package)|(?:order|items?|parcel|package|delivery) (?:\\w+ )?missing|someone else's (?:shopping|order|parcel|package|delivery)|sent (?:me )?(?:the )?wrong|(?:tried to deliver|missed you)|(?<=\\bin )transit|substitut\\w*|(?:lost|damaged|delayed|missing) (?:my |our |the )?(?:luggage|baggage|suitcase|bags?)|luggage|baggage|suitcase|(?:arrived|came|turned up) (?:damaged|smashed|crushed|broken|dented|late|open(?:ed)?)|damaged in transit|(?:package|order|delivery) (?:is |was )?(?:late|missing|stolen|lost)|where(?:'s| is) my (?:\\w+)",
  ],
  [
    'delivery',
    1,
    'delivery|delivered|deliver|dispatch(?:ed)?|shipped|ordered|order|driver|package|postman|mail|still nothing|still no sign|replacement|depot|collected|return label',
  ],

  [
    'outage',
    2,
    `outage|${APP} ${NOT_WORKING}|${CANT} (?:connect|load|stream|play|open the app|get online|make calls)|(?:keeps|kept) (?:crashing|freezing|buffering|dropping|disconnecting|logging me out|resetting)|(?:line|landline|phone line|internet|wifi|broadband|signal|data|network) (?:has been |is |was )?(?:dead|down)|\\d+ ?mbps|(?:no|lost) (?:mobile )?data|nothing loads|something went wrong|corrupt(?:s|ed|ing|ion)?|bricked|stuck on (?:the )?(?:loading|splash|spinning|blank)|(?:fails?|failing|failed) (?:at|to (?:load|connect|open)|every)|(?:payments?|transfers?) (?:not going through|failing)|(?:hasn't|hasnt|doesn't|isn't|not) work(?:ed|ing) (?:in|for|since)`,
  ],
  [
    'outage',
    2,
    'crash(?:es|ed|ing)?|bugs?|buggy|glitch(?:es|ed|y|ing)?|error(?: code| message)?s?|(?:500|502|503|404) error|(?:no|lost) (?:signal|internet|wifi|connection|service|power|water|hot water|heating|broadband|coverage)|power cut|blackout|buffering|timed out|(?<=\\b(?:went|is|are|been|was|goes) )down|down again|offline',
  ],
  [
    'outage',
    1,
    'loading|updates?|app|servers?|lag(?:gy|ging)?|froze|frozen|freez(?:es|ing)|wifi|signal|website|status page|software|unlock|out of (?:service|order)',
  ],

  [
    'pricing',
    2,
    'price (?:hikes?|increases?|rises?|changes?)|(?:up|by|rose|risen) \\d+ ?%|\\d+ ?% (?:more|higher|increase|rise|extra)|\\d+p extra|(?:more|extra) (?:a|per) (?:month|year|week|night)|(?:costs?|charg(?:es|ing)) (?:me |us )?more|more expensive|pay(?:ing)? more|(?:£|\\$|€)\\d+(?:\\.\\d\\d)? for (?:a|an|one|the) |(?:raised|raising|hiked|hiking|put up|increased|doubled) (?:the |your |their |its |our )?(?:prices?|fees?|rates?|premiums?|fares?)|prices? (?:went|gone|have gone|has gone|going) up|(?<=\\b(?:too|so) )expensive|overpriced|over-priced|hidden (?:fees?|charges?|costs?)|junk fees?|rip ?off|ripoff|ripping (?:us|people|customers|me) off|daylight robbery|shrinkflation|price gouging|gouging',
  ],
  [
    'pricing',
    1,
    'prices?|pricing|expensive|fees?|costs?|fares?|afford|affordable|surcharge|extra|cheaper|value',
  ],

  [
    'product_quality',
    2,
    "stopped working|(?:doesn't|does not|didn't|did not|won't|doesnt|didnt) (?:work|fit|charge|turn on|switch on|close|seal|hold)|(?:battery|screen) (?:is )?(?:dead|black|cracked)|(?:grinding|rattling|clicking|buzzing) (?:noise|sound)|flicker(?:s|ing)?|(?:stick )?drift|lost suction|(?:gone|went) (?:completely )?flat|let (?:water|rain) in|dead pixels?|(?:a )?hairs? (?:in|baked|on)|raw (?:in|inside|chicken|meat)|(?:chicken|meat|burger) was pink|soggy|gristle|inedible|blurry|chipboard|creak(?:s|ing|y)?|(?:sizing|size) (?:is|was)|smaller than|bigger than|defective|faulty|poor quality|low quality|bad quality|cheap(?:ly)? made|fell apart|falling apart|came apart|broke (?:after|within|in|on)|(?:gone|went) (?:off|mouldy|moldy|stale)|out of date|past (?:its|the) (?:use by|best before|expiry)",
  ],
  [
    'product_quality',
    2,
    'broken|broke|stale|expired|mou?ldy|rotten|undercooked|cracked|ripped|torn|snapped|shrunk|faded|leak(?:s|ed|ing|y)?|loose|wobbl\\w*|peel(?:ed|ing)|chipped|rust(?:y|ed|ing)?|squashed|counterfeit|fake|scratched|dented|too (?:small|big|tight|loose)|battery (?:dies|died|drains|lasts)|(?:cold|soggy|burnt) (?:food|pizza|fries|chips|meal|coffee)|missing (?:parts|pieces|screws)',
  ],
  ['product_quality', 1, 'quality|works|working|useless|rubbish|junk|garbage|flimsy|tastes?|smells?'],

  [
    'customer_service',
    2,
    'rude|no one (?:answers|answered|is answering|picks up|picked up|replies|replied|responds|responded|got back|gets back|helps|helped|cares)|nobody (?:answers|answered|picks up|replies|replied|responds|responded|got back|helps|helped|cares)|on hold|hung up|ignor(?:ed|ing|e)|(?:chat|call) (?:was )?(?:closed|ended|disconnected|dropped)|(?:closed|ended) the chat|(?:nobody|no one|no-one) (?:told|informed|warned|contacted|called) (?:me|us)|(?:speak|talk) (?:to|with) (?:a |the |your )?(?:manager|supervisor|human|real person)',
  ],
  [
    'customer_service',
    2,
    "(?:(?:not one|not a single|no) (?:reply|response|answer)|call(?:ed)? (?:me )?back|callback|chat ?bot|copy(?: and)?[- ]paste|(?:nobody|no one) can (?:tell|help)|shout(?:ed|ing) at|(?:pick(?:ed)?|picks) up the phone|refused to (?:help|listen|lower|let)|(?:rep|agent|advisor|adviser|handler|receptionist) (?:literally )?(?:laughed|shouted|argued|hung up)|dm us|same documents|starts? from (?:zero|scratch)|explained (?:my|it|this) to)|(?:support|customer service|customer care|helpdesk|help desk|agents?|staff|reps?) (?:is |are |was |were )?(?:useless|a joke|terrible|awful|non-?existent|clueless|unhelpful|pathetic|rude|hopeless)|unhelpful|(?:no|still no|zero|never got an?|haven't had an?|not a single) (?:reply|response|answer|call back|callback)|never (?:replied|responded|got back|called back|answered)|(?:haven't|hasn't|have not|didn't|did not) (?:heard back|replied|responded|got back|gotten back|called back)|transferred|passed (?:around|from pillar)|condescending|(?:emails?|calls?|messages?|dms?) (?:ignored|unanswered)",
  ],
  [
    'customer_service',
    1,
    'customer service|customer support|support|helpline|call cent(?:er|re)|manager|staff|agent|representative|employee|complaint|ticket|attitude|emails?|emailed|dms?|rep|receptionist|front desk|handler|phoned|rang|reply|nobody|no one',
  ],
];

/** Tie-break order: lower index wins. */
const PRIORITY: Category[] = [
  'safety_legal',
  'account_access',
  'billing',
  'delivery',
  'outage',
  'pricing',
  'product_quality',
  'customer_service',
  'other',
];
/** The category patterns, in order (exported for the prefilter equivalence test). */
export const CATEGORY_SOURCES = ENTRIES.map(([, , source]) => source);
const CATEGORY_CUES = new CueSet(CATEGORY_SOURCES);

/** Scratch tallies per category, indexed like PRIORITY (detectCategory is synchronous). */
const RANK = new Map(PRIORITY.map((c, i) => [c, i]));
const ENTRY_RANK = ENTRIES.map(([category]) => RANK.get(category)!);
const score = new Int32Array(PRIORITY.length);
const strongest = new Int32Array(PRIORITY.length);
const first: (string | null)[] = PRIORITY.map(() => null);

/** What `text` is about and the phrase that says so; 'other' with null evidence when nothing does. */
export function detectCategory(text: string): { category: Category; evidence: string | null } {
  if (text.length < 3) return { category: 'other', evidence: null };
  const prepared = prepareText(text);
  score.fill(0);
  strongest.fill(0);
  CATEGORY_CUES.scan(prepared, (pattern, index, phrase) => {
    const [category, weight] = ENTRIES[pattern];
    if (category === 'safety_legal' && isNegated(prepared.norm, index)) return;
    const c = ENTRY_RANK[pattern];
    score[c] += weight;
    if (strongest[c] < weight) {
      strongest[c] = weight;
      first[c] = phrase;
    }
  });
  let best = -1;
  let bestScore = 0;
  for (let c = 0; c < PRIORITY.length; c++) {
    if (score[c] > bestScore) {
      best = c;
      bestScore = score[c];
    }
  }
  return best < 0
    ? { category: 'other', evidence: null }
    : { category: PRIORITY[best], evidence: first[best]!.trim() };
}
