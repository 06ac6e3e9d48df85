#!/usr/bin/env node
'use strict';
// Draws the posts that the reply drafts are judged on (see README.md beside this file): real tweets to
// six US airlines from ../../../shared/data/airline-sentiment, none written or edited by us.
// Deterministic: FNV-1a of a salted, normalised text orders the candidates; the same file gives the
// same sample. Four splits: "dev" (read while writing the composer), "untouched" (judged only, once),
// "fresh" (drawn after the untouched judgement; judged once, then read to see what fails) and "last"
// (drawn after fresh was read; judged only, once, at the end of the second round). Beyond them, a
// development pool (dev-pool.jsonl, four times a split) that is read freely while writing.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const SOURCE = process.argv[2] ?? join(__dirname, '../airline-sentiment/tweets.jsonl');
const OUT = join(__dirname, 'sample.jsonl');
const POOL = join(__dirname, 'dev-pool.jsonl');
/** Per split: what a monitor meets, complaints most of all, then questions and thanks. */
const PER_SPLIT = { negative: 32, neutral: 10, positive: 8 };

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(s, 'utf8')) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h;
}
const norm = (t) => t.toLowerCase().replace(/\s+/g, ' ').trim();
/** The brand the tweet addresses: the data set's "airline" says Delta for tweets to @JetBlue. */
const BRANDS = {
  virginamerica: 'Virgin America',
  united: 'United',
  americanair: 'American Airlines',
  usairways: 'US Airways',
  southwestair: 'Southwest',
  jetblue: 'JetBlue',
};
const brandOf = (r) => BRANDS[(/@(\w+)/.exec(r.text)?.[1] ?? '').toLowerCase()] ?? r.airline;

const rows = readFileSync(SOURCE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const seen = new Set();
const candidates = rows.filter((r) => {
  const key = norm(r.text);
  if (seen.has(key)) return false;
  seen.add(key);
  const conf = r.sentiment_confidence ?? 0;
  // Clear labels and posts long enough to say something; retweets quote someone else.
  return conf >= 0.65 && r.text.length >= 40 && !/^RT\b/.test(r.text) && !/^"?@\w+:/.test(r.text);
});
const out = [];
const pool = [];
for (const sentiment of Object.keys(PER_SPLIT)) {
  const ranked = candidates
    .filter((r) => r.sentiment === sentiment)
    .map((r) => ({ r, h: fnv1a(`reply-eval\0${norm(r.text)}`) }))
    .sort((a, b) => a.h - b.h);
  const n = PER_SPLIT[sentiment];
  ranked.slice(4 * n, 8 * n).forEach(({ r }) => {
    pool.push({ brand: brandOf(r), sentiment: r.sentiment, text: r.text });
  });
  ranked.slice(0, 4 * n).forEach(({ r }, i) => {
    out.push({
      split: i >= 3 * n ? 'last' : i >= 2 * n ? 'fresh' : i % 2 === 0 ? 'dev' : 'untouched',
      brand: brandOf(r),
      sentiment: r.sentiment,
      negative_reason: r.negative_reason,
      text: r.text,
    });
  });
}
const ORDER = ['dev', 'untouched', 'fresh', 'last'];
out.sort((a, b) => ORDER.indexOf(a.split) - ORDER.indexOf(b.split));
const lines = out.map((r, i) => JSON.stringify({ id: `${r.split[0]}${String(i + 1).padStart(3, '0')}`, ...r }));
writeFileSync(OUT, lines.join('\n') + '\n');
writeFileSync(POOL, pool.map((r, i) => JSON.stringify({ id: `p${String(i + 1).padStart(3, '0')}`, ...r })).join('\n') + '\n');
console.log(`wrote ${lines.length} posts to ${OUT}`);
