import { fold } from './offensive-words';

/**
 * What a reply must never say (the playbook's rules 1–4 and 6), shared by the composer, which refuses
 * to quote a customer phrase containing any of it, and by the tests, which check every draft.
 */

/** Defensive, blaming, dismissive or non-apologies: "calm down", "sorry you feel", "as per our policy". */
export const FORBIDDEN_PHRASES: RegExp[] = [
  /\bcalm down\b/,
  /\bstay calm\b/,
  /\brelax\b/,
  /\bchill\b/,
  /\btake a (?:deep )?breath\b/,
  /\bno need to (?:be rude|shout|get upset)\b/,
  /\bsorry (?:that )?you feel\b/,
  /\bsorry you(?:'re| are) upset\b/,
  /\bsorry if (?:you|this|that|we|it|anyone)\b/,
  /\bany inconvenience (?:this|that) may have caused\b/,
  /\byou should(?: not|n't)? have\b/,
  /\byou (?:must|might) have\b/,
  /\byou failed to\b/,
  /\byou (?:didn't|did not|forgot to|neglected to)\b/,
  /\byour (?:own )?fault\b/,
  /\b(?:not|isn't|wasn't) our (?:fault|problem|responsibility)\b/,
  /\buser error\b/,
  /\b(?:as )?per our (?:policy|terms|t&cs)\b/,
  /\bour (?:policy|terms) (?:states?|says?|clearly)\b/,
  /\bunfortunately,? you\b/,
  /\bwe never\b/,
  /\bnothing (?:we|i) can do\b/,
  /\bthere is nothing\b/,
  /\bas (?:i|we) (?:said|mentioned|explained)\b/,
  /\bas (?:previously|already) (?:stated|explained|mentioned)\b/,
  /\bactually,/,
  /\bto be fair\b/,
  /\bobviously\b/,
  /\bclearly you\b/,
  /\bif you had\b/,
  /\byou misunderstood\b/,
  /\bmisunderstanding on your\b/,
  /\bon your (?:part|end|side)\b/,
  /\bwe can't help\b/,
];

/** Every forbidden phrasing found in the text (lower case, accents folded). */
export function findForbidden(text: string): string[] {
  const t = fold(text);
  return FORBIDDEN_PHRASES.filter((p) => p.test(t)).map((p) => p.source);
}

/** An apology, not a conditional one: "sorry", "we apologise", "our apologies". */
export const APOLOGY = /\b(?:sorry|apologi[sz]e|apologies)\b/i;

/** The brand owning the problem ("that's on us", "we let you down"), not the customer. */
export const OWNERSHIP =
  /\b(?:on us|our (?:mistake|fault|side|responsibility|error)|we (?:got this wrong|let you down|dropped the ball|should have done better|fell short|own this|take responsibility)|not good enough)\b/i;

/**
 * A request for personal data in public: "reply with your order number", "post your email here",
 * "share your address below", "leave your phone number in the comments".
 */
export const PUBLIC_DATA_REQUEST: RegExp[] = [
  /\b(?:reply|respond|comment|post|tweet|toot|share|leave|drop|write|put|include|add)\b[^.!?]{0,40}\b(?:order (?:number|no|id|ref\w*)|e-?mail(?: address)?|phone(?: number)?|mobile(?: number)?|(?:home |postal |delivery )?address|account (?:number|details|id)|card (?:number|details)|password|postcode|zip ?code|details)\b[^.!?]{0,30}(?<!\b(?:not|than|of) )\b(?:here|below|in (?:the )?(?:comments?|replies|thread|this thread|public))\b/i,
  /\b(?:here|below|in (?:the )?(?:comments?|replies|thread)|publicly|in public)\b[^.!?]{0,30}\b(?:with|send|share|post|give)\b[^.!?]{0,20}\byour (?:order (?:number|no|id)|e-?mail|phone|address|account|card|password|details)\b/i,
  /\b(?:reply|respond|comment)(?: here| below)? with your\b/i,
];

export function asksForDataInPublic(text: string): boolean {
  return PUBLIC_DATA_REQUEST.some((p) => p.test(text));
}

/** Words that promise a remedy or a fix; a draft may use them only where the policy allows. */
export const REMEDY_WORDS =
  /\b(?:refund\w*|money back|reimburs\w*|replace(?:ment|d)?|replacing|credit|discount|voucher|compensat\w*|% off|free of charge|for free|on the house|we(?:'ll| will) (?:fix|resolve|repair|make (?:it|this) right|sort (?:it|this) out))\b/i;
