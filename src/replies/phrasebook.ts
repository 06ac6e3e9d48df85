/**
 * The sentences drafts are made of: several phrasings per slot, so that replies read as written by a
 * person (the playbook's rule 9) rather than one template with the blanks filled. Every phrasing of
 * a slot does the same job, so any choice keeps the rules: restatements name the concern, apologies
 * own the problem, next-step sentences carry the private channel and the configured response time.
 */

export interface Slots {
  brand: string;
  /** The concern in plain words ("your delivery"). */
  topic: string;
  /** The customer's own words, or null when there is nothing clean to quote. */
  quote: string | null;
  /** A concrete next step ("trace your order with the courier"). */
  step: string;
  team: string;
  stake: string | null;
  /** Remedies the policy allows for this complaint ("a refund", "a replacement"). */
  offers: string[];
  /** The configured response time, used verbatim after "within". */
  time: string;
  /** How to reach the brand privately, imperative ("DM us at @AcmeHelp"), maybe with what to send. */
  ask: string;
}

export type Sentence = (s: Slots) => string;

const quoted = (s: Slots, capital = false): string =>
  `“${capital ? capitalise(s.quote ?? '') : (s.quote ?? '')}”`;

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b or c" */
export function orList(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The concern restated, with the customer's words when there are any (active listening). */
export const RESTATE: Sentence[] = [
  (s) =>
    s.quote
      ? `We hear you about ${s.topic}: ${quoted(s)} is not good enough.`
      : `We hear you about ${s.topic}, and it's not good enough.`,
  (s) =>
    s.quote
      ? `You wrote ${quoted(s)}, and we understand why ${s.topic} has upset you.`
      : `We understand why ${s.topic} has upset you.`,
  (s) =>
    s.quote
      ? `${quoted(s, true)}: we've read your post about ${s.topic}, and you're right to be frustrated.`
      : `We've read your post about ${s.topic}, and you're right to be frustrated.`,
  (s) =>
    s.quote
      ? `Thanks for telling us about ${s.topic}: ${quoted(s)} should never happen.`
      : `Thanks for telling us about ${s.topic}; it should never have happened.`,
  (s) =>
    s.quote
      ? `Reading ${quoted(s)}, we can see why you're upset about ${s.topic}.`
      : `We can see why you're upset about ${s.topic}.`,
];

/** Short apologies that own the problem. */
export const APOLOGY_SHORT: Sentence[] = [
  () => `We're sorry: this one is on us.`,
  () => `That's our mistake, and we're sorry.`,
  () => `We let you down here, and we apologise.`,
  () => `Sorry, we got this wrong.`,
  () => `We apologise: we should have done better.`,
];

/** Fuller apologies, from the customer's side. */
export const APOLOGY_FULL: Sentence[] = [
  () => `We're truly sorry for the trouble this has caused you; it's our responsibility, not yours.`,
  () => `We apologise for the hassle: nobody should have to chase us, and that's on us.`,
  () => `We're sorry for the stress and the time this has cost you; we got this wrong.`,
  (s) => `Please accept our apologies: you expected better from ${s.brand}, and we fell short.`,
];

/** For legal threats: sincere, owning that it is not good enough, without admitting liability. */
export const APOLOGY_CAUTIOUS: Sentence[] = [
  () => `We're sorry for what you've been through; it's not good enough.`,
  (s) =>
    `We apologise: this is not the experience anyone should have with ${s.brand}, and it's not good enough.`,
  () => `Sorry: what you describe is not good enough.`,
];

/** Acknowledgement from the customer's point of view (optional: dropped first when space is short). */
export const EMPATHY: Sentence[] = [
  () => `Anyone would be annoyed in your place.`,
  () => `Your time matters, and this has taken far too much of it.`,
  () => `It's fair to expect better from us.`,
  () => `We'd feel the same in your shoes.`,
];

export const NEXT_STEP: Sentence[] = [
  (s) => `Next, we'll ${s.step}.`,
  (s) => `Here's what happens next: we'll ${s.step}.`,
  (s) => `We'll ${s.step} first.`,
  (s) => `Our first step is to ${s.step}.`,
];

/** The private channel and the configured response time, in one sentence. */
export const CHANNEL_AND_TIME: Sentence[] = [
  (s) => `${capitalise(s.ask)} and we'll get back to you within ${s.time}.`,
  (s) => `If you ${s.ask}, someone from our team will reply within ${s.time}.`,
  (s) => `Please ${s.ask} — we'll pick it up and update you within ${s.time}.`,
  (s) => `${capitalise(s.ask)} and a member of our team will be in touch within ${s.time}.`,
];

export const STAKES: Sentence[] = [
  (s) => `We know this affects ${s.stake}, which makes it so much harder.`,
  (s) => `This affects ${s.stake}, and we understand how much that matters.`,
  (s) => `This isn't only about ${s.topic}: it affects ${s.stake}, and we understand how much that matters.`,
  (s) => `We can only imagine how stressful this is when it affects ${s.stake}.`,
];

export const PRIORITY: Sentence[] = [
  () => `We'll treat this as a priority.`,
  () => `We're giving this priority.`,
  () => `We'll make this a priority.`,
];

/** Let the customer choose when there is a choice (the playbook's rule 8, article 002). */
export const REMEDY: Sentence[] = [
  (s) =>
    s.offers.length > 1
      ? `We can offer ${orList(s.offers)}, whichever you prefer.`
      : `We can offer you ${s.offers[0]}.`,
  (s) =>
    s.offers.length > 1
      ? `You can choose ${orList(s.offers)}: it's your call.`
      : `We'd like to offer ${s.offers[0]} for the trouble.`,
  (s) =>
    s.offers.length > 1
      ? `We'd like to offer you ${orList(s.offers)}, whichever suits you best.`
      : `We can offer ${s.offers[0]} to make up for this.`,
];

export const ESCALATE: Sentence[] = [
  (s) => `We're passing this to ${s.team} so the right person handles it.`,
  (s) => `We're escalating this to ${s.team}, who can look into it properly.`,
  (s) => `${capitalise(s.team)} will take this on personally.`,
];

export const ESCALATE_CHANNEL: Sentence[] = [
  (s) => `They'll update you within ${s.time}; please ${s.ask} so they can reach you privately.`,
  (s) => `Please ${s.ask} so they can reach you privately, and expect an update within ${s.time}.`,
  (s) => `${capitalise(s.ask)} and they'll be in touch within ${s.time}.`,
];

export const CLOSING: Sentence[] = [
  () => `Thanks for giving us the chance to look into this.`,
  () => `Thank you for telling us.`,
  () => `We're on it.`,
];

/**
 * Compact forms, used only when a draft does not fit even without its optional sentences: each keeps
 * its slot's job (concern and quote, apology with ownership, channel and time) in fewer words.
 */
export const COMPACT: Record<string, Sentence[]> = {
  restate: [
    (s) => (s.quote ? `We hear you about ${s.topic}: ${quoted(s)}.` : `We hear you about ${s.topic}.`),
    (s) =>
      s.quote
        ? `${quoted(s, true)}: we hear you about ${s.topic}.`
        : `We hear you about ${s.topic}, and that's not OK.`,
    (s) => (s.quote ? `You told us about ${s.topic}: ${quoted(s)}.` : `You told us about ${s.topic}.`),
  ],
  apology: [() => `Sorry, that's on us.`, () => `Sorry, our mistake.`, () => `We're sorry; we let you down.`],
  apologyCautious: [() => `Sorry, it's not good enough.`, () => `We're sorry; that's not good enough.`],
  nextStep: [(s) => `We'll ${s.step}.`, (s) => `Next, we'll ${s.step}.`],
  channel: [
    (s) => `${capitalise(s.ask)} and we'll reply within ${s.time}.`,
    (s) => `${capitalise(s.ask)}; we'll reply within ${s.time}.`,
    (s) => `Please ${s.ask}: we'll reply within ${s.time}.`,
  ],
  stakes: [(s) => `We know this affects ${s.stake}.`, (s) => `This affects ${s.stake}, we know.`],
  remedy: [(s) => `We can offer ${orList(s.offers)}.`, (s) => `You can choose ${orList(s.offers)}.`],
  escalate: [(s) => `${capitalise(s.team)} will take this on.`, (s) => `We're passing this to ${s.team}.`],
  escalateChannel: [
    (s) => `${capitalise(s.ask)}; they'll reply within ${s.time}.`,
    (s) => `${capitalise(s.ask)} and they'll reply within ${s.time}.`,
  ],
};
