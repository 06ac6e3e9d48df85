'use strict';
// Numbers and times as a person reads them, in the browser's language and time zone.

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayOnly = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function reach(followers) {
  if (followers === null || followers === undefined) return 'reach unknown';
  return `${compact.format(followers)} follower${followers === 1 ? '' : 's'}`;
}

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function hourLabel(iso) {
  return timeOnly.format(new Date(iso));
}

/** "2026-11-22" (a UTC day bucket) → "Nov 22". */
export function dayLabel(isoDay) {
  return dayOnly.format(new Date(`${isoDay}T00:00:00Z`));
}

/** "5 minutes ago", "in 2 hours", relative to now. */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(seconds, 'second');
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 36 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

/** 2712000 → "45m 12s"; whole days once it is that far, where seconds no longer matter. */
export function duration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${two(minutes)}m ${two(seconds)}s`;
  return `${minutes}m ${two(seconds)}s`;
}

/** 42 → "42 min", 190 → "3 h 10 min", null → "—". */
export function minutes(value) {
  if (value === null || value === undefined) return '—';
  const rounded = Math.round(value);
  if (rounded < 60) return `${rounded} min`;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const STATUS_LABELS = {
  new: 'new',
  in_progress: 'in progress',
  replied: 'replied',
  awaiting_follow_up: 'awaiting follow-up',
  resolved: 'resolved',
  dismissed: 'not a complaint',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

const SOURCE_LABELS = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  reddit: 'Reddit',
  hackernews: 'Hacker News',
  feed: 'Feed',
};

export function sourceLabel(source) {
  return SOURCE_LABELS[source] ?? source;
}

/** The case tag of a post in a language nobody analysed (src/classifier/language/classify-post.ts). */
export const LANGUAGE_NOT_ANALYSED = 'language not analysed';
