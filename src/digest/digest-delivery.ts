import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { DefuseConfig } from '../config/config.schema';
import { insertOrIgnore } from '../database/insert-or-ignore';
import { WriteQueue } from '../database/write-queue';
import { Subscriber } from './preferences/digest-preferences.service';
import { DigestBuilder } from './digest-builder';
import { renderDigest } from './digest-render';
import { DigestMailer } from './digest-mailer';
import { DigestSend, SendStatus } from './digest-send.entity';

export interface DeliveryOutcome {
  userId: number;
  email: string;
  day: string;
  /** What this call did: sent, skipped (quiet), failed (will retry), gave_up; or why it did nothing. */
  result: 'sent' | 'skipped' | 'failed' | 'gave_up' | 'already_done' | 'in_flight' | 'retry_later';
  attempts: number;
  error?: string;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  quiet: boolean;
}

/**
 * Sends one user's digest for one day at most once. The send log row is the claim: inserting it (unique
 * user + day) or moving it from failed to sending with a conditional UPDATE is what lets exactly one
 * tick, process or instance send. A row left in `sending` (a crash mid-send) is never retried
 * automatically, because the message may have gone out; `--force` from the CLI can resend.
 */
@Injectable()
export class DigestDelivery {
  private readonly logger = new Logger(DigestDelivery.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    @Inject(DEFUSE_CONFIG) private readonly config: DefuseConfig,
    private readonly builder: DigestBuilder,
    private readonly mailer: DigestMailer,
  ) {}

  /** The digest as it would be sent, without sending or logging anything. */
  async render(sub: Subscriber, day: string, now = new Date()): Promise<RenderedDigest> {
    const content = await this.builder.build({
      user: { email: sub.user.email, name: sub.user.name },
      day,
      timeZone: sub.choice.timeZone,
      brands: sub.choice.brands,
      dashboardUrl: this.config.digest.dashboardUrl,
      now,
    });
    const brandNames = Object.fromEntries(this.config.brands.map((b) => [b.id, b.name]));
    return { ...renderDigest(content, { brandNames }), quiet: content.quiet };
  }

  async deliver(
    sub: Subscriber,
    day: string,
    opts: { force?: boolean; now?: Date } = {},
  ): Promise<DeliveryOutcome> {
    const now = opts.now ?? new Date();
    const base = { userId: sub.user.id, email: sub.user.email, day };
    const claim = await this.claim(sub.user.id, day, now, opts.force ?? false);
    if ('refused' in claim) return { ...base, result: claim.refused, attempts: claim.attempts };
    const { row } = claim;
    try {
      const digest = await this.render(sub, day, now);
      if (digest.quiet && !sub.choice.sendQuiet) {
        await this.finish(row.id, { status: 'skipped', subject: digest.subject });
        return { ...base, result: 'skipped', attempts: row.attempts };
      }
      const sent = await this.mailer.send({
        to: sub.user.email,
        subject: digest.subject,
        html: digest.html,
        text: digest.text,
        messageId: `<digest-${sub.user.id}-${day}@defuse>`,
      });
      await this.finish(row.id, {
        status: 'sent',
        sentAt: new Date(),
        subject: digest.subject,
        messageId: sent.messageId,
        lastError: null,
        nextAttemptAt: null,
      });
      return { ...base, result: 'sent', attempts: row.attempts };
    } catch (err) {
      const error = (err as Error).message;
      const { attempts, backoff, maxBackoff } = this.config.digest.retry;
      const gaveUp = row.attempts >= attempts;
      const wait = Math.min(backoff * 2 ** (row.attempts - 1), maxBackoff);
      await this.finish(row.id, {
        status: gaveUp ? 'gave_up' : 'failed',
        lastError: error.slice(0, 2000),
        nextAttemptAt: gaveUp ? null : new Date(now.getTime() + wait),
      });
      this.logger.warn(
        `digest for ${sub.user.email} (${day}) failed, attempt ${row.attempts}: ${error}` +
          (gaveUp ? ' (giving up)' : ` (retry in ${Math.round(wait / 1000)} s)`),
      );
      return { ...base, result: gaveUp ? 'gave_up' : 'failed', attempts: row.attempts, error };
    }
  }

  /** `${userId} ${day}` of every send-log row for these days, whatever its status. */
  async loggedDays(days: string[]): Promise<Set<string>> {
    if (days.length === 0) return new Set();
    const rows = await this.db
      .getRepository(DigestSend)
      .createQueryBuilder('s')
      .select(['s.userId', 's.day'])
      .where('s.day IN (:...days)', { days })
      .getMany();
    return new Set(rows.map((r) => `${r.userId} ${r.day}`));
  }

  /** Send-log rows waiting for a retry whose time has come (any day). */
  async dueRetries(now = new Date()): Promise<{ userId: number; day: string }[]> {
    return this.db
      .getRepository(DigestSend)
      .createQueryBuilder('s')
      .select(['s.userId', 's.day'])
      .where("s.status = 'failed' AND s.next_attempt_at <= :now", { now: now.toISOString() })
      .getMany();
  }

  async log(userId?: number): Promise<DigestSend[]> {
    return this.db
      .getRepository(DigestSend)
      .find({ where: userId === undefined ? {} : { userId }, order: { day: 'DESC', id: 'DESC' } });
  }

  /**
   * Takes the send-log row for (user, day): a new row, a failed one whose retry is due, or (forced) a
   * finished one. Every claimer writes its own random token and reads the row back, so exactly one of
   * several ticks, processes or instances wins, on SQLite and PostgreSQL alike.
   */
  private async claim(
    userId: number,
    day: string,
    now: Date,
    force: boolean,
  ): Promise<{ row: DigestSend } | { refused: DeliveryOutcome['result']; attempts: number }> {
    return this.writes.run(async () => {
      const repo = this.db.getRepository(DigestSend);
      const token = randomBytes(16).toString('hex');
      await insertOrIgnore(
        this.db.manager,
        'digest_send',
        ['user_id', 'day', 'status', 'attempts', 'claimed_at', 'claim'],
        [[userId, day, 'sending', 1, now.toISOString(), token]],
      );
      const row = await repo.findOneByOrFail({ userId, day });
      if (row.claim === token) return { row };
      const retryDue = row.status === 'failed' && (row.nextAttemptAt?.getTime() ?? 0) <= now.getTime();
      const forced = force && (['sent', 'skipped', 'failed', 'gave_up'] as SendStatus[]).includes(row.status);
      if (!retryDue && !forced) {
        const refused: DeliveryOutcome['result'] =
          row.status === 'sending' ? 'in_flight' : row.status === 'failed' ? 'retry_later' : 'already_done';
        return { refused, attempts: row.attempts };
      }
      // Conditional on what was read: a claimer that read the same row state loses the race here.
      await repo
        .createQueryBuilder()
        .update(DigestSend)
        .set({ status: 'sending', attempts: row.attempts + 1, claimedAt: now, claim: token })
        .where('id = :id AND status = :status AND attempts = :attempts', {
          id: row.id,
          status: row.status,
          attempts: row.attempts,
        })
        .execute();
      const after = await repo.findOneByOrFail({ id: row.id });
      return after.claim === token ? { row: after } : { refused: 'in_flight', attempts: after.attempts };
    });
  }

  private async finish(id: number, change: Partial<DigestSend>): Promise<void> {
    await this.writes.run(() => this.db.getRepository(DigestSend).update({ id }, change));
  }
}
