import { createHash } from 'node:crypto';
import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import { literalText, toPlainText } from '../plain-text';
import type { InvalidItem, RawPost } from '../source.types';

/** One item's fields in a format-neutral shape, before normalisation. */
export interface ItemFields {
  id?: string;
  link?: string;
  title?: string;
  /** The title is literal text (Atom type="text", JSON Feed), not HTML. */
  titleIsText?: boolean;
  body?: string;
  bodyIsText?: boolean;
  author?: string;
  language?: string;
  date?: string;
}

export interface ItemContext {
  feedId: string;
  documentUrl: string;
  fetchedAt: Date;
  /** Already normalised; used when the item does not say. */
  feedLanguage: string | null;
}

export function rssFields(item: RssFeed.Item<string>): ItemFields {
  const guid = item.guid?.value;
  // A guid is a permalink unless isPermaLink="false": it stands in for a missing <link>.
  const permalink = guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : undefined;
  return {
    id: guid,
    link: item.link ?? permalink,
    title: item.title,
    body: item.content?.encoded ?? item.description,
    author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email,
    language: item.dc?.languages?.[0] ?? item.xml?.lang,
    date: item.pubDate ?? item.dc?.dates?.[0],
  };
}

export function rdfFields(item: RdfFeed.Item<string>): ItemFields {
  return {
    id: item.rdf?.about,
    link: item.link,
    title: item.title,
    body: item.content?.encoded ?? item.description,
    author: item.dc?.creators?.[0],
    language: item.dc?.languages?.[0] ?? item.xml?.lang,
    date: item.dc?.dates?.[0],
  };
}

export function atomFields(entry: AtomFeed.Entry<string>): ItemFields {
  const links = entry.links ?? [];
  const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  // Out-of-line content (content src="...") has no value: fall back to the summary.
  const body = entry.content?.value ? entry.content : entry.summary;
  return {
    id: entry.id,
    link: link?.href,
    title: entry.title?.value,
    titleIsText: isTextType(entry.title?.type),
    body: body?.value,
    bodyIsText: isTextType(body?.type),
    author: entry.authors?.[0]?.name,
    language: entry.xml?.lang,
    date: entry.published ?? entry.updated ?? entry.dc?.dates?.[0],
  };
}

export function jsonFields(item: JsonFeed.Item<string>): ItemFields {
  const html = item.content_html;
  return {
    id: item.id,
    link: item.url ?? item.external_url,
    title: item.title,
    titleIsText: true,
    body: html ?? item.content_text ?? item.summary,
    bodyIsText: html === undefined,
    author: item.authors?.[0]?.name,
    language: item.language,
    date: item.date_published ?? item.date_modified,
  };
}

const isTextType = (type?: string) => !type || type === 'text' || type === 'text/plain';

/** `index` is 0-based; reasons count from 1 as a person would. */
export function toPost(f: ItemFields, raw: unknown, index: number, ctx: ItemContext): RawPost | InvalidItem {
  const title = plain(f.title, f.titleIsText);
  const body = plain(f.body, f.bodyIsText);
  const link = f.link?.trim() || undefined;
  const id = f.id?.trim() || undefined;
  if (!title && !body && !link) {
    const which = id ? `item ${index + 1} ("${id}")` : `item ${index + 1}`;
    return { reason: `${which} has no title, no content and no link`, raw };
  }
  const url = absoluteHttpUrl(link, ctx.documentUrl);
  let externalId: string;
  if (id) externalId = /[:/]/.test(id) ? id : `${ctx.feedId}#${id}`;
  else if (link) externalId = url ?? `${ctx.feedId}#${link}`;
  // Same item, same hash on every poll, so the pipeline's dedupe still works without a guid.
  else externalId = `${ctx.feedId}#sha1:${sha1([f.title ?? '', f.date ?? '', f.body ?? ''].join('\n'))}`;
  const author = f.author?.trim() || null;
  return {
    source: 'feed',
    externalId,
    url,
    // Feeds carry one author string (dc:creator, <author>, Atom/JSON name): it is both what identifies
    // the author there and what to show, like a Hacker News username.
    authorHandle: author,
    authorName: author,
    reach: null,
    text: joinTitle(title, body),
    language: normaliseLanguage(f.language) ?? ctx.feedLanguage,
    postedAt: parseUtc(f.date) ?? new Date(ctx.fetchedAt),
    raw,
  };
}

export function isInvalid(x: RawPost | InvalidItem): x is InvalidItem {
  return 'reason' in x;
}

/** Atom/RSS say whether a field is text or HTML; each is turned into plain text its own way. */
function plain(value: string | undefined, isText?: boolean): string {
  return isText ? literalText(value) : toPlainText(value);
}

/** Many feeds repeat the title as the start of the body (often cut with "..."): keep it once. */
function joinTitle(title: string, body: string): string {
  if (!title) return body;
  if (!body) return title;
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  const head = key(title)
    .replace(/(…|\.\.\.)$/, '')
    .trim();
  return key(body).startsWith(head) ? body : `${title}\n${body}`;
}

export function absoluteHttpUrl(link: string | undefined, base: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Lower-case full BCP-47-ish tag ("en-US" -> "en-us"); anything else is unknown. */
export function normaliseLanguage(value: string | null | undefined): string | null {
  const tag = value?.trim().replace(/_/g, '-').toLowerCase();
  return tag && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

/** RFC 822 and ISO 8601 dates; a date without a zone is read as UTC, not as the server's local time. */
export function parseUtc(value: string | undefined): Date | null {
  let s = value?.trim();
  if (!s || s.length > 100) return null; // no real date is longer; keeps the regexes cheap

  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (/[a-z]{3}.*\d{1,2}:\d{2}(:\d{2})?$/i.test(s)) s = `${s} GMT`;
  const time = Date.parse(s);
  return Number.isNaN(time) ? null : new Date(time);
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
