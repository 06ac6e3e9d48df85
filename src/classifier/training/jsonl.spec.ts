import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLabel, readJsonl } from './jsonl';

describe('readJsonl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-jsonl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads objects, skipping blank lines, with their line numbers', () => {
    expect(readJsonl(file('ok.jsonl', '{"a":1}\n\n  \n{"a":2}\n'))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
    ]);
  });

  it('names the file and line of a bad line', () => {
    const bad = file('bad.jsonl', '{"a":1}\n{"a":\n');
    expect(() => readJsonl(bad)).toThrow(`${bad}:2: not valid JSON`);
    const notObject = file('array.jsonl', '[1,2]\n');
    expect(() => readJsonl(notObject)).toThrow(`${notObject}:1: expected a JSON object`);
    expect(() => readJsonl(join(dir, 'nope.jsonl'))).toThrow(/nope\.jsonl: cannot read \(ENOENT\)/);
  });
});

describe('parseLabel', () => {
  it.each([
    [1, 1],
    [true, 1],
    ['angry', 1],
    ['1', 1],
    [0, 0],
    [false, 0],
    ['not angry', 0],
    ['Not Angry', 0],
  ])('reads %p as %p', (value, label) => {
    expect(parseLabel(value, 'f:1')).toBe(label);
  });

  it('refuses anything else, saying where', () => {
    expect(() => parseLabel(2, 'f.jsonl:3')).toThrow('f.jsonl:3: "label" must be 0 or 1');
    expect(() => parseLabel(undefined, 'f.jsonl:4')).toThrow(/f\.jsonl:4/);
  });
});
