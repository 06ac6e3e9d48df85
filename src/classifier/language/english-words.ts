import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root';

/**
 * `models/english-words.txt`: ~7,700 lower-case words that are both in natural's English lexicon (the
 * Brill tagger's, 92k entries from the Brown and WSJ corpora) and used in at least three GoEmotions
 * training comments (Reddit, Apache-2.0). The lexicon alone would cost ~250 ms and ~30 MB to load and
 * holds foreign words from its corpora ("de", "que", "und"); the intersection is the everyday English
 * of posts, 60 KB. Rebuilt by `npm run words:english` (scripts/build-english-words.ts).
 */
export const ENGLISH_WORDS_PATH = join(repoRoot(), 'models', 'english-words.txt');

let loaded: ReadonlySet<string> | undefined;

/** The list, read once on first use. */
export function commonEnglishWords(): ReadonlySet<string> {
  loaded ??= new Set(
    readFileSync(ENGLISH_WORDS_PATH, 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  return loaded;
}
