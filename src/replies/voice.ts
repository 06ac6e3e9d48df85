import type { Voice } from './reply-policy';

/**
 * A brand's voice applied to a draft's body (before the @handle and the signature): formality, the
 * brand's own words, and the check for words it never uses. The phrasebook is written in a neutral,
 * friendly register; formal expands contractions and drops exclamation marks, casual shortens.
 */

const CONTRACTIONS: [RegExp, string][] = [
  [/\bwe're\b/gi, 'we are'],
  [/\bwe'll\b/gi, 'we will'],
  [/\bwe'd\b/gi, 'we would'],
  [/\bwe've\b/gi, 'we have'],
  [/\byou're\b/gi, 'you are'],
  [/\byou'll\b/gi, 'you will'],
  [/\byou've\b/gi, 'you have'],
  [/\byou'd\b/gi, 'you would'],
  [/\bthey'll\b/gi, 'they will'],
  [/\bthat's\b/gi, 'that is'],
  [/\bit's\b/gi, 'it is'],
  [/\blet's\b/gi, 'let us'],
  [/\bhere's\b/gi, 'here is'],
  [/\bthere's\b/gi, 'there is'],
  [/\bisn't\b/gi, 'is not'],
  [/\bhasn't\b/gi, 'has not'],
  [/\bhaven't\b/gi, 'have not'],
  [/\bwasn't\b/gi, 'was not'],
  [/\bweren't\b/gi, 'were not'],
  [/\bdon't\b/gi, 'do not'],
  [/\bcan't\b/gi, 'cannot'],
  [/\bwon't\b/gi, 'will not'],
];

/** Formal openings and phrases, applied before contractions are expanded. */
const FORMAL_PHRASES: [RegExp, string][] = [
  [/\bThanks so much\b/g, 'Thank you very much'],
  [/\bthanks so much\b/g, 'thank you very much'],
  [/\bThanks\b/g, 'Thank you'],
  [/\bthanks\b/g, 'thank you'],
  [/(^|[.!?–]\s+)(?:So|Really) sorry\b/g, '$1We are very sorry'],
  [/(^|[.!?]\s+)Sorry\b/g, '$1We are sorry'],
  [/– sorry\b/g, '– we are sorry'],
  [/\bDM us\b/g, 'send us a direct message'],
  [/\bsend us a DM\b/g, 'send us a direct message'],
  [/\bHappy to help\b/g, 'We are happy to help'],
  [/\bLove to hear it\b/g, 'We are delighted to hear it'],
  [/\bGreat news\b/g, 'That is good news'],
  [/\bSo glad\b/g, 'We are very glad'],
  [/\bGlad\b/g, 'We are glad'],
  [/\bjust\s+/g, ''],
];

const CASUAL_PHRASES: [RegExp, string][] = [
  [/\bThank you\b/g, 'Thanks'],
  [/(^|[.!?]\s+)We're sorry to hear\b/g, '$1Sorry to hear'],
];

export function applyVoice(body: string, voice: Voice): string {
  let text = body;
  if (voice.formality === 'formal') {
    for (const [p, r] of FORMAL_PHRASES) text = text.replace(p, r);
    for (const [p, r] of CONTRACTIONS) text = text.replace(p, (m) => matchCase(m, r));
    text = text.replace(/!/g, '.');
  } else if (voice.formality === 'casual') {
    for (const [p, r] of CASUAL_PHRASES) text = text.replace(p, r);
  }
  for (const [from, to] of Object.entries(voice.terms)) {
    text = text.replace(new RegExp(`(?<![\\w@])${escape(from)}(?!\\w)`, 'gi'), (m) => matchCase(m, to));
  }
  return text;
}

/** The brand's never-used phrases found in the text (case-insensitive, whole words). */
export function neverSaid(text: string, voice: Voice): string[] {
  return voice.never.filter((p) => new RegExp(`(?<!\\w)${escape(p)}(?!\\w)`, 'i').test(text));
}

function matchCase(original: string, replacement: string): string {
  const first = original.charAt(0);
  return first === first.toUpperCase() && first !== first.toLowerCase()
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
