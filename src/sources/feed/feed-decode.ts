import { XMLValidator } from 'fast-xml-parser';
import { SourceError } from '../source.errors';

/** fast-xml-parser (inside feedsmith) refuses documents nested deeper than this. */
export const MAX_XML_DEPTH = 100;

/**
 * Bytes to text. Feed parsers only take strings, and none honours encoding="ISO-8859-1", so we decode:
 * BOM first, then the Content-Type charset, then the XML prolog, else UTF-8.
 */
export function decodeFeedBytes(bytes: Buffer, contentType: string | null, where: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode(bytes, 'utf-8', where);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode(bytes, 'utf-16be', where);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode(bytes, 'utf-16le', where);
  // UTF-16 without a BOM still starts with "<?" encoded on two bytes.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f) return decode(bytes, 'utf-16le', where);
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00) return decode(bytes, 'utf-16be', where);
  const fromHeader = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  // The prolog is ASCII in every ASCII-compatible encoding, so latin1 reads it faithfully.
  const head = bytes.subarray(0, 1024).toString('latin1');
  let fromProlog = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
  // We just read "<?xml" as single bytes, so a UTF-16 declaration here is a lie: the bytes are UTF-8.
  if (fromProlog && /^utf-?16/i.test(fromProlog)) fromProlog = 'utf-8';
  const declared = fromHeader ?? fromProlog;
  if (declared) return decode(bytes, declared, where);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Undeclared and not valid UTF-8: old feeds written in Latin-1/Windows-1252 without saying so.
    return decode(bytes, 'windows-1252', where);
  }
}

function decode(bytes: Buffer, label: string, where: string): string {
  let decoder;
  try {
    decoder = new TextDecoder(label.toLowerCase());
  } catch {
    throw new SourceError(
      `the feed at ${where} says it is written in the character encoding "${label}", which Defuse does not know`,
      'parse',
    );
  }
  return decoder.decode(bytes);
}

/** What comes before the first element: enough to refuse dangerous or wrong documents cheaply. */
export interface Prolog {
  /** DOCTYPE name (`rss`, `html`), or null without a DOCTYPE. */
  doctype: string | null;
  /** The DOCTYPE's internal subset declares entities: the way in for "billion laughs" and XXE. */
  declaresEntities: boolean;
  /** First element as written (`rss`, `rdf:RDF`), null when the text starts with something else. */
  root: string | null;
  rootSelfClosing: boolean;
}

/** Linear scan (indexOf only) over the XML declaration, comments, PIs and DOCTYPE. */
export function inspectProlog(text: string): Prolog {
  const prolog: Prolog = { doctype: null, declaresEntities: false, root: null, rootSelfClosing: false };
  const n = text.length;
  let i = 0;
  for (;;) {
    while (i < n && /[\s\uFEFF]/.test(text[i])) i++;
    if (text.startsWith('<?', i) || text.startsWith('<!--', i)) {
      const close = text.startsWith('<?', i) ? '?>' : '-->';
      const end = text.indexOf(close, i + 2);
      if (end < 0) return prolog;
      i = end + close.length;
      continue;
    }
    if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      prolog.doctype = /^<!DOCTYPE\s+([^\s>[]+)/i.exec(text.slice(i, i + 256))?.[1] ?? '';
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      if (bracket >= 0 && (gt < 0 || bracket < gt)) {
        const subsetEnd = /\]\s*>/g;
        subsetEnd.lastIndex = bracket;
        const m = subsetEnd.exec(text);
        // Searched to the end, not just to this "]>", which a quoted value inside the subset can fake.
        // Real feeds never have an internal subset, so refusing on any later "<!ENTITY" costs nothing.
        prolog.declaresEntities = /<!ENTITY/i.test(text.slice(bracket));
        i = m ? m.index + m[0].length : n;
      } else {
        i = gt < 0 ? n : gt + 1;
      }
      continue;
    }
    break;
  }
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 256))?.[1];
  if (root) {
    prolog.root = root;
    const gt = text.indexOf('>', i);
    prolog.rootSelfClosing = gt > 0 && text[gt - 1] === '/';
  }
  return prolog;
}

