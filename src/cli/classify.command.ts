import { Command } from 'commander';
import { ComplaintClassifier, DEFAULT_MODEL_PATH } from '../classifier/complaint-classifier';
import { ANALYSABLE_LANGUAGES, classifyPost } from '../classifier/language/classify-post';
import { answerJsonLines, parseJsonLine } from './json-lines';

/** One output line for one input line: the classification, or `{"id"?, "error"}` for a bad line. */
export function classifyLine(classifier: ComplaintClassifier, line: string): string {
  const parsed = parseJsonLine(line, '{"id","text"}');
  if (parsed.error !== undefined) return parsed.error;
  const { id, text, language } = parsed.fields;
  const withId = id === undefined ? {} : { id };
  if (text === undefined) return JSON.stringify({ ...withId, error: 'missing "text"' });
  if (typeof text !== 'string') return JSON.stringify({ ...withId, error: '"text" must be a string' });
  // Every language Defuse reads; "language" on the line is the declared one (used when detection is unsure).
  const c = classifyPost(classifier, text, typeof language === 'string' ? language : null, EVERY_LANGUAGE);
  return JSON.stringify({
    id: id ?? null,
    angry: c.angry,
    score: c.score,
    intensity: c.intensity,
    category: c.category,
    reasons: c.reasons,
    flags: c.flags,
    language: c.language,
    analysed: c.analysed,
  });
}

const EVERY_LANGUAGE = new Set(ANALYSABLE_LANGUAGES);

/** `defuse classify`: JSON Lines in, JSON Lines out, one line per non-blank input line, streaming. */
export function classifyCommand(): Command {
  return new Command('classify')
    .description('classify JSON Lines {"id","text"} from stdin; one JSON line per input line on stdout')
    .option('--model <file>', 'model artefact to use', DEFAULT_MODEL_PATH)
    .action(async (opts: { model: string }) => {
      let classifier: ComplaintClassifier;
      try {
        classifier = ComplaintClassifier.load(opts.model);
      } catch (err) {
        process.stderr.write(`defuse classify: ${(err as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      await answerJsonLines((line) => classifyLine(classifier, line));
    });
}
