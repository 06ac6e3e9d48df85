import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';

// Each test starts the CLI (ts-node) two to four times: ~5 s each alone, 15 s or more on a busy machine.
jest.setTimeout(120_000);

describe('npx defuse classify', () => {
  it('answers one JSON line per input line, errors for bad lines, and goes on', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: '@acme my order is 3 weeks late and nobody answers. Worst service ever!!',
      }),
      JSON.stringify({ id: 'b', text: 'Loving the new @acme app update, great job team' }),
      '',
      '{"id": "c", "text": "unterminated',
      '{not json',
      JSON.stringify({ id: 'd' }),
      JSON.stringify({ id: 7, text: 42 }),
      JSON.stringify(['an', 'array']),
      '   ',
      JSON.stringify({ text: 'charged twice, I want a refund' }),
    ].join('\n');
    const { code, stdout } = await runCli(['classify'], {}, { input });
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(8);
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(out[0])).toEqual([
      'id',
      'angry',
      'score',
      'intensity',
      'category',
      'reasons',
      'flags',
      'language',
      'analysed',
    ]);
    expect(out[0]).toMatchObject({ id: 'a', angry: true });
    expect(out[1]).toMatchObject({ id: 'b', angry: false });
    expect(out[2]).toEqual({ id: 'c', error: expect.stringMatching(/^not valid JSON/) });
    expect(out[3]).toEqual({ error: expect.stringMatching(/^not valid JSON/) });
    expect(out[4]).toEqual({ id: 'd', error: 'missing "text"' });
    expect(out[5]).toEqual({ id: 7, error: '"text" must be a string' });
    expect(out[6]).toEqual({ error: expect.stringMatching(/JSON object/) });
    expect(out[7]).toMatchObject({ id: null, angry: true, category: 'billing' });
  });

  it('streams: answers a line before the input ends', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('ts-node/register/transpile-only'),
        join(__dirname, '..', 'src/cli/main.ts'),
        'classify',
      ],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    let buffered = '';
    const next = (): Promise<string> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (lines.length) resolve(lines.shift()!);
          else child.stdout.once('data', check);
        };
        check();
      });
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
    });
    child.stdin.write(
      JSON.stringify({ id: 1, text: 'still waiting for my refund, third time I ask' }) + '\n',
    );
    expect(JSON.parse(await next())).toMatchObject({ id: 1, angry: true });
    child.stdin.write(JSON.stringify({ id: 2, text: 'thanks, all sorted now' }) + '\n');
    expect(JSON.parse(await next())).toMatchObject({ id: 2, angry: false });
    child.stdin.end();
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  });

  it('prints nothing and exits 0 on empty input', async () => {
    const { code, stdout } = await runCli(['classify'], {}, { input: '' });
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('exits 1 with a message on stderr when the model cannot be loaded', async () => {
    const { code, stdout, stderr } = await runCli(
      ['classify', '--model', '/nonexistent/model.json'],
      {},
      { input: '' },
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/cannot load classifier model \/nonexistent\/model\.json/);
  });
});

describe('npx defuse eval', () => {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints precision, recall, F1, accuracy, macro-F1 and the confusion matrix', async () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(
      file,
      [
        { text: 'Still waiting for my refund, third time I ask. Unacceptable', label: 1 },
        { text: 'you charged me twice and nobody answers!!', label: 'angry' },
        { text: 'thanks for the quick help, great service', label: 'not angry' },
        { text: 'what time do you open on Sunday?', label: false },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const { code, stdout } = await runCli(['eval', file], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/^model \d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/m);
    expect(stdout).toMatch(/^small\.jsonl\s+4\s+1\.000\s+1\.000\s+1\.000\s+1\.000\s+1\.000$/m);
    expect(stdout).toMatch(/true angry\s+2\s+0/);
    expect(stdout).toMatch(/true calm\s+0\s+2/);
  });

  it('names the file and line of a bad label, and exits 1', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"text":"fine","label":0}\n{"text":"hm","label":"maybe"}\n');
    const { code, stderr } = await runCli(['eval', file], {});
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}:2: "label" must be 0 or 1`);
  });
});
