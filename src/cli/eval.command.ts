import { Command } from 'commander';
import { basename } from 'node:path';
import { LabelledText } from '../classifier/classifier.types';
import { ComplaintClassifier, DEFAULT_MODEL_PATH } from '../classifier/complaint-classifier';
import { evaluate, formatReport } from '../classifier/training/evaluate';
import { parseLabel, readJsonl, textField } from '../classifier/training/jsonl';

/** Reads `{"text","label"}` lines; label 0/1, true/false or "angry"/"not angry". */
export function readLabelled(file: string): LabelledText[] {
  return readJsonl(file).map(({ line, value }) => ({
    text: textField(value, `${file}:${line}`),
    label: parseLabel(value.label, `${file}:${line}`),
  }));
}

/** `defuse eval FILE.jsonl`: precision, recall, F1 of the angry class, accuracy, macro-F1, confusion matrix. */
export function evalCommand(): Command {
  return new Command('eval')
    .description('evaluate the classifier on a JSON Lines file of {"text","label"}')
    .argument('<file>', 'JSON Lines, label 0/1, true/false or "angry"/"not angry"')
    .option('--model <file>', 'model artefact to evaluate', DEFAULT_MODEL_PATH)
    .action((file: string, opts: { model: string }) => {
      try {
        const examples = readLabelled(file);
        if (!examples.length) throw new Error(`${file}: no examples`);
        const classifier = ComplaintClassifier.load(opts.model);
        process.stdout.write(`model ${classifier.version}\n`);
        process.stdout.write(formatReport({ [basename(file)]: evaluate(classifier, examples) }));
      } catch (err) {
        process.stderr.write(`defuse eval: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
