import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { DEFUSE_CONFIG } from '../../config/config.module';
import { DefuseConfig } from '../../config/config.schema';
import { insertOrIgnore } from '../../database/insert-or-ignore';
import { WriteQueue } from '../../database/write-queue';
import { ClassifierService } from '../classifier.service';
import { CorrectionsService } from '../corrections/corrections.service';
import { DEFAULT_CORPUS_DIR, loadValidationSets } from '../training/corpus';
import { evaluate, Metrics } from '../training/evaluate';
import { trainCandidate, writeArtefact } from '../training/train-and-write';
import { ClassifierRetrain, RetrainOutcome } from './classifier-retrain.entity';
import { compareModels, describeComparison, FigureComparison } from './compare-models';

/** Injection token: the corpus directory the retrain trains on (default `corpus/`). */
export const RETRAIN_CORPUS_DIR = 'RETRAIN_CORPUS_DIR';
export const retrainCorpusDirProvider = { provide: RETRAIN_CORPUS_DIR, useValue: DEFAULT_CORPUS_DIR };

/** What a retrain did, as stored in `classifier_retrain.details` and returned by the API. */
export interface RetrainReport {
  slot: string;
  outcome: RetrainOutcome;
  corrections: number;
  previousVersion: string;
  /** The model serving afterwards (the candidate's version when swapped). */
  modelVersion: string;
  candidateVersion: string | null;
  figures: FigureComparison[];
  message: string;
}

/**
 * The scheduled retrain: trains on the corpus plus every post's latest correction, measures the
 * candidate and the serving model on the validation splits, and swaps the candidate in (written to
 * `classifier.trainedModel`, then reloaded) only when it is not worse; either way the log says so with
 * the figures.
 *
 * Instances sharing one database: the slot row is claimed with INSERT OR IGNORE on a unique slot, so
 * of several instances firing the same cron minute exactly one retrains; the others log that and
 * later load the swapped model (RetrainScheduler). Training runs in-process, synchronously, for about
 * 15 s at night: polls wait meanwhile and catch up after.
 */
@Injectable()
export class RetrainService {
  private readonly logger = new Logger('ClassifierRetrain');
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`.slice(0, 128);
  private running = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly classifier: ClassifierService,
    private readonly corrections: CorrectionsService,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    /** Where the training data lives (tests give a small corpus). */
    @Inject(RETRAIN_CORPUS_DIR) private readonly corpusDir: string,
  ) {}

  /** Retrains for `slot` unless another instance (or this one) has claimed it: then null. */
  async run(slot: string, now = new Date()): Promise<RetrainReport | null> {
    if (this.running) return null;
    this.running = true;
    try {
      if (!(await this.claim(slot, now))) {
        this.logger.log(`classifier retrain ${slot}: claimed by another instance, skipped here`);
        return null;
      }
      const report = await this.retrain(slot);
      await this.finish(slot, report);
      const log = `classifier retrain ${slot}: ${report.message}`;
      if (report.outcome === 'failed') this.logger.error(log);
      else this.logger.log(log);
      return report;
    } finally {
      this.running = false;
    }
  }

  /** The newest retrains, newest first. */
  async recent(
    limit = 20,
  ): Promise<(Omit<ClassifierRetrain, 'details'> & { details: RetrainReport | null })[]> {
    const rows = await this.db.getRepository(ClassifierRetrain).find({ order: { id: 'DESC' }, take: limit });
    return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as RetrainReport) : null }));
  }

  /** The version another instance swapped in last, if any (RetrainScheduler reloads to it). */
  async latestSwappedVersion(): Promise<string | null> {
    const row = await this.db
      .getRepository(ClassifierRetrain)
      .findOne({ where: { outcome: 'swapped' }, order: { id: 'DESC' } });
    return row?.modelVersion ?? null;
  }

  private async claim(slot: string, now: Date): Promise<boolean> {
    await this.writes.run(() =>
      insertOrIgnore(
        this.db.manager,
        'classifier_retrain',
        ['slot', 'instance', 'started_at'],
        [[slot, this.instance, now.toISOString()]],
      ),
    );
    const row = await this.db.getRepository(ClassifierRetrain).findOneBy({ slot });
    return row?.instance === this.instance && row.outcome === null;
  }

  private async retrain(slot: string): Promise<RetrainReport> {
    const previousVersion = this.classifier.version;
    const base = {
      slot,
      previousVersion,
      modelVersion: previousVersion,
      candidateVersion: null,
      figures: [],
    };
    let corrections = 0;
    try {
      const examples = await this.corrections.asTrainingExamples();
      corrections = examples.length;
      if (examples.length === 0)
        return {
          ...base,
          outcome: 'unchanged',
          corrections,
          message: `no corrections to learn from; ${previousVersion} kept`,
        };
      const validation = loadValidationSets(this.corpusDir);
      const current: Record<string, Metrics> = {};
      for (const [name, set] of Object.entries(validation))
        current[name] = evaluate(this.classifier.complaintClassifier, set);
      const candidate = trainCandidate(
        { seed: 1, extraExamples: examples, corpusDir: this.corpusDir },
        validation,
      );
      const comparison = compareModels(current, candidate.metrics);
      const figures = describeComparison(comparison);
      const candidateVersion = candidate.artefact.version;
      if (!comparison.notWorse)
        return {
          ...base,
          outcome: 'kept',
          corrections,
          candidateVersion,
          figures: comparison.figures,
          message: `retrained with ${corrections} correction(s) as ${candidateVersion}, but it is worse (${figures}); ${previousVersion} kept`,
        };
      writeArtefact(resolve(this.config.classifier.trainedModel), candidate.artefact);
      const loaded = this.classifier.reload();
      return {
        ...base,
        outcome: 'swapped',
        corrections,
        modelVersion: loaded.version,
        candidateVersion,
        figures: comparison.figures,
        message: `swapped ${previousVersion} for ${loaded.version}, trained with ${corrections} correction(s) (${figures})`,
      };
    } catch (err) {
      return {
        ...base,
        outcome: 'failed',
        corrections,
        message: `failed: ${(err as Error).message}; ${previousVersion} kept`,
      };
    }
  }

  private async finish(slot: string, report: RetrainReport): Promise<void> {
    await this.writes.run(() =>
      this.db.getRepository(ClassifierRetrain).update(
        { slot },
        {
          finishedAt: new Date(),
          outcome: report.outcome,
          modelVersion: report.modelVersion,
          details: JSON.stringify(report),
        },
      ),
    );
  }

  /** For the admin endpoint: a retrain now, or 409 when one is under way here or claimed elsewhere. */
  async runNow(now = new Date()): Promise<RetrainReport> {
    const report = await this.run(`manual:${now.toISOString().slice(0, 19)}`, now);
    if (!report)
      throw new ConflictException('a retrain is already running; see GET /api/classifier/retrains');
    return report;
  }
}
