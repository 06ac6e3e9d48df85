#!/usr/bin/env node
'use strict';
// Builds a blind judging packet: for each post of one split, the candidate replies in a shuffled order
// labelled A, B, C..., and a key (kept away from the judge) saying which source each letter is.
// Usage: node make-packet.js SPLIT OUT_DIR name=file.jsonl [name=file.jsonl ...]
// Each file holds {"id","text"} lines or `defuse suggest` output ({"id","replies":[{"text"}]}: the first draft).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const [split, outDir, ...sources] = process.argv.slice(2);
const lines = (f) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const sample = lines(join(__dirname, 'sample.jsonl')).filter((r) => r.split === split);
const texts = sources.map((s) => {
  const [name, file] = s.split('=');
  const byId = new Map(lines(file).map((r) => [r.id, r.text ?? r.replies?.[0]?.text]));
  return { name, byId };
});
function hash(s) {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(s)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h;
}
const packet = [];
const key = [];
for (const r of sample) {
  const order = texts
    .map((t) => ({ name: t.name, text: t.byId.get(r.id), h: hash(`${split}\0${r.id}\0${t.name}`) }))
    .sort((a, b) => a.h - b.h);
  const letters = order.map((_, i) => String.fromCharCode(65 + i));
  packet.push({
    id: r.id,
    brand: r.brand,
    post: r.text,
    replies: Object.fromEntries(order.map((o, i) => [letters[i], o.text.replace(/^@\S+ /, '')])),
  });
  key.push({ id: r.id, ...Object.fromEntries(order.map((o, i) => [letters[i], o.name])) });
}
writeFileSync(join(outDir, `packet-${split}.jsonl`), packet.map((p) => JSON.stringify(p)).join('\n') + '\n');
writeFileSync(join(outDir, `key-${split}.jsonl`), key.map((p) => JSON.stringify(p)).join('\n') + '\n');
console.log(`${packet.length} posts, ${texts.length} replies each`);
