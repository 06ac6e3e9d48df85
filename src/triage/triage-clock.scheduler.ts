import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { TickClaims } from '../database/tick-claims';
import { TriageClock } from './triage-clock';

export const TRIAGE_CLOCK_JOB = 'triage:clock';

/**
 * Runs TriageClock.tick every `triage.tickInterval` (registered at runtime); off when DEFUSE_SCHEDULER=off.
 * Several instances on PostgreSQL: each tick's slot is claimed first (TickClaims), so one instance runs it.
 */
@Injectable()
export class TriageClockScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TriageClockScheduler.name);
  private running = false;

  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly registry: SchedulerRegistry,
    private readonly clock: TriageClock,
    private readonly claims: TickClaims,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.DEFUSE_SCHEDULER === 'off') return;
    this.registry.addInterval(
      TRIAGE_CLOCK_JOB,
      setInterval(() => void this.runTick(), this.config.triage.tickInterval),
    );
    void this.runTick();
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', TRIAGE_CLOCK_JOB)) this.registry.deleteInterval(TRIAGE_CLOCK_JOB);
  }

  /** One scheduled tick at `now`: false when a tick is still running here or another instance claimed this slot. */
  async runTick(now = new Date()): Promise<boolean> {
    // A slow tick (a large backlog) is never overlapped by the next one.
    if (this.running) return false;
    this.running = true;
    try {
      if (!(await this.claims.claim(TRIAGE_CLOCK_JOB, this.config.triage.tickInterval, now))) return false;
      const s = await this.clock.tick(now);
      if (s.breached + s.followUpsDue > 0)
        this.logger.log(`${s.breached} SLA breach(es), ${s.followUpsDue} follow-up(s) due`);
      return true;
    } catch (err) {
      this.logger.error(`triage clock failed: ${(err as Error).message}`);
      return true;
    } finally {
      this.running = false;
    }
  }
}
