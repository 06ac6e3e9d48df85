#!/usr/bin/env node
'use strict';
// Scores a blind judgement against its key: per source, the share of replies the judge would post as
// they are, how often each source was ranked first, and head-to-head wins between two sources.
// Usage: node score.js KEY.jsonl JUDGEMENT.jsonl [sourceA sourceB]
const { readFileSync } = require('node:fs');
const lines = (f) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const [keyFile, judgeFile, a = 'ours', b = 'reference'] = process.argv.slice(2);
const key = new Map(lines(keyFile).map((k) => [k.id, k]));
const stats = {};
let wins = 0;
let pairs = 0;
for (const j of lines(judgeFile)) {
  const k = key.get(j.id);
  const source = (letter) => k[letter];
  for (const [letter, ok] of Object.entries(j.postable)) {
    const s = (stats[source(letter)] ??= { n: 0, postable: 0, first: 0 });
    s.n++;
    if (ok) s.postable++;
  }
  stats[source(j.ranking[0])].first++;
  const ra = j.ranking.findIndex((l) => source(l) === a);
  const rb = j.ranking.findIndex((l) => source(l) === b);
  if (ra >= 0 && rb >= 0) {
    pairs++;
    if (ra < rb) wins++;
  }
}
for (const [name, s] of Object.entries(stats))
  console.log(`${name.padEnd(10)} postable ${s.postable}/${s.n} (${Math.round((100 * s.postable) / s.n)}%), ranked first ${s.first}/${s.n}`);
console.log(`${a} preferred over ${b}: ${wins}/${pairs} (${Math.round((100 * wins) / pairs)}%)`);
