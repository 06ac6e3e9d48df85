import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DEFUSE_CONFIG } from '../../config/config.module';
import { DefuseConfig } from '../../config/config.schema';
import { ClassifierService } from '../classifier.service';
import { CorrectionsService } from '../corrections/corrections.service';
import { RetrainService } from './retrain.service';

export const RETRAIN_JOB = 'classifier:retrain';
export const SYNC_JOB = 'classifier:sync';
/** How often an instance picks up other instances' corrections and swapped models. */
export const SYNC_INTERVAL_MS = 60_000;

/**
 * Runs the retrain on `classifier.retrain.cron` (default nightly), and every minute brings this
 * instance up to date with what others sharing the database did: their corrections into the index,
 * their swapped model loaded. Off with DEFUSE_SCHEDULER=off (the tests' default).
 */
@Injectable()
export class RetrainScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ClassifierRetrain');

  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly registry: SchedulerRegistry,
    private readonly retrain: RetrainService,
    private readonly corrections: CorrectionsService,
    private readonly classifier: ClassifierService,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.DEFUSE_SCHEDULER === 'off') return;
    this.registry.addInterval(
      SYNC_JOB,
      setInterval(() => void this.sync(), SYNC_INTERVAL_MS),
    );
    const { enabled, cron, timeZone } = this.config.classifier.retrain;
    if (!enabled) return;
    const job = CronJob.from({
      cronTime: cron,
      timeZone,
      // One slot per scheduled minute: every instance computes the same slot and only one claims it.
      onTick: () => void this.retrain.run(`cron:${new Date().toISOString().slice(0, 16)}`),
      start: false,
    });
    this.registry.addCronJob(RETRAIN_JOB, job);
    job.start();
    this.logger.log(`classifier retrain scheduled: "${cron}" (${timeZone})`);
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('cron', RETRAIN_JOB)) this.registry.deleteCronJob(RETRAIN_JOB);
    if (this.registry.doesExist('interval', SYNC_JOB)) this.registry.deleteInterval(SYNC_JOB);
  }

  /** Other instances' corrections and swapped model. */
  async sync(): Promise<void> {
    try {
      await this.corrections.refreshIndex();
      const swapped = await this.retrain.latestSwappedVersion();
      if (swapped && swapped !== this.classifier.version) this.classifier.reload();
    } catch (err) {
      this.logger.warn(`classifier sync failed: ${(err as Error).message}`);
    }
  }
}
