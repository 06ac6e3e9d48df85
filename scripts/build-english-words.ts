/**
 * Writes models/english-words.txt (see src/classifier/language/english-words.ts): the words of
 * natural's English lexicon that at least MIN_COMMENTS GoEmotions training comments use, minus the
 * function words of other languages that the detector treats as a sign of them.
 * Run: npm run words:english
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH_WORDS_PATH } from '../src/classifier/language/english-words';
import { OTHER_LANGUAGE_MARKERS } from '../src/classifier/language/english-vocabulary';
import { readJsonl, textField } from '../src/classifier/training/jsonl';
import { repoRoot } from '../src/classifier/repo-root';

const MIN_COMMENTS = 3;

const lexicon = JSON.parse(
  readFileSync(
    require.resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json'),
    'utf8',
  ),
) as Record<string, unknown>;
const file = join(repoRoot(), 'corpus', 'goemotions', 'train.jsonl');
const comments = new Map<string, number>();
for (const { line, value } of readJsonl(file)) {
  const words = new Set(
    textField(value, `${file}:${line}`)
      .toLowerCase()
      .match(/[a-z][a-z']*/g) ?? [],
  );
  for (const w of words) comments.set(w, (comments.get(w) ?? 0) + 1);
}
const words = [...comments]
  .filter(([w, n]) => n >= MIN_COMMENTS && Object.hasOwn(lexicon, w) && !OTHER_LANGUAGE_MARKERS.has(w))
  .map(([w]) => w)
  .sort();
writeFileSync(ENGLISH_WORDS_PATH, `${words.join('\n')}\n`);
console.log(`${ENGLISH_WORDS_PATH}: ${words.length} words`);
