import { Command } from 'commander';
import { createInterface } from 'node:readline';
import { ComplaintClassifier, DEFAULT_MODEL_PATH } from '../classifier/complaint-classifier';

/** One output line for one input line: the classification, or `{"id"?, "error"}` for a bad line. */
export function classifyLine(classifier: ComplaintClassifier, line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return JSON.stringify({ ...salvageId(line), error: `not valid JSON: ${(err as Error).message}` });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return JSON.stringify({ error: 'expected a JSON object {"id","text"}' });
  const { id, text } = value as { id?: unknown; text?: unknown };
  const withId = id === undefined ? {} : { id };
  if (text === undefined) return JSON.stringify({ ...withId, error: 'missing "text"' });
  if (typeof text !== 'string') return JSON.stringify({ ...withId, error: '"text" must be a string' });
  const c = classifier.classify(text);
  return JSON.stringify({
    id: id ?? null,
    angry: c.angry,
    score: c.score,
    intensity: c.intensity,
    category: c.category,
    reasons: c.reasons,
    flags: c.flags,
  });
}

/** The id of a line that is not valid JSON, when it can still be read (`{"id": "a", "text": "unterminated`). */
function salvageId(line: string): { id?: unknown } {
  const m = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*[,}]/.exec(line);
  if (!m) return {};
  try {
    return { id: JSON.parse(m[1]) };
  } catch {
    return {};
  }
}

/**
 * `defuse classify`: JSON Lines in, JSON Lines out, one line per non-blank input line, streaming.
 * Output is batched per input chunk (one write per chunk, not per line) and waits for a slow reader.
 */
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
      let pending: string[] = [];
      let flushing: Promise<void> | null = null;
      const flush = async (): Promise<void> => {
        const chunk = pending.join('');
        pending = [];
        if (chunk && !process.stdout.write(chunk))
          await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
      };
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        pending.push(classifyLine(classifier, line) + '\n');
        // Flush once the lines already read are done (after this chunk), not once per line.
        flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          await flush();
          flushing = null;
        });
        if (pending.length >= 4096) await flushing;
      }
      await flushing;
      await flush();
    });
}
