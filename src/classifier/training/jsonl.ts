import { readFileSync } from 'node:fs';

/** A JSON Lines file as objects; blank lines skipped; a bad line fails with the file and line number. */
export function readJsonl(file: string): { line: number; value: Record<string, unknown> }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const rows: { line: number; value: Record<string, unknown> }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${file}:${i + 1}: expected a JSON object`);
    rows.push({ line: i + 1, value: value as Record<string, unknown> });
  }
  return rows;
}

/** The `text` field, or an error naming where it is missing. */
export function textField(row: Record<string, unknown>, where: string): string {
  if (typeof row.text !== 'string') throw new Error(`${where}: "text" must be a string`);
  return row.text;
}

/** 0/1, true/false, "angry"/"not angry" (and "1"/"0") as a label. */
export function parseLabel(value: unknown, where: string): 0 | 1 {
  if (value === 1 || value === true || value === '1') return 1;
  if (value === 0 || value === false || value === '0') return 0;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'angry' || v === 'true' || v === 'complaint') return 1;
    if (v === 'not angry' || v === 'not_angry' || v === 'false' || v === 'calm') return 0;
  }
  throw new Error(
    `${where}: "label" must be 0 or 1, true or false, "angry" or "not angry" (got ${JSON.stringify(value)})`,
  );
}
