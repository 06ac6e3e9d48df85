import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  ...[
    'p',
    'br',
    'hr',
    'div',
    'li',
    'ul',
    'ol',
    'dl',
    'dt',
    'dd',
    'blockquote',
    'pre',
    'figure',
    'figcaption',
  ],
  ...[
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'tr',
    'section',
    'article',
    'aside',
    'header',
    'footer',
    'nav',
    'main',
  ],
]);
/** Cells are separated by a space, not a line, so a table row still reads as one line. */
const CELL = new Set(['td', 'th']);
const SKIP = new Set(['script', 'style', 'template', 'noscript']);

/**
 * HTML (or text with entities) to plain text: tags dropped, script/style contents dropped,
 * entities decoded, block elements become line breaks, runs of spaces collapsed.
 */
export function toPlainText(html: string | null | undefined): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return collapse(html);
  // htmlparser2 keeps a stack of open tags and searches it on every close tag: quadratic in nesting depth
  // (100,000 nested tags took ~10 s). Beyond a sane number of tags, strip them linearly instead.
  if (countTags(html, MAX_HTML_TAGS) > MAX_HTML_TAGS) html = html.replace(/<[^<>]*>/g, ' ');
  const out: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipDepth++;
        else if (BLOCK.has(name)) out.push('\n');
        else if (CELL.has(name)) out.push(' ');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name)) out.push('\n');
        else if (CELL.has(name)) out.push(' ');
      },
      ontext(text) {
        if (skipDepth === 0) out.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return collapse(out.join(''));
}

/**
 * Text that is NOT HTML (Atom type="text", Bluesky record text, Reddit raw_json, Mastodon spoiler_text):
 * "<" and "&" as typed must stay, so they are escaped before toPlainText decodes and collapses whitespace.
 */
export function literalText(text: string | null | undefined): string {
  return toPlainText(text?.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}

/** More tags than this and an HTML body is stripped with a regex instead of parsed (see toPlainText). */
export const MAX_HTML_TAGS = 2000;

function countTags(html: string, stopAfter: number): number {
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= stopAfter; i = html.indexOf('<', i + 1)) tags++;
  return tags;
}

function collapse(text: string): string {
  return text
    .replace(/[ \t\f\v\u00a0\r]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}
