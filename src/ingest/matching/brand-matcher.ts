import type { BrandConfig } from '../../config/config.schema';

/** A brand a post is about, with the configured terms (as written in config) that were found in it. */
export interface BrandMatch {
  brandId: string;
  terms: string[];
}

/**
 * Where every other combining mark lies (astral ones behind these high surrogates; emoji's are not).
 * Scanning for \p{M} itself costs more than the rest of normalisation; the spec checks this covers it.
 */
const OTHER_MARKS =
  /[\u0483-\u1dff\u20d0-\u20f0\u2cef-\u2dff\u302a-\u309a\ua66f-\uabed\ufb1e\ufe20-\ufe2f\ud800-\ud83b\udb40]/;

/**
 * Folds text for matching: typographic apostrophes/quotes to ASCII (before NFKD, which would turn "´"
 * into a space + mark, and because "ʼ" is a letter that would glue "Acmeʼs" into one word), NFKD with
 * combining marks stripped (accents, fullwidth, ligatures), lower case, whitespace runs to one space.
 * Each step is skipped when a cheap test shows it would change nothing: this runs once per post.
 */
export function normaliseForMatch(text: string): string {
  let t = text;
  if (/[\u0080-\uffff]/.test(t)) {
    t = t
      .replace(/[‘’‚‛ʼ′´]/g, "'")
      .replace(/[“”„‟″]/g, '"')
      .normalize('NFKD');
    // Latin accents and emoji variation selectors first: a big \p{M} scan is several times slower.
    t = t.replace(/[\u0300-\u036f\ufe00-\ufe0f]+/g, '');
    if (OTHER_MARKS.test(t)) t = t.replace(/\p{M}+/gu, '');
  }
  if (t.includes('`')) t = t.replace(/`/g, "'");
  t = t.toLowerCase();
  if (/[^\S ]| {2}/.test(t)) t = t.replace(/\s+/g, ' ');
  return t.trim();
}

const WORD = '\\p{L}\\p{N}';
/** Characters a handle or hashtag is made of: a tag or handle continues through them. */
const TAG = `${WORD}_`;
const isWordChar = (ch: string) => /[\p{L}\p{N}]/u.test(ch);
const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** A configured term: its regex, its folded literal text (`core`) and where it sits in config order. */
interface Entry {
  label: string;
  order: number;
  core: string;
  source: string;
}
type Pattern = Pick<Entry, 'core' | 'source'> | undefined;

/** Word boundaries only on the sides where the term's edge is a letter or digit ("c++" has none after). */
function termPattern(term: string): Pattern {
  const core = normaliseForMatch(term);
  if (!core) return undefined; // e.g. a lone combining mark: would otherwise match everywhere
  const before = isWordChar(String.fromCodePoint(core.codePointAt(0)!)) ? `(?<![${WORD}])` : '';
  const after = isWordChar([...core].pop()!) ? `(?![${WORD}])` : '';
  return { core, source: `${before}${escape(core)}${after}` };
}

/**
 * "@name" (or bare "name"): "@" not preceded by a word char (emails), and the handle must not go on
 * ("@acmesupport", "@acme.bsky.social"); "@acme@instance" still counts. A dotted name is a domain handle
 * (Bluesky) that is unambiguous with or without its "@". "@user@instance" needs the full address.
 */
function handlePattern(handle: string): Pattern {
  const core = normaliseForMatch(handle).replace(/^@/, '');
  const end = `(?![${TAG}]|[.-][${TAG}])`;
  const at = `(?<![${TAG}])@`;
  const start = !core.includes('@') && core.includes('.') ? `(?:${at}|(?<![${TAG}.@-]))` : at;
  return { core, source: `${start}${escape(core)}${end}` };
}

function hashtagPattern(tag: string): Pattern {
  const core = normaliseForMatch(tag).replace(/^#/, '');
  return { core, source: `(?<![${TAG}])#${escape(core)}(?![${TAG}])` };
}

const NONE: Entry[] = [];

/** Finds which of a set of terms occur in a text: one alternation locates candidates cheaply. */
class TermSet {
  private readonly locator: RegExp | null;
  /** Per-term sticky regexes, run only where the locator hit, so nested/overlapping terms are all found. */
  private readonly at: { entry: Entry; re: RegExp }[];

  constructor(entries: Entry[]) {
    this.at = entries.map((entry) => ({ entry, re: new RegExp(entry.source, 'uy') }));
    const alternation = [...entries].sort((a, b) => b.core.length - a.core.length).map((e) => e.source);
    this.locator = entries.length ? new RegExp(alternation.join('|'), 'gu') : null;
  }

  get size(): number {
    return this.at.length;
  }

  /** True when any term occurs; cheaper than find() (exclude terms need no detail). */
  test(text: string): boolean {
    if (!this.locator) return false;
    this.locator.lastIndex = 0;
    return this.locator.test(text);
  }

  find(text: string): Entry[] {
    const loc = this.locator;
    if (!loc) return NONE;
    loc.lastIndex = 0;
    let m = loc.exec(text);
    if (!m) return NONE;
    const found: Entry[] = [];
    for (; m; m = loc.exec(text)) {
      for (const { entry, re } of this.at) {
        if (found.includes(entry)) continue;
        re.lastIndex = m.index;
        if (re.test(text)) found.push(entry);
      }
      if (found.length === this.at.length) break;
      // Step one code point, not past the match: a shorter term may start inside it ("corp" in "acme corp").
      loc.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
    return found;
  }
}

interface CompiledBrand {
  id: string;
  languages: Set<string>;
  /** any-terms, handles and hashtags: at least one must occur. */
  trigger: TermSet;
  all: TermSet;
  exclude: TermSet;
}

export class BrandMatcher {
  private readonly brands: CompiledBrand[];
  /**
   * The literal text of every brand's any-terms, handles and hashtags: no brand can match without one, and
   * most posts mention none. Without the `u` flag (literals need none) it scans a lot faster.
   */
  private readonly prefilter: RegExp;

  constructor(brands: BrandConfig[]) {
    const cores: string[] = [];
    this.brands = brands.map(({ id, query: q }) => {
      let order = 0;
      const entries = (labels: string[], pattern: (label: string) => Pattern): Entry[] =>
        labels.flatMap((label) => {
          const p = pattern(label);
          return p ? [{ label, order: order++, ...p }] : [];
        });
      // Built in config order (any, all, handles, hashtags) so recorded terms come out in that order.
      const any = entries(q.any, termPattern);
      const all = entries(q.all, termPattern);
      const trigger = [...any, ...entries(q.handles, handlePattern), ...entries(q.hashtags, hashtagPattern)];
      cores.push(...trigger.map((e) => escape(e.core)));
      return {
        id,
        languages: new Set(q.languages.map((l) => l.toLowerCase())),
        trigger: new TermSet(trigger),
        all: new TermSet(all),
        exclude: new TermSet(entries(q.exclude, termPattern)),
      };
    });
    this.prefilter = cores.length ? new RegExp(cores.join('|')) : /(?!)/;
  }

  match(post: { text: string; language: string | null }, brandIds?: readonly string[]): BrandMatch[] {
    const text = normaliseForMatch(post.text);
    if (!this.prefilter.test(text)) return [];
    const lang = post.language?.toLowerCase() ?? '';
    const known = lang !== '' && lang !== 'und';
    const primary = lang.split('-')[0];
    const matches: BrandMatch[] = [];
    for (const b of this.brands) {
      if (brandIds && !brandIds.includes(b.id)) continue;
      // "en" admits "en-gb"; a configured "pt-br" admits only "pt-br". Unknown language passes.
      if (known && b.languages.size && !b.languages.has(lang) && !b.languages.has(primary)) continue;
      const triggered = b.trigger.find(text);
      if (!triggered.length || b.exclude.test(text)) continue;
      const all = b.all.find(text);
      if (all.length < b.all.size) continue;
      const terms = [...triggered, ...all].sort((x, y) => x.order - y.order).map((e) => e.label);
      matches.push({ brandId: b.id, terms: [...new Set(terms)] });
    }
    return matches;
  }
}
