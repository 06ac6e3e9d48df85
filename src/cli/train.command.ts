import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { DEFAULT_MODEL_PATH } from '../classifier/complaint-classifier';
import { CorrectionsService } from '../classifier/corrections/corrections.service';
import { LabelledText } from '../classifier/classifier.types';
import { trainAndWrite } from '../classifier/training/train-and-write';
import { loadConfig } from '../config/config.loader';
import { createCliContext } from './cli-context';
import { describeDatabase } from '../database/data-source.options';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return value;
}

/** A manager's correction counts as much as this many corpus examples: one correction should stick. */
const CORRECTION_REPEAT = 3;

interface TrainOpts {
  seed: number;
  out?: string;
  date?: string;
  withCorrections?: boolean;
}

/** `defuse train`: rebuilds the model artefact from `corpus/` (and managers' corrections) and prints the held-out metrics. */
export function trainCommand(): Command {
  return new Command('train')
    .description('train the complaint model on corpus/ and write the artefact; prints held-out metrics')
    .option('--seed <n>', 'shuffle seed (same data and seed give the same model)', integer, 1)
    .option(
      '--out <file>',
      `where to write the model artefact (default ${DEFAULT_MODEL_PATH}, or classifier.trainedModel with --with-corrections)`,
    )
    .option(
      '--date <yyyy-mm-dd>',
      'build date in the version (default today), for byte-identical rebuilds',
      isoDate,
    )
    .option(
      '--with-corrections',
      "also learn from managers' corrections in the database (DEFUSE_DB); the running app loads the result on POST /api/classifier/reload",
    )
    .action(async (opts: TrainOpts) => {
      const started = Date.now();
      let extraExamples: LabelledText[] = [];
      let out = opts.out ?? DEFAULT_MODEL_PATH;
      if (opts.withCorrections) {
        const config = loadConfig();
        out = opts.out ?? resolve(config.classifier.trainedModel);
        const app = await createCliContext({ scheduler: false });
        try {
          const corrections = await app.get(CorrectionsService).asTrainingExamples();
          process.stderr.write(
            `folding in ${corrections.length} correction(s) from ${describeDatabase(config.database)}\n`,
          );
          extraExamples = corrections.flatMap((c) => Array.from({ length: CORRECTION_REPEAT }, () => c));
        } finally {
          await app.close();
        }
      }
      const { artefact, report } = trainAndWrite({ seed: opts.seed, out, date: opts.date, extraExamples });
      process.stderr.write(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out}\n`);
      process.stdout.write(`model ${artefact.version} (${artefact.weights.count} weights)\n${report}`);
      if (opts.withCorrections) {
        process.stdout.write(
          'load it without a restart: POST /api/classifier/reload (or kill -HUP the server)\n',
        );
      }
    });
}
