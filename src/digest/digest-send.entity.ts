import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { isoDate } from '../database/iso-date.transformer';

/**
 * sending: claimed, the SMTP exchange may be under way (never retried automatically: it may have gone
 * out); sent; skipped: a quiet day for a user who wants no "all quiet" digest; failed: to be retried at
 * next_attempt_at; gave_up: out of attempts.
 */
export const SEND_STATUSES = ['sending', 'sent', 'skipped', 'failed', 'gave_up'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

/** One user's digest for one local day: the send log that makes it go out once. */
@Entity('digest_send')
@Unique('UQ_digest_send_user_day', ['userId', 'day'])
export class DigestSend {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'user_id' })
  userId!: number;

  /** The local day the digest reports on ("yesterday" when it was sent), YYYY-MM-DD. */
  @Column('varchar', { length: 10 })
  day!: string;

  @Column('varchar', { length: 8 })
  status!: SendStatus;

  @Column('integer')
  attempts!: number;

  @Column('varchar', { name: 'claimed_at', length: 24, transformer: isoDate })
  claimedAt!: Date;

  /** Random, written by the claimer: of two racing claimers, the one whose token is stored sends. */
  @Column('varchar', { length: 32 })
  claim!: string;

  @Column('varchar', { name: 'next_attempt_at', length: 24, nullable: true, transformer: isoDate })
  nextAttemptAt!: Date | null;

  @Column('varchar', { name: 'sent_at', length: 24, nullable: true, transformer: isoDate })
  sentAt!: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('text', { nullable: true })
  subject!: string | null;

  @Column('varchar', { name: 'message_id', length: 200, nullable: true })
  messageId!: string | null;
}
