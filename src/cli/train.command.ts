import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MODEL_PATH } from '../classifier/complaint-classifier';
import { trainAndWrite } from '../classifier/training/train-and-write';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return value;
}

/** `defuse train`: rebuilds the model artefact from `corpus/` and prints the held-out metrics. */
export function trainCommand(): Command {
  return new Command('train')
    .description('train the complaint model on corpus/ and write the artefact; prints held-out metrics')
    .option('--seed <n>', 'shuffle seed (same data and seed give the same model)', integer, 1)
    .option('--out <file>', 'where to write the model artefact', DEFAULT_MODEL_PATH)
    .option(
      '--date <yyyy-mm-dd>',
      'build date in the version (default today), for byte-identical rebuilds',
      isoDate,
    )
    .action((opts: { seed: number; out: string; date?: string }) => {
      const started = Date.now();
      const { artefact, out, report } = trainAndWrite({ seed: opts.seed, out: opts.out, date: opts.date });
      process.stderr.write(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out}\n`);
      process.stdout.write(`model ${artefact.version} (${artefact.weights.count} weights)\n${report}`);
    });
}
