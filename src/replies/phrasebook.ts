import type { Concern, Request } from './concern';

/**
 * The sentences drafts are made of, by what the post is (the playbook's rules 1 and 9). Each slot has
 * several phrasings that do the same job, so replies read as written by a person and two cases read
 * differently. Written the way a calm, experienced care agent writes on social media: one to three
 * short sentences, the concern named in our own words from the customer's side, one next step.
 *
 * What no phrasing here does: quote the customer, admit fault (only `incidentOpen`, for a fault the
 * brand declared), blame, tell anyone to calm down, ask for personal data in public, or promise a
 * remedy (only `remedy`, with the offers the brand's policy allows).
 */
export interface Slots {
  brand: string;
  concern: Concern | null;
  /** The post tells its story at length: asking "what happened?" would show we did not read it. */
  detailed: boolean;
  /** What the praise is about ("the lounge"), or null. */
  praised: string | null;
  /** Where they are going ("New Orleans"), or null. */
  destination: string | null;
  /** What the customer asks us to do ("the bassinet request"), or null. */
  request: Request | null;
  /** A second thing that went wrong ("the dropped call" after "the cancellation"), or null. */
  also: Concern | null;
  /** How to reach us privately, imperative: "DM us", "email us at help@acme.com". */
  ask: string;
  /** The same with what to send: "DM us your booking reference". */
  askWith: string;
  /** The configured response time, after "within". */
  time: string;
  /** Who takes it further: "our billing team", "a senior colleague". */
  team: string;
  /** Remedies the policy allows for this complaint ("a refund"). */
  offers: string[];
  /** What is at stake for the person ("your wedding"), or null. */
  stake: string | null;
  /** A fault the brand declared, as it words it, or null. */
  incident: string | null;
  /** A configured answer to the question, or null. */
  answer: string | null;
  /** The support page, when configured. */
  supportUrl: string | null;
}

