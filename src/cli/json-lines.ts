import { createInterface } from 'node:readline';

/** A parsed input line: its fields, or the error line to answer with. */
export type JsonLine =
  { fields: Record<string, unknown>; error?: undefined } | { fields?: undefined; error: string };

/**
 * Parses one JSON Lines record that must be an object. A bad line becomes the answer
 * `{"id"?, "error"}`, with the id echoed whenever it can still be read.
 */
export function parseJsonLine(line: string, shape: string): JsonLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return {
      error: JSON.stringify({ ...salvageId(line), error: `not valid JSON: ${(err as Error).message}` }),
    };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { error: JSON.stringify({ error: `expected a JSON object ${shape}` }) };
  }
  return { fields: value as Record<string, unknown> };
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
 * JSON Lines from stdin to stdout, one answer per non-blank input line, streaming. Output is batched
 * per input chunk (one write per chunk, not per line) and waits for a slow reader.
 */
export async function answerJsonLines(answer: (line: string) => string): Promise<void> {
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
    pending.push(answer(line) + '\n');
    // Flush once the lines already read are done (after this chunk), not once per line.
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      await flush();
      flushing = null;
    });
    if (pending.length >= 4096) await flushing;
  }
  await flushing;
  await flush();
}
