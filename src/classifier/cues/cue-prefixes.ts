/**
 * Literal prefixes of a regex source: what `CueSet` uses to know, without running a pattern, which
 * three characters a match of it can start with. Handles the subset of syntax the cue patterns use
 * (literals, escapes, small classes, groups, alternation, quantifiers, lookarounds); anything else
 * ends the prefix there, which is always safe: a shorter prefix only lets more positions through.
 */

const PREFIX_LEN = 3;

export interface Prefix {
  s: string;
  /** The pattern may continue with more literal text after `s`. */
  open: boolean;
}

/** Splits `src` at top-level `|`. */
export function splitAlternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

/** End index (exclusive) of the group or class opening at `i`. */
function closing(src: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[' && src[i] === '(') inClass = true;
    else if (c === '[') return src.indexOf(']', j + 1) + 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  throw new Error(`unbalanced pattern: ${src}`);
}

const ESCAPE_SETS: Record<string, string[]> = { d: '0123456789'.split(''), s: [' '] };

/** The characters a class like `[- ]` or `[sz]` stands for, or null when there are too many. */
function classChars(body: string): string[] | null {
  if (body.startsWith('^')) return null;
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body[i];
    if (c === '\\') {
      c = body[++i];
      if (/[dws]/i.test(c)) return null;
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let k = c.charCodeAt(0); k <= body.charCodeAt(i + 2); k++) chars.push(String.fromCharCode(k));
      i += 2;
      continue;
    }
    chars.push(c);
  }
  return chars.length <= 12 ? chars : null;
}

function extend(prefixes: Prefix[], len: number, next: (p: Prefix) => Prefix[]): Prefix[] {
  const out = prefixes.flatMap((p) => (p.open && p.s.length < len ? next(p) : [{ s: p.s, open: false }]));
  // Alternatives often share prefixes ("does|do|did" → "do"): keep one of each, so longer ones stay few.
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = (p.open ? '+' : '-') + p.s;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every literal prefix (up to `len` characters, PREFIX_LEN by default) a match of `src` can start
 * with. With `exact`, `\s` ends a prefix instead of standing for a space (for prefixes compared
 * character by character with the text, where other white space could follow).
 */
export function literalPrefixes(src: string, len = PREFIX_LEN, exact = false): Prefix[] {
  return splitAlternatives(src).flatMap((alt) => {
    let acc: Prefix[] = [{ s: '', open: true }];
    let i = 0;
    while (i < alt.length && acc.some((p) => p.open && p.s.length < len)) {
      let atom: Prefix[] | null;
      let end: number;
      const c = alt[i];
      if (c === '(') {
        end = closing(alt, i);
        const inner = alt.slice(i + 1, end - 1);
        if (/^\?<?[!=]/.test(inner)) {
          i = end; // a lookaround consumes nothing
          continue;
        }
        atom = literalPrefixes(inner.replace(/^\?:/, ''), len, exact);
      } else if (c === '[') {
        end = closing(alt, i);
        atom = classChars(alt.slice(i + 1, end - 1))?.map((s) => ({ s, open: true })) ?? null;
      } else if (c === '\\') {
        end = i + 2;
        const e = alt[i + 1];
        if (e === 'b' || e === 'B') {
          i = end;
          continue;
        }
        atom = /[a-zA-Z]/.test(e)
          ? exact && e === 's'
            ? null
            : (ESCAPE_SETS[e]?.map((s) => ({ s, open: true })) ?? null)
          : [{ s: e, open: true }];
      } else if (c === '.' || c === '^' || c === '$') {
        end = i + 1;
        atom = null;
      } else {
        end = i + 1;
        atom = [{ s: c, open: true }];
      }
      const q = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})/.exec(alt.slice(end));
      if (q) end += q[0].length;
      const optional = q !== null && (q[0] === '?' || q[0] === '*' || q[1] === '0');
      const repeats = q !== null && q[0] !== '?';
      const add = (p: Prefix): Prefix[] =>
        atom === null
          ? [{ s: p.s, open: false }]
          : atom.map((a) => ({ s: (p.s + a.s).slice(0, len), open: a.open && !repeats }));
      acc = extend(acc, len, (p) => (optional ? [p, ...add(p)] : add(p)));
      i = end;
    }
    return acc;
  });
}