export type Sentence = (s: Slots) => string;

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b or c" */
export function orList(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const clause = (s: Slots): string => s.concern?.clause ?? '';
const feeling = (s: Slots, sep = ', '): string => (s.concern?.feeling ? `${sep}${s.concern.feeling}` : '');
const step = (s: Slots): string => s.concern?.step ?? 'take a look';

/** "the cancellation and the dropped call" */
const nouns = (s: Slots): string =>
  s.also
    ? s.also.and === s.also.noun
      ? `${s.concern!.noun} and ${s.also.noun}`
      : `${s.concern!.noun}, and ${s.also.and}`
    : (s.concern?.noun ?? '');

/** Complaint, first sentence: sorry for the experience, the concern named. */
export const SORRY: Sentence[] = [
  (s) =>
    s.also
      ? `We're sorry about ${nouns(s)}.`
      : s.concern
        ? `Sorry ${clause(s)}${feeling(s, ' – ')}.`
        : `We're sorry to hear that.`,
  (s) =>
    s.also
      ? `Sorry about ${nouns(s)} – that's a lot to deal with.`
      : s.concern?.repeat
        ? `We're sorry ${clause(s)}.`
        : s.concern
          ? `We're sorry about ${nouns(s)}${feeling(s, ' – ')}.`
          : `Sorry about this – it's not the experience we want for you.`,
  (s) =>
    s.also
      ? `Really sorry about ${nouns(s)}.`
      : s.concern
        ? `So sorry to hear ${clause(s)}.`
        : `We're sorry to hear this.`,
];

/** The same without the feeling: for the brief draft and when space is short. */
export const SORRY_SHORT: Sentence[] = [
  (s) =>
    s.concern?.repeat && !s.also
      ? `Sorry ${clause(s)}.`
      : s.concern
        ? `Sorry about ${nouns(s)}.`
        : `Sorry to hear this.`,
  (s) =>
    s.concern?.repeat && !s.also
      ? `We're sorry ${clause(s)}.`
      : s.concern
        ? `We're sorry about ${nouns(s)}.`
        : `We're sorry to hear that.`,
  (s) =>
    s.concern && !s.also
      ? `Sorry ${clause(s)}.`
      : s.concern
        ? `Sorry about ${nouns(s)}.`
        : `Sorry about this.`,
];

/** The next step and the private channel; with no concern named, ask what happened (if they did not say). */
export const NEXT_STEP: Sentence[] = [
  (s) =>
    s.concern?.close === 'pass-on'
      ? `We'll ${step(s)}, and if you need anything else, ${s.ask}.`
      : s.concern?.close === 'meantime'
        ? `If you need a hand with anything in the meantime, ${s.ask}.`
        : s.concern
          ? `${capitalise(s.askWith)} and we'll ${step(s)}.`
          : s.detailed
            ? `${capitalise(s.ask)} and we'll look into it.`
            : `What happened? ${capitalise(s.ask)} with the details and we'll take a look.`,
  (s) =>
    s.concern?.close === 'pass-on'
      ? `We'll ${step(s)}.`
      : s.concern?.close === 'meantime'
        ? `In the meantime, ${s.ask} if there's anything we can help with.`
        : s.concern
          ? `Please ${s.askWith} so we can ${step(s)}.`
          : s.detailed
            ? `Please ${s.ask} so we can look into it.`
            : `Can you tell us more? ${capitalise(s.ask)} and we'll look into it.`,
  (s) =>
    s.concern?.close === 'pass-on'
      ? `We'll ${step(s)}.`
      : s.concern?.close === 'meantime'
        ? `If there's anything we can help with in the meantime, ${s.ask}.`
        : s.concern
          ? `If you ${s.askWith}, we'll ${step(s)}.`
          : s.detailed
            ? `If you ${s.ask}, we'll look into it.`
            : `${capitalise(s.ask)} with what happened and we'll take a look.`,
];

/** A practical tip anyone can use, in public, when the concern has one. */
export const TIP: Sentence[] = [(s) => s.concern?.tip ?? `We're here if you need us.`];

/** The next step with the timeline the brand can keep. */
export const NEXT_STEP_TIMED: Sentence[] = [
  (s) => `${capitalise(s.askWith)} and we'll ${step(s)} – you'll hear back from us within ${s.time}.`,
  (s) => `Please ${s.askWith} so we can ${step(s)}; we'll get back to you within ${s.time}.`,
  (s) => `If you ${s.askWith}, we'll ${step(s)} and be in touch within ${s.time}.`,
];

/** The brief draft's close: channel, no data, no timeline. */
export const BRIEF_CLOSE: Sentence[] = [
  (s) => `${capitalise(s.ask)} and we'll take a look.`,
  (s) => `${capitalise(s.ask)} and we'll help.`,
  (s) => `We'd like to help – ${s.ask}.`,
  (s) => `${capitalise(s.ask)} and we'll look into it.`,
];

export const STAKES: Sentence[] = [
  (s) => `We know how much this matters with ${s.stake} involved.`,
  (s) => `We understand this matters all the more with ${s.stake} involved.`,
];

export const REMEDY: Sentence[] = [
  (s) =>
    s.offers.length > 1
      ? `We can offer ${orList(s.offers)}, whichever you prefer – ${s.askWith} and we'll set it up.`
      : `We can offer ${s.offers[0]} – ${s.askWith} and we'll set it up.`,
  (s) =>
    s.offers.length > 1
      ? `${capitalise(s.askWith)} and we'll arrange ${orList(s.offers)}, your choice.`
      : `${capitalise(s.askWith)} and we'll arrange ${s.offers[0]} for you.`,
];

export const SPECIALIST: Sentence[] = [
  (s) => `We'd like ${s.team} to look into this: ${s.askWith} and they'll be in touch within ${s.time}.`,
  (s) => `${capitalise(s.askWith)} and we'll get ${s.team} on it; they'll reply within ${s.time}.`,
];

/** A declared fault: plain, owned, with what happens next. */
export const INCIDENT: Sentence[] = [
  (s) => `Sorry about this – ${s.incident}, and our team is working on it.`,
  (s) => `We're sorry: ${s.incident}, and we're working to fix it.`,
];

export const INCIDENT_CLOSE: Sentence[] = [
  (s) => `Thanks for bearing with us; if it's still not right once it's fixed, ${s.ask}.`,
  (s) => `We'll keep you posted, and if anything else is wrong, ${s.ask}.`,
];

/** Questions: no apology, an answer or the way to one. */
export const QUESTION_ROUTE: Sentence[] = [
  (s) => `Happy to help! ${capitalise(s.ask)} with the details and we'll check that for you.`,
  (s) => `Good question – ${s.ask} with the details and we'll find out for you.`,
  (s) =>
    s.supportUrl
      ? `You'll find the details at ${s.supportUrl}, or ${s.ask} and we'll check for you.`
      : `Happy to look into that – ${s.ask} with the details and we'll let you know.`,
];

export const QUESTION_BRIEF: Sentence[] = [
  (s) => `Happy to help – just ${s.ask}.`,
  (s) => `We can help with that! ${capitalise(s.ask)}.`,
];

export const QUESTION_TIMED: Sentence[] = [
  (s) => `${capitalise(s.ask)} with the details and we'll get back to you within ${s.time}.`,
  (s) => `Send us the details (${s.ask}) and you'll have an answer within ${s.time}.`,
];

export const ANSWER_CLOSE: Sentence[] = [
  (s) => `Anything else, just ${s.ask}.`,
  (s) => `If you need anything more, ${s.ask}.`,
];

/** Requests for help: ready to help, and sorry where something went wrong. */
export const HELP_OPEN: Sentence[] = [
  (s) =>
    s.request
      ? `Happy to help with ${s.request.noun}!`
      : s.concern
        ? `Sorry ${clause(s)} – we can help.`
        : `We'd like to help.`,
  (s) =>
    s.request
      ? `We can help with ${s.request.noun}.`
      : s.concern
        ? `Sorry about ${nouns(s)}; let's see what we can do.`
        : `We can help with that.`,
  (s) =>
    s.request
      ? `Happy to help with ${s.request.noun}.`
      : s.concern
        ? `Sorry ${clause(s)} – we'd like to help.`
        : `We'd be glad to help.`,
];

/** A request for help: what to send and what we do with it. */
export const HELP_NEXT: Sentence[] = [
  (s) =>
    s.request || !s.concern
      ? `${capitalise(s.askWith)} and we'll take it from there.`
      : `${capitalise(s.askWith)} and we'll ${step(s)}.`,
  (s) =>
    s.request || !s.concern
      ? `Please ${s.askWith} and we'll work through it with you.`
      : `Please ${s.askWith} so we can ${step(s)}.`,
];

/** Suggestions and feedback: thanked, taken seriously, passed on (no promise that it changes). */
export const FEEDBACK_OPEN: Sentence[] = [
  (s) =>
    s.concern
      ? `Thanks for the feedback on ${s.concern.noun}, and sorry it's been frustrating.`
      : `Thanks for the feedback, and sorry it's been frustrating.`,
  (s) =>
    s.concern
      ? `We appreciate you telling us about ${s.concern.noun} – sorry for the frustration.`
      : `We appreciate the suggestion, and we're sorry for the frustration.`,
];

export const FEEDBACK_CLOSE: Sentence[] = [
  (s) => `We'll pass it on to the team; if you still need a hand, ${s.ask}.`,
  (s) => `We'll make sure the right team sees it, and if there's anything we can help with now, ${s.ask}.`,
];

export const FEEDBACK_BRIEF: Sentence[] = [
  () => `Thanks for the feedback – we'll pass it on to the team.`,
  () => `Noted, and thank you – we'll share this with the team.`,
];

/** The post itself holds personal data: a public reply suggests taking it down, never repeats it. */
export const PRIVACY: Sentence[] = [
  (s) => `Thanks – for your privacy, please delete that post and ${s.ask} with those details instead.`,
  (s) => `Thank you. To keep your details safe, please delete that post and ${s.ask} instead.`,
];

/** Praise that names what they liked or where they are going: answered in kind. */
export const PRAISE_SPECIFIC: Sentence[] = [
  (s) =>
    s.praised
      ? `So glad you enjoyed ${s.praised} – thanks for sharing!`
      : `${s.destination} sounds like a great trip – thanks for the kind words!`,
  (s) =>
    s.praised ? `We're glad you enjoyed ${s.praised}, thank you!` : `Thank you! Enjoy ${s.destination}.`,
];

export const PRAISE: Sentence[] = [
  () => `Thanks so much for the kind words!`,
  () => `That's great to hear – thank you!`,
  () => `We love hearing that, thank you!`,
  () => `Thank you, that really made our day!`,
];

export const PRAISE_BRIEF: Sentence[] = [() => `Thank you!`, () => `Thanks so much!`];

export const PRAISE_PEOPLE: Sentence[] = [
  () => `We'll pass this on to the team.`,
  () => `We'll make sure the team hears this.`,
];

export const PRAISE_CLOSE: Sentence[] = [
  () => `Hope to see you again soon.`,
  () => `It means a lot to the team.`,
];

/** Praise that shares a link (a photo, a post). */
export const PRAISE_SHARE: Sentence[] = [
  () => `Love this – thanks for sharing!`,
  () => `Thanks for sharing this, it made our day!`,
];

export const RESOLVED: Sentence[] = [
  () => `Glad to hear it's all sorted – thanks for letting us know!`,
  () => `Great news, thanks for the update!`,
  () => `So glad it's all sorted now, and thanks for letting us know.`,
];

export const RESOLVED_EFFORT: Sentence[] = [
  () => `Glad it's sorted now, and sorry it took so much effort to get there.`,
  () => `Great to hear it's sorted – sorry it took a while.`,
  () => `So glad you got there in the end, and sorry it took so long.`,
];

export const RESOLVED_BRIEF: Sentence[] = [() => `Glad to hear it!`, () => `Great to hear it's sorted!`];

export const RESOLVED_PEOPLE: Sentence[] = [
  () => `We'll pass your thanks on to the team.`,
  () => `We'll let the team know – thanks for the shout-out.`,
];

export const ANYTHING_ELSE: Sentence[] = [
  (s) => `If anything else comes up, just ${s.ask}.`,
  () => `We're here if you need anything else.`,
];

/** Sarcasm is a complaint: never thanked, never taken literally. */
export const SARCASM: Sentence[] = [
  (s) =>
    s.concern
      ? `Not the experience we want for you – sorry ${clause(s)}.`
      : `We hear you, and we're sorry this has been so frustrating.`,
  (s) =>
    s.concern ? `We hear you – sorry ${clause(s)}.` : `Not the experience we want for you, and we're sorry.`,
];

export const CHURN_OPEN: Sentence[] = [
  (s) => (s.concern ? `Sorry ${clause(s)} – we'd hate to lose you.` : `We'd hate to see you go.`),
  (s) =>
    s.concern
      ? `We're sorry ${clause(s)}, and we'd hate to see you go.`
      : `Sorry to hear you're thinking of leaving.`,
];

export const CHURN_CLOSE: Sentence[] = [
  (s) => `If you ${s.askWith}, we'd like the chance to help.`,
  (s) => `${capitalise(s.askWith)} and we'll see what we can do before you decide.`,
];

export const CHURN_CANCEL: Sentence[] = [
  (s) => `If you've made up your mind, ${s.ask} and we'll help with that too.`,
  (s) => `And if you'd still rather leave, ${s.ask} and we'll make it easy.`,
];

/** Legal threats: care and a route to the right people; no admission, no remedy, nothing repeated. */
export const LEGAL_OPEN: Sentence[] = [
  (s) =>
    s.concern
      ? `We're sorry to hear ${clause(s)}, and we'd like to look into this properly.`
      : `We're sorry to hear about your experience and we'd like to look into this properly.`,
  () => `Thanks for raising this with us – we want to look into it properly.`,
];

export const LEGAL_CLOSE: Sentence[] = [
  (s) => `Please ${s.ask} with the best way to reach you, so the right team can follow up with you directly.`,
  (s) =>
    `${capitalise(s.ask)} with your contact details and the right team will follow up with you directly.`,
];

/** Safety: the person first, then the safety team. */
export const SAFETY_OPEN_HURT: Sentence[] = [
  () => `We're so sorry to hear you were hurt, and we hope you're OK.`,
  () => `That sounds awful – we hope you're OK.`,
];

export const SAFETY_OPEN: Sentence[] = [
  () => `That sounds really worrying – thank you for telling us.`,
  () => `Thanks for flagging this; we take it very seriously.`,
];

export const SAFETY_CLOSE: Sentence[] = [
  (s) => `Please ${s.askWith} so our safety team can look into it straight away.`,
  (s) => `${capitalise(s.askWith)} and our safety team will look into it as a priority.`,
];

export const SAFETY_STOP_USING: Sentence[] = [
  () => `Please stop using it for now.`,
  () => `For now, please don't use it.`,
];

/** A mention that is neither complaint, question nor praise. */
export const COMMENT: Sentence[] = [
  (s) => `Thanks for reaching out! If there's anything we can help with, just ${s.ask}.`,
  (s) => `Thanks for the mention – if you need a hand with anything, ${s.ask}.`,
];

export const COMMENT_BRIEF: Sentence[] = [() => `Thanks for the mention!`, () => `Thanks for the shout!`];

export const COMMENT_ROUTE: Sentence[] = [
  (s) => `If there's anything we can help with, ${s.ask}.`,
  (s) => `We're here if you need us – just ${s.ask}.`,
];

export const COMMENT_SHARE: Sentence[] = [() => `Thanks for sharing!`, () => `Thanks for sharing this!`];
