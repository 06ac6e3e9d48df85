import { CueSet, prepareText } from '../cues/cue-regex';

/**
 * Complaint phrases: how people describe a failed service without necessarily sounding angry
 * ("ordered 3 weeks ago, still nothing"). Each has an id (the model's feature, shared by all its
 * wordings) and is matched on the cues' normalised text (lower case, no accents, straight
 * apostrophes, single spaces), from a word start to a word end. Non-capturing groups only.
 */
const NUM = String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|a few|many|couple(?: of)?)`;
const UNIT = String.raw`(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?)`;
const NT = String.raw`(?:n't|nt| not)`;
const ORDINAL = String.raw`(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|\d+th|umpteenth|hundredth|millionth)`;

export const COMPLAINT_PHRASES: readonly { id: string; pattern: string }[] = [
  {
    id: 'still_waiting',
    pattern: String.raw`\bstill (?:waiting|waitin|wating|no(?:thing)?\b|not\b|have(?:n't|nt| not)|has(?:n't|nt| not)|can't|cannot|unable|broken|down|charging|getting|nobody|no one|haven't)`,
  },
  {
    id: 'waiting_for',
    pattern: String.raw`\b(?:waiting|waited) (?:for|on) (?:a |my |the |an? )?(?:refund|reply|response|answer|callback|call back|order|package|parcel|delivery|replacement|update|email|fix|technician|engineer)`,
  },
  {
    id: 'not_received',
    pattern: String.raw`\b(?:never|not yet|still not|ha(?:ve|s)${NT}|did${NT}|do${NT}|does${NT})(?: even| yet| ever)? (?:received|receive|arrived|arrive|got|get|gotten|came|come|shown up|show up|showed up|been delivered|delivered|heard back|heard)\b`,
  },
  {
    id: 'nth_time',
    pattern: String.raw`\b(?:${ORDINAL} time|${NUM} times (?:now|already|in a row|this (?:week|month))|again and again|yet again|once again|every single time)\b`,
  },
  {
    id: 'refund',
    pattern: String.raw`\b(?:(?:want|need|demand|demanding|expect|asking for|request(?:ed)?|get|give me|where(?: is|'s)) (?:a |my |the |full |me a |me my )?(?:full )?refund|refund me|money back|chargeback|charge back)\b`,
  },
  {
    id: 'cancel',
    pattern: String.raw`\b(?:cancel(?:l?ing|l?ed)?|close|closing|terminate|terminating) (?:my|the|our) (?:order|subscription|account|membership|plan|contract|service|card|booking|reservation|policy)\b`,
  },
  {
    id: 'charged_wrong',
    pattern: String.raw`\b(?:(?:charged|billed) (?:me )?(?:twice|two times|double|again|${NUM} times|for something|without)|double[- ]charged|double[- ]billed|overcharged|over-charged|unauthori[sz]ed charge|charged me|took my money|stole my money|taken my money)\b`,
  },
  {
    id: 'on_hold',
    pattern: String.raw`\b(?:on hold (?:for|since)|been on hold|(?:${NUM}|\d+) ${UNIT} on hold|hold music|in a queue for|in the queue for|hung up on me|hang up on me|kept me waiting|keep me waiting)\b`,
  },
  {
    id: 'no_response',
    pattern: String.raw`\b(?:no (?:response|reply|replies|answer|answers|callback|call back|update|updates|word|help|communication|explanation|apology|one (?:answers|responds|replies|replied|helps|helped|called|calls|cares|picks up))|(?:nobody|noone) (?:answers|responds|replies|replied|helps|helped|called|calls|cares|picks up|got back)|(?:never|didn't|did not|haven't|have not|still haven't) (?:got|get|gotten|heard) (?:back|a (?:reply|response|call))|(?:ignor(?:ing|ed|e)) (?:me|my|us|our)|left on read|no way to contact|impossible to (?:reach|contact|get through))\b`,
  },
  {
    id: 'does_not_work',
    pattern: String.raw`\b(?:(?:does|do|did|is|was|are|were|wo|still|it|has|have)(?:n't|nt| not) (?:even )?work(?:ing|ed)?|not working|stopped working|quit working|broke down|won't (?:load|open|start|charge|turn on|connect|let me)|(?:can't|cannot|unable to|couldn't) (?:log ?in|sign ?in|access|connect|load|open|use|get (?:in|through|into))|keeps? (?:crashing|freezing|failing|dropping|disconnecting|logging me out|breaking|cancell?ing)|kept (?:crashing|freezing|failing|dropping)|(?:is|are|was|still|went|goes|going) down again|(?:site|app|website|service|server|servers|network|internet|wifi|system) (?:is|was|are|has been|keeps going) (?:down|broken|unusable)|error (?:message|code)|broken again)\b`,
  },
  {
    id: 'where_is',
    pattern: String.raw`\b(?:where(?: is|'s|s| are) (?:my|our|the) (?:order|package|parcel|refund|money|delivery|luggage|bag|bags|stuff|item|items|replacement|card)|when (?:will|do|can) (?:i|we) (?:get|receive|have) (?:my|our|a)|what is going on|what's going on|what is happening with my)\b`,
  },
  {
    id: 'elapsed_time',
    pattern: String.raw`\b(?:(?:been|for|over|almost|nearly|took|taking|waited|waiting) (?:${NUM}|\d+) ${UNIT}|(?:${NUM}|\d+) ${UNIT} (?:ago|late|later|now|and (?:still|counting|nothing|no)|without|of waiting|waiting|wait)|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last (?:week|month)|yesterday))\b`,
  },
  {
    id: 'late_delivery',
    pattern: String.raw`\b(?:(?:order|package|parcel|delivery|shipment|flight|train|bus|driver|courier|technician)(?: is| was| still| has been)? (?:late|delayed|missing|lost|stuck|cancell?ed|never (?:came|arrived|showed))|(?:late|delayed|missed|missing|lost|cancell?ed) (?:order|package|parcel|delivery|shipment|flight|luggage|bag|bags|connection|items?))\b`,
  },
  {
    id: 'wrong_item',
    pattern: String.raw`\b(?:(?:wrong|damaged|broken|defective|faulty|missing|used|expired|cracked|torn|leaking|mouldy|moldy|stale|cold) (?:item|items|order|product|size|part|parts|package|parcel|box|screen|food|meal|pizza|charger|phone|laptop|one)|arrived (?:broken|damaged|late|open|cracked|smashed|empty|cold)|sent (?:me )?the wrong|sent me a (?:used|broken|damaged))\b`,
  },
  {
    id: 'bad_service',
    pattern: String.raw`\b(?:(?:worst|terrible|horrible|awful|appalling|shocking|poor|bad|atrocious|pathetic|useless|rude|disgraceful|lousy|abysmal|crap|shit|shitty) (?:customer )?(?:service|support|experience|company|staff|agent|app|airline|product|quality|communication|management|excuse)|customer (?:service|support|care) (?:is|was|are) (?:a joke|useless|terrible|awful|non-?existent|horrible|the worst|rubbish|shit|crap|pathetic))\b`,
  },
  {
    id: 'waste',
    pattern: String.raw`\b(?:(?:waste|wasted|wasting) (?:of )?(?:my |our |your )?(?:time|money|day|morning|afternoon|evening|weekend|hours?)|for nothing|scam|scammed|rip[- ]?off|ripped (?:me )?off|fraud|false advertising)\b`,
  },
  {
    id: 'unacceptable',
    pattern: String.raw`\b(?:unacceptable|not acceptable|not ok(?:ay)?|not good enough|not happy|not impressed|not satisfied|not amused|disgraceful|ridiculous|outrageous|shameful|shame on you|this is a joke|what a joke|how hard is it|how is this (?:ok|okay|acceptable|legal)|sort it out|fix (?:this|it|your)|do better|get your act together|enough is enough|fed up|sick of|tired of|had enough)\b`,
  },
  {
    id: 'churn',
    pattern: String.raw`\b(?:never (?:again|buying|ordering|using|flying|shopping|coming back|going back|recommend)|(?:switching|moving|going) to (?:a competitor|another|someone else)|(?:last|final) time (?:i|we) (?:use|order|buy|fly|shop)|lost (?:a|my|our) (?:customer|business)|(?:won't|will not|wont|would not|wouldn't) (?:recommend|be (?:back|returning|using|ordering|buying|flying))|take my business elsewhere|done with (?:you|this|them)|goodbye forever)\b`,
  },
  {
    id: 'escalate',
    pattern: String.raw`\b(?:(?:speak|talk) to (?:a |the |your )?(?:manager|supervisor|human|real person|someone)|file (?:a )?complaint|formal complaint|complaint (?:number|reference|ref)|(?:case|ticket|reference|complaint) (?:number|no|#)|report(?:ing)? (?:you|this) to|small claims|trading standards|better business bureau|\bbbb\b|ombudsman|consumer (?:rights|protection)|(?:my )?lawyer|legal action|sue (?:you|them))\b`,
  },
  {
    id: 'lost_property',
    pattern: String.raw`\b(?:lost (?:my|our) (?:luggage|bag|bags|suitcase|package|parcel|order|data|photos|files|account|booking|reservation|seat)|(?:luggage|bag|bags|suitcase) (?:is |was |are |were )?(?:lost|missing|damaged|never arrived))\b`,
  },
  {
    id: 'nobody_helps',
    pattern: String.raw`\b(?:(?:nobody|no one|noone) (?:can|could|will|would|seems to|wants to|is able to) (?:help|tell|explain|fix|answer)|(?:passed|bounced|transferred) (?:around|between|from one)|(?:promised|told me|said) (?:it would|they would|i would|to call|a (?:call|refund))|(?:still )?no (?:one|body) (?:knows|has a clue))\b`,
  },
  {
    id: 'why_question',
    pattern: String.raw`\bwhy (?:does|do|did|is|are|am|was|were|would|has|have|can't|cant|won't|wont|isn't|isnt|doesn't|doesnt|on earth|the hell|the heck)\b`,
  },
  {
    id: 'request',
    pattern: String.raw`\b(?:please (?:refund|fix|help|advise|check|sort|explain|respond|reply|look into|bring|stop|cancel|call|contact|get back|escalate|send|return|remove|update)|(?:can|could|would|will) (?:you|someone|anyone) (?:please )?(?:fix|explain|refund|sort|look into|help|tell me why|get back to me|call me back)|i want answers|i need (?:this|it) (?:fixed|sorted|resolved)|what do i do|what am i supposed to do|make it make sense)\b`,
  },
  {
    id: 'defect',
    pattern: String.raw`\b(?:(?:broke|broken|cracked|smashed|shattered|snapped|ripped|torn|peeled|peeling|leaking|leaked|melted|swelled|dented|scratched|stained|mouldy|moldy|rotten|stale|undercooked|defective|faulty|flimsy|stopped working|died|bricked) (?:after|within|in|on) (?:${NUM}|the first|day one|first)|came apart|fell apart|falling apart|lost suction|dead on arrival|arrived dead)\b`,
  },
  {
    id: 'is_down',
    pattern: String.raw`\b(?:(?:is|are) (?:the |your |my )?(?:app|site|website|network|service|server|servers|system|internet|wifi|broadband|signal|portal|checkout) (?:down|broken|not working|offline)|no (?:signal|internet|service|connection|power|water|heating|hot water))\b`,
  },
  // Calm complaints and requests for help: a failure told plainly, with no angry word at all
  // ("can't open my mail since last night", "my password won't go through", "fix this @apple").
  {
    id: 'cant_do',
    pattern: String.raw`\b(?:(?:can't|cant|cannot|can not|couldn't|couldnt|unable to|not able to) (?:open|download|install|update|upgrade|sync|send|receive|pay|book|check ?in|find|reset|change|add|remove|delete|cancel|play|stream|watch|hear|see|save|print|scan|charge|connect to|get (?:it|my|the|a|past)|make (?:a |any )?(?:calls?|payments?|purchases?|bookings?))|(?:won't|wont|will not|doesn't|doesnt|does not|isn't|isnt|is not|didn't|didnt|did not) (?:go through|accept|update|sync|download|install|send|play|load|open|charge|turn on|start|connect|show(?: up)?|let me|recogni[sz]e|save|respond|work(?:ing)?)|no longer (?:works?|working|loads?|opens?|syncs?|charges?)|(?:keeps?|kept) (?:saying|telling me|asking|restarting|rebooting|declining|rejecting|giving me)|(?:declined|rejected|failed|failing|stuck|frozen|greyed out|grayed out|unresponsive) (?:again|every time|at|on|when)|(?:draining|drains|killing|kills|eating|eats) (?:my |the )?battery|battery (?:drain|life is|dies|is dying))\b`,
  },
  {
    id: 'since_when',
    pattern: String.raw`\b(?:since (?:last (?:night|week|month|update|time)|this morning|yesterday|the (?:last |latest |new )?update|(?:i |we )?(?:updated|upgraded|installed|bought|ordered|paid|called|switched)|ios ?\d+|\d+ ?(?:am|pm))|all (?:day|night|morning|afternoon|evening|weekend|week)(?: long)?|for (?:days|hours|weeks|ages|a week|a month|the past \w+)|after (?:the|this|your|last|latest) (?:update|upgrade))\b`,
  },
  {
    id: 'help_request',
    pattern: String.raw`\b(?:(?:need|needs|want|get|getting|any|some) (?:some |your )?help|help (?:me|please|us|!)|please help|(?:can|could|will) (?:anyone|someone|somebody|you guys|u) (?:help|tell me|explain)|how (?:do|can|should) i (?:get|fix|stop|make|turn off|reset|cancel|contact|reach|talk)|is (?:anyone|anybody) else (?:having|getting|seeing)|anyone else (?:having|getting|seeing|notice)|what (?:happened|is wrong|'s wrong) (?:to|with)|is there (?:a|any) way to|fix (?:this|it|that|the|your|my)|why (?:can't|cant|won't|wont|isn't|isnt|doesn't|doesnt|is|does|are|do) (?:my|the|it|i|this|your))\b`,
  },
  {
    id: 'sarcasm',
    pattern: String.raw`\b(?:thanks for nothing|cheers for nothing|thanks a lot|thanks a bunch|oh (?:great|good|joy|wonderful|fantastic|perfect|brilliant|lovely|nice)|great,? (?:another|now|so|yet another|just)|just what i (?:needed|wanted)|yeah right|gotta love|(?:love|loving) (?:how|when|that) (?:you|my|the|i|it)|so helpful(?: not)?)\b`,
  },
  {
    id: 'price_rise',
    pattern: String.raw`\b(?:price (?:hike|rise|increase)|prices? (?:went|gone|going) up|(?:bill|bills|price|prices|fee|fees|cost|costs|premium|tariff|subscription) (?:went |has gone |have gone |is |are )?up (?:by )?(?:\d+|again)|more expensive|overpriced|rip ?off|daylight robbery|robbery|hidden (?:fee|fees|charge|charges)|extra (?:fee|charge))\b`,
  },
];

/**
 * Phrases that say a post is not a complaint even when it sounds like one: the author takes the
 * blame, clears the brand, or reports a problem already solved ("my own fault", "fair play",
 * "sorted it in 5 mins"). Features of their own ("q:"), so the model learns how much they calm.
 */
export const CALM_PHRASES: readonly { id: string; pattern: string }[] = [
  {
    id: 'own_fault',
    pattern: String.raw`\b(?:my (?:own )?fault|my bad|my mistake|(?:totally|all|entirely|that's|it's|thats|its) on me|user error|skill issue|not (?:your|their|the company's|the brand's|anyone's) fault|not a (?:brand|company) thing|not blaming|nobody's fault|no one's fault|blame the weather|blame myself|like an idiot|stupid me|silly me)\b`,
  },
  {
    id: 'fair',
    pattern: String.raw`\b(?:no complaints|can't complain|cant complain|fair play|fair enough|to be fair|tbf|in fairness|no shade|credit where|credit to|hats off|kudos|shout[- ]?out to|that's how it's done|thats how its done|how it should be done|well done|nailed it|above and beyond|went the extra mile|great (?:job|service|support|experience)|excellent (?:service|support)|best (?:customer )?(?:service|support)|thank you so much|thanks so much|so impressed|love (?:my|the|this|your) new|props to|respect to|would (?:buy|recommend|fly|order|stay) again|highly recommend|can't ask for more|cant ask for more|not sponsored|five stars|5 stars)\b`,
  },
  {
    id: 'solved',
    pattern: String.raw`\b(?:(?:sorted|fixed|resolved|refunded|replaced|paid out) (?:it |this |everything |my claim )?(?:in|within) (?:${NUM}|minutes|no time)|sorted (?:it )?(?:out )?(?:quickly|straight away|immediately|fast)|(?:thank you|thanks|cheers) for (?:sorting|fixing|resolving|the quick|your help|helping|getting back|the refund|the replacement)|problem solved|all sorted|all good now|quick response|kept me updated)\b`,
  },
];

/**
 * All phrases in one pass, through the cue detectors' `CueSet`: the regex runs only at word starts
 * whose first three characters can begin a phrase, and the prepared (normalised) text is shared with
 * the category and flag detectors, which see the same post next.
 */
const PHRASES = new CueSet(
  [...COMPLAINT_PHRASES, ...CALM_PHRASES].map((p) => p.pattern),
  true,
);

/**
 * Runs fn(phrase, calm, matchedText) for each phrase occurrence in `text`, left to right; `phrase`
 * indexes COMPLAINT_PHRASES, or CALM_PHRASES when `calm`.
 */
export function forEachPhrase(
  text: string,
  fn: (phrase: number, calm: boolean, matched: string) => void,
): void {
  PHRASES.scan(prepareText(text), (pattern, _at, matched) => {
    const calm = pattern >= COMPLAINT_PHRASES.length;
    fn(calm ? pattern - COMPLAINT_PHRASES.length : pattern, calm, matched);
  });
}
