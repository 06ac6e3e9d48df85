import type { Category, Classification } from '../classifier/classifier.types';
import type { Remedies } from './reply-policy';

/**
 * What each complaint category sounds like in a reply: the concern in plain words (every phrasing
 * contains one of `keywords`, so a test can check the concern was restated), a concrete next step
 * that promises to look, not to fix, and the team a case goes to. Several phrasings each, for variety.
 */
export interface CategoryPhrases {
  /** Plain words every `topics` phrasing contains at least one of. */
  keywords: string[];
  /** Noun phrases that read after "about …" and before "… has upset you". `{brand}` is the brand name. */
  topics: string[];
  /** Verb phrases after "we'll …". */
  steps: string[];
  /** Who takes an escalated case. */
  team: string;
  /** What to send privately, if anything (never asked for in public). */
  data: string | null;
}

const PHRASES: Record<Exclude<Category, 'safety_legal'>, CategoryPhrases> = {
  delivery: {
    keywords: ['delivery'],
    topics: ['your delivery', 'the problem with your delivery', 'this delivery'],
    steps: [
      'trace your order with the courier',
      'check exactly where your delivery is',
      'chase the delivery with our courier',
    ],
    team: 'our delivery team',
    data: 'your order number',
  },
  billing: {
    keywords: ['bill'],
    topics: ['the billing problem', 'your bill', 'this billing issue'],
    steps: [
      'check the charges on your account',
      'go through your billing line by line',
      'review the payments we took',
    ],
    team: 'our billing team',
    data: 'the email on your account',
  },
  outage: {
    keywords: ['outage'],
    topics: ['the outage', 'this outage', 'the outage you ran into'],
    steps: [
      'get the details to our engineers',
      "look into what's failing for you",
      'check what went wrong on our side',
    ],
    team: 'our technical team',
    data: 'a screenshot of the error',
  },
  product_quality: {
    keywords: ['product'],
    topics: ['the product you received', 'the problem with your product', 'a product that let you down'],
    steps: [
      'look into what went wrong with the product',
      'have our product team check the fault',
      'find out how this product got to you like that',
    ],
    team: 'our product team',
    data: 'your order number and a photo',
  },
  customer_service: {
    keywords: ['support'],
    topics: ['the support you received', 'our support so far', "the support you've had from us"],
    steps: [
      'have a team lead review your conversations with us',
      'look at how your case was handled',
      'make sure one person owns your case',
    ],
    team: 'a team lead',
    data: 'your case or order number',
  },
  account_access: {
    keywords: ['account'],
    topics: ['your account access', 'getting into your account', 'the problem with your account'],
    steps: [
      'help you get back into your account',
      "check what's blocking your account",
      'go through the sign-in steps with you',
    ],
    team: 'our account team',
    data: 'the email on your account',
  },
  pricing: {
    keywords: ['pric'],
    topics: ['the pricing', 'our pricing', 'the price you were charged'],
    steps: [
      'go through the pricing with you',
      'explain the price and the options you have',
      'check the price you were charged',
    ],
    team: 'our billing team',
    data: 'your account email',
  },
  other: {
    keywords: ['experience', 'problem', 'happened'],
    topics: ['your experience', 'this problem', 'what happened'],
    steps: ['look into what happened', 'find out what went wrong', 'get the right person on this'],
    team: 'a senior colleague',
    data: null,
  },
};

const SAFETY: CategoryPhrases = {
  keywords: ['safety'],
  topics: ['this safety issue', 'a safety concern like this', 'this safety problem'],
  steps: [
    'pass this to our safety team',
    'get our safety team to look at this',
    'have our safety team investigate',
  ],
  team: 'our safety team',
  data: 'your contact details',
};

/** Legal threats and other serious matters: no admission, no remedy, a senior person. */
const SERIOUS: CategoryPhrases = {
  keywords: ['serious'],
  topics: ['something this serious', 'a concern this serious', 'this serious complaint'],
  steps: [
    'pass this to a senior colleague',
    'have a senior colleague review your case',
    'get this to the people who can answer it properly',
  ],
  team: 'a senior colleague',
  data: 'your contact details',
};

export function phrasesFor(c: Pick<Classification, 'category' | 'flags'>): CategoryPhrases {
  if (c.category === 'safety_legal') return c.flags.safetyRisk ? SAFETY : SERIOUS;
  return PHRASES[c.category] ?? PHRASES.other;
}

/** Which remedies fit which complaint: a refund for an outage or a replacement for a bill make no sense. */
const REMEDY_FIT: Record<keyof Remedies, Category[]> = {
  refund: ['delivery', 'billing', 'product_quality', 'pricing'],
  replacement: ['delivery', 'product_quality'],
  credit: ['outage', 'account_access', 'customer_service', 'billing', 'other'],
  // Never for safety & legal: an offer there reads as an admission and belongs to the senior person.
  discount: [
    'delivery',
    'billing',
    'outage',
    'product_quality',
    'customer_service',
    'account_access',
    'pricing',
    'other',
  ],
};

/** The remedies a draft may offer for this complaint, in words ("a refund", "20% off your next order"). */
export function allowedRemedies(remedies: Remedies, category: Category): string[] {
  const offers: string[] = [];
  if (remedies.refund && REMEDY_FIT.refund.includes(category)) offers.push('a refund');
  if (remedies.replacement && REMEDY_FIT.replacement.includes(category)) offers.push('a replacement');
  if (remedies.credit && REMEDY_FIT.credit.includes(category)) offers.push('account credit');
  if (remedies.discount && REMEDY_FIT.discount.includes(category))
    offers.push(`${remedies.discount} off your next order`);
  return offers;
}

/** The classifier's personal stakes in words that read after "this affects …". */
const STAKES: Record<string, string> = {
  wedding: 'your wedding',
  funeral: 'your family at a difficult time',
  'sick child': 'your unwell child',
  baby: 'your baby',
  'lost photos': 'your photos and the memories in them',
  birthday: 'a birthday celebration',
  honeymoon: 'your honeymoon',
  medication: 'your medication',
  pregnant: 'your pregnancy',
  'elderly parent': 'someone you care for',
  'holiday gift': 'a gift that matters',
  'job interview': 'your interview',
  exam: 'your exam',
  disability: 'your access needs',
  'moving house': 'your move',
};

export function stakeWords(stakes: string[]): string | null {
  if (stakes.length === 0) return null;
  return STAKES[stakes[0]] ?? 'something this important to you';
}
