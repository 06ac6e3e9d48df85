import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { TriageClock } from './triage-clock';

export const TRIAGE_CLOCK_JOB = 'triage:clock';

/** Runs TriageClock.tick every `triage.tickInterval` (registered at runtime); off when DEFUSE_SCHEDULER=off. */
@Injectable()
export class TriageClockScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TriageClockScheduler.name);
  private running = false;

  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly registry: SchedulerRegistry,
    private readonly clock: TriageClock,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.DEFUSE_SCHEDULER === 'off') return;
    this.registry.addInterval(
      TRIAGE_CLOCK_JOB,
      setInterval(() => void this.onTick(), this.config.triage.tickInterval),
    );
    void this.onTick();
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', TRIAGE_CLOCK_JOB)) this.registry.deleteInterval(TRIAGE_CLOCK_JOB);
  }

  private async onTick(): Promise<void> {
    // A slow tick (a large backlog) is never overlapped by the next one.
    if (this.running) return;
    this.running = true;
    try {
      const s = await this.clock.tick();
      if (s.breached + s.followUpsDue > 0)
        this.logger.log(`${s.breached} SLA breach(es), ${s.followUpsDue} follow-up(s) due`);
    } catch (err) {
      this.logger.error(`triage clock failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
