import { parseFeed, parseJsonFeed, type AnyFeed } from 'feedsmith';
import { SourceError } from '../source.errors';
import type { InvalidItem, RawPost } from '../source.types';
import { decodeFeedBytes, explainXmlFailure, inspectProlog, isTruncated, truncated } from './feed-decode';
import {
  atomFields,
  isInvalid,
  ItemContext,
  ItemFields,
  jsonFields,
  normaliseLanguage,
  rdfFields,
  rssFields,
  toPost,
} from './feed-items';

export interface FeedDocumentOptions {
  contentType: string | null;
  feedId: string;
  /** Where the bytes came from: relative links resolve against it and error messages name it. */
  documentUrl: string;
  /** postedAt for items without a usable date. */
  fetchedAt: Date;
}

export interface FeedDocument {
  posts: RawPost[];
  invalid: InvalidItem[];
}

const JSON_FEED_VERSION = 'https://jsonfeed.org/version/';

/**
 * RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.x bytes to posts. Throws SourceError('parse') when
 * the document as a whole is unusable; a single bad item goes to `invalid` instead.
 */
export function parseFeedDocument(bytes: Buffer, opts: FeedDocumentOptions): FeedDocument {
  const where = opts.documentUrl;
  if (looksLikeJson(bytes, opts.contentType)) return parseJsonDocument(bytes, opts);
  const text = decodeFeedBytes(bytes, opts.contentType, where);
  if (!text.trim()) throw new SourceError(`the feed at ${where} is empty`, 'parse');
  const prolog = inspectProlog(text);
  if (prolog.declaresEntities) {
    throw new SourceError(
      `the feed at ${where} declares its own XML entities (<!ENTITY> in its DOCTYPE); Defuse refuses such documents ` +
        'because they can expand to gigabytes ("billion laughs") or pull in local files (XXE)',
      'parse',
    );
  }
  if (prolog.doctype?.toLowerCase() === 'html' || prolog.root?.toLowerCase() === 'html') {
    throw new SourceError(
      `${where} returned an HTML page, not a feed: check the feed address (it may be a home page, a login page or an error page)`,
      'parse',
    );
  }
  if (prolog.root && isTruncated(text, prolog)) throw truncated(text, where, prolog.root);
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text);
  } catch (err) {
    // Includes a RangeError should a pathological document exhaust the stack: still one clear message.
    throw explainXmlFailure(text, prolog, where, err);
  }
  return normaliseXml(parsed, opts);
}

function normaliseXml(parsed: AnyFeed, opts: FeedDocumentOptions): FeedDocument {
  let feedLanguage: string | undefined;
  let items: { fields: ItemFields; raw: unknown }[];
  switch (parsed.format) {
    case 'rss':
      feedLanguage = parsed.feed.language ?? parsed.feed.dc?.languages?.[0] ?? parsed.feed.xml?.lang;
      items = (parsed.feed.items ?? []).map((raw) => ({ fields: rssFields(raw), raw }));
      break;
    case 'rdf':
      feedLanguage = parsed.feed.dc?.languages?.[0] ?? parsed.feed.xml?.lang;
      items = (parsed.feed.items ?? []).map((raw) => ({ fields: rdfFields(raw), raw }));
      break;
    case 'atom':
      feedLanguage = parsed.feed.xml?.lang;
      items = (parsed.feed.entries ?? []).map((raw) => ({ fields: atomFields(raw), raw }));
      break;
    case 'json':
      // Unreachable: JSON bodies are sniffed and parsed before feedsmith sees them.
      throw new SourceError(`the feed at ${opts.documentUrl} is JSON inside an XML document`, 'parse');
  }
  const ctx = context(opts, feedLanguage);
  const out: FeedDocument = { posts: [], invalid: [] };
  items.forEach(({ fields, raw }, index) =>
    collect(
      out,
      () => toPost(fields, raw, index, ctx),
      () => raw,
      index,
    ),
  );
  return out;
}

function parseJsonDocument(bytes: Buffer, opts: FeedDocumentOptions): FeedDocument {
  const where = opts.documentUrl;
  const notJsonFeed = (why: string) =>
    new SourceError(`the document at ${where} is JSON but not a JSON Feed: ${why}`, 'parse');
  let data: unknown;
  try {
    // JSON Feed is always UTF-8; a BOM is tolerated.
    data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SourceError(`the feed at ${where} is not valid JSON: ${(err as Error).message}`, 'parse');
  }
  if (!isObject(data)) throw notJsonFeed('expected an object with "version" and "items"');
  const version = data.version;
  if (typeof version !== 'string' || !version.startsWith(JSON_FEED_VERSION)) {
    throw notJsonFeed(`"version" should start with ${JSON_FEED_VERSION} but is ${snippet(version)}`);
  }
  if (!Array.isArray(data.items)) throw notJsonFeed(`"items" should be a list but is ${snippet(data.items)}`);
  const ctx = context(opts, typeof data.language === 'string' ? data.language : undefined);
  const out: FeedDocument = { posts: [], invalid: [] };
  data.items.forEach((raw: unknown, index) => {
    if (!isObject(raw)) {
      out.invalid.push({
        reason: `item ${index + 1} is not an object but ${snippet(raw)}`,
        raw: snippet(raw),
      });
      return;
    }
    collect(
      out,
      () => {
        // feedsmith keeps only JSON Feed fields, so `raw` stays shallow and safe to store as JSON.
        const item = parseJsonFeed({ version, items: [raw] }).items?.[0];
        if (!item) return { reason: `item ${index + 1} has no JSON Feed fields`, raw: snippet(raw) };
        return toPost(jsonFields(item), item, index, ctx);
      },
      () => snippet(raw),
      index,
    );
  });
  return out;
}

function context(opts: FeedDocumentOptions, feedLanguage: string | undefined): ItemContext {
  return {
    feedId: opts.feedId,
    documentUrl: opts.documentUrl,
    fetchedAt: opts.fetchedAt,
    feedLanguage: normaliseLanguage(feedLanguage),
  };
}

/** One item's failure never fails the feed. */
function collect(
  out: FeedDocument,
  make: () => RawPost | InvalidItem,
  raw: () => unknown,
  index: number,
): void {
  try {
    const result = make();
    if (isInvalid(result)) out.invalid.push(result);
    else out.posts.push(result);
  } catch (err) {
    out.invalid.push({
      reason: `item ${index + 1} could not be read: ${(err as Error).message}`,
      raw: raw(),
    });
  }
}

/** JSON when it starts like JSON, or when the server says JSON and it does not start like XML. */
function looksLikeJson(bytes: Buffer, contentType: string | null): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  if (i >= bytes.length) return false;
  if (bytes[i] === 0x7b || bytes[i] === 0x5b) return true;
  return /json/i.test(contentType ?? '') && bytes[i] !== 0x3c;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, always-serialisable stand-in for a value (deeply nested JSON would break JSON.stringify). */
function snippet(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === undefined) return 'missing';
  try {
    const text = JSON.stringify(value);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return `a ${typeof value} that cannot be shown`;
  }
}