/**
 * feedsmith accepts a document cut off right after an element, which would store a partial page
 * together with the ETag of the complete one; so the text must end with the root's closing tag.
 */
export function isTruncated(text: string, prolog: Prolog): boolean {
  if (!prolog.root || prolog.rootSelfClosing) return false;
  let end = text.trimEnd();
  while (end.endsWith('-->')) {
    const start = end.lastIndexOf('<!--');
    if (start < 0) break;
    end = end.slice(0, start).trimEnd();
  }
  const root = prolog.root.replace(/[.]/g, '\\.');
  return !new RegExp(`</${root}\\s*>$`).test(end.slice(-prolog.root.length - 64));
}

/** feedsmith's own errors ("Invalid feed format") say nothing useful: find out what is actually wrong. */
export function explainXmlFailure(text: string, prolog: Prolog, where: string, cause: unknown): SourceError {
  const fail = (msg: string) => new SourceError(msg, 'parse');
  if (!prolog.root) {
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    return fail(`the document at ${where} is not a feed (neither XML nor JSON); it starts with "${start}"`);
  }
  let result: ReturnType<typeof XMLValidator.validate>;
  try {
    result = XMLValidator.validate(text);
  } catch {
    result = true; // the validator itself gave up; the depth scan below tells why
  }
  if (result !== true) {
    const { line, col, msg } = result.err;
    // The validator reports elements left open at the end as "Invalid '[ "rss", "channel" ]' found." at 1:1.
    const open = /^Invalid '\[(.*)\]' found\.$/s.exec(msg)?.[1].match(/"[^"]+"/g);
    if (open) {
      const names = open.slice(0, 5).map((n) => `<${n.slice(1, -1)}>`);
      if (open.length > 5) names.push(`and ${open.length - 5} more`);
      return fail(
        `the feed at ${where} is not valid XML: these elements are never closed: ${names.join(', ')}`,
      );
    }
    return fail(
      `the feed at ${where} is not valid XML: at line ${line}, column ${col}: ${msg.slice(0, 200)}`,
    );
  }
  const depth = maxDepth(text);
  if (depth > MAX_XML_DEPTH) {
    return fail(
      `the feed at ${where} has elements nested ${depth} levels deep (real feeds need fewer than ${MAX_XML_DEPTH}); refused`,
    );
  }
  if (!['rss', 'feed', 'rdf:RDF'].includes(prolog.root)) {
    return fail(
      `the document at ${where} is XML but not a feed: its main element is <${prolog.root}>, expected <rss>, <feed> (Atom) or <rdf:RDF>`,
    );
  }
  const inner = cause instanceof Error ? (cause.cause as Error | undefined)?.message : undefined;
  const detail = inner ?? (cause instanceof Error ? cause.message : String(cause));
  return fail(
    `the feed at ${where} is a <${prolog.root}> document without a usable channel or items (${detail})`,
  );
}

export function truncated(text: string, where: string, root: string): SourceError {
  const lines = text.split('\n').length;
  return new SourceError(
    `the feed at ${where} is truncated: it stops at line ${lines} before the closing </${root}> tag (cut off in transit or by the server)`,
    'parse',
  );
}

/** Deepest element nesting, by a linear scan; only run once parsing has already failed. */
export function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let i = 0;
  const skip = (close: string, from: number) => {
    const end = text.indexOf(close, from);
    return end < 0 ? text.length : end + close.length;
  };
  while ((i = text.indexOf('<', i)) >= 0) {
    if (text.startsWith('<!--', i)) i = skip('-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) i = skip(']]>', i + 9);
    else if (text[i + 1] === '/') {
      depth--;
      i += 2;
    } else if (text[i + 1] === '!' || text[i + 1] === '?') {
      i = skip('>', i + 2);
    } else {
      const gt = text.indexOf('>', i);
      if (gt < 0) break;
      if (text[gt - 1] !== '/') max = Math.max(max, ++depth);
      i = gt + 1;
    }
  }
  return max;
}
