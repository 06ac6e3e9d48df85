import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Subscription } from 'rxjs';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { TickClaims } from '../database/tick-claims';
import { addDays, isoDay, localDate, localDateTime } from '../time/zoned-time';
import { DigestPreferences, Subscriber } from './preferences/digest-preferences.service';
import { DeliveryOutcome, DigestDelivery } from './digest-delivery';
import { DigestMailer } from './digest-mailer';

export const DIGEST_TICK_JOB = 'digest:tick';
export const digestJobName = (userId: number) => `digest:user:${userId}`;

/** 'YYYY-MM-DD' of the local day before `now` in the zone: what a digest sent now reports on. */
export function yesterdayIn(now: Date, timeZone: string): string {
  return isoDay(addDays(localDate(now, timeZone), -1));
}

/**
 * One cron job per user, registered at runtime in Nest's SchedulerRegistry at their local hour in their
 * time zone (re-registered when they change it, rebuilt from the database at every start), plus a
 * tick every `digest.tickInterval` that sends what a restart or a failure left unsent: each user's
 * yesterday once their hour has passed, and failed sends whose retry time has come. Both only call
 * DigestDelivery, whose send log makes a second call for the same user and day a no-op.
 * Off when DEFUSE_SCHEDULER=off (tests call tick() themselves) or when SMTP is not configured.
 * Several instances on PostgreSQL: each timer firing claims its slot first (TickClaims: the interval's
 * slot, or the minute of a user's cron), so one instance runs it; the send log still guards each send.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private changes?: Subscription;
  private ticking = false;

  constructor(
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly registry: SchedulerRegistry,
    private readonly preferences: DigestPreferences,
    private readonly delivery: DigestDelivery,
    private readonly mailer: DigestMailer,
    private readonly claims: TickClaims,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.DEFUSE_SCHEDULER === 'off' || !this.config.digest.enabled) return;
    const problem = this.mailer.problem();
    if (problem) {
      this.logger.warn(`daily digests are off: ${problem}`);
      return;
    }
    // The configured choices first, so nobody is registered with yesterday's hour.
    await this.preferences.applyConfig();
    for (const sub of await this.preferences.subscribers()) this.register(sub);
    this.changes = this.preferences.changed.subscribe((userId) => void this.reregister(userId));
    this.registry.addInterval(
      DIGEST_TICK_JOB,
      setInterval(
        () => void this.scheduledTick(DIGEST_TICK_JOB, this.config.digest.tickInterval),
        this.config.digest.tickInterval,
      ),
    );
    void this.scheduledTick(DIGEST_TICK_JOB, this.config.digest.tickInterval);
  }

  onApplicationShutdown(): void {
    this.changes?.unsubscribe();
    for (const name of this.registry.getCronJobs().keys())
      if (name.startsWith('digest:user:')) this.registry.deleteCronJob(name);
    if (this.registry.doesExist('interval', DIGEST_TICK_JOB)) this.registry.deleteInterval(DIGEST_TICK_JOB);
  }

  /**
   * A timer's tick: runs tick() when this instance claims the slot `now` falls in for `job` (always on
   * SQLite); null when another instance claimed it.
   */
  async scheduledTick(job: string, intervalMs: number, now = new Date()): Promise<DeliveryOutcome[] | null> {
    try {
      if (!(await this.claims.claim(job, intervalMs, now))) return null;
    } catch (err) {
      this.logger.error(`digest tick failed: ${(err as Error).message}`);
      return [];
    }
    return this.tick(now);
  }

  /** Everything due at `now`: each enabled user's yesterday once their hour has come, and due retries. */
  async tick(now = new Date()): Promise<DeliveryOutcome[]> {
    if (this.ticking) return [];
    this.ticking = true;
    try {
      const subs = await this.preferences.subscribers();
      const due = subs
        .filter((s) => s.choice.enabled && localDateTime(now, s.choice.timeZone).hour >= s.choice.hour)
        .map((sub) => ({ sub, day: yesterdayIn(now, sub.choice.timeZone) }));
      // One read instead of a claim attempt (a write) per user every minute of the day after their hour;
      // a logged day that failed comes back through dueRetries below.
      const logged = await this.delivery.loggedDays([...new Set(due.map((d) => d.day))]);
      const outcomes: DeliveryOutcome[] = [];
      for (const { sub, day } of due)
        if (!logged.has(`${sub.user.id} ${day}`))
          outcomes.push(await this.delivery.deliver(sub, day, { now }));
      const byId = new Map(subs.map((s) => [s.user.id, s]));
      for (const due of await this.delivery.dueRetries(now)) {
        const sub = byId.get(due.userId);
        if (sub) outcomes.push(await this.delivery.deliver(sub, due.day, { now }));
      }
      return outcomes.filter((o) => !['already_done', 'in_flight', 'retry_later'].includes(o.result));
    } catch (err) {
      this.logger.error(`digest tick failed: ${(err as Error).message}`);
      return [];
    } finally {
      this.ticking = false;
    }
  }

  /** The user's cron job, at their hour in their zone; none when they turned the digest off. */
  register(sub: Subscriber): void {
    const name = digestJobName(sub.user.id);
    if (this.registry.doesExist('cron', name)) this.registry.deleteCronJob(name);
    if (!sub.choice.enabled) return;
    const job = CronJob.from({
      cronTime: `0 ${sub.choice.hour} * * *`,
      timeZone: sub.choice.timeZone,
      onTick: () => void this.scheduledTick(name, 60_000),
      start: false,
    });
    this.registry.addCronJob(name, job);
    job.start();
  }

  private async reregister(userId: number): Promise<void> {
    const sub = (await this.preferences.subscribers()).find((s) => s.user.id === userId);
    if (sub) this.register(sub);
  }
}
