import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

/** What Defuse remembers about each configured feed between polls: its position and its health. */
@Entity('feed_state')
export class FeedState {
  @PrimaryColumn('varchar', { name: 'feed_id', length: 64 })
  feedId!: string;

  @Column('varchar', { length: 16 })
  type!: string;

  @Column('text', { nullable: true })
  cursor!: string | null;

  @Column('text', { nullable: true })
  etag!: string | null;

  @Column('varchar', { name: 'last_modified', length: 64, nullable: true })
  lastModified!: string | null;

  /** When a page of this feed was first stored: a case's SLA clock never starts before it. */
  @Column('varchar', { name: 'first_polled_at', length: 24, nullable: true, transformer: isoDate })
  firstPolledAt!: Date | null;

  @Column('varchar', { name: 'last_polled_at', length: 24, nullable: true, transformer: isoDate })
  lastPolledAt!: Date | null;

  @Column('varchar', { name: 'last_success_at', length: 24, nullable: true, transformer: isoDate })
  lastSuccessAt!: Date | null;

  @Column('varchar', { name: 'last_error_at', length: 24, nullable: true, transformer: isoDate })
  lastErrorAt!: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('varchar', { name: 'last_error_kind', length: 32, nullable: true })
  lastErrorKind!: string | null;

  @Column('integer', { name: 'consecutive_failures', default: 0 })
  consecutiveFailures!: number;

  @Column('varchar', { name: 'next_poll_at', length: 24, nullable: true, transformer: isoDate })
  nextPollAt!: Date | null;

  /** Counts from the last poll: new, duplicate, skipped, invalid. */
  @Column('simple-json', { name: 'last_counts', nullable: true })
  lastCounts!: PollCounts | null;

  @Column('integer', { name: 'total_stored', default: 0 })
  totalStored!: number;
}

export interface PollCounts {
  new: number;
  duplicate: number;
  skipped: number;
  invalid: number;
}
