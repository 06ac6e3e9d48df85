import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Category, ClassificationFlags, Intensity } from '../../classifier/classifier.types';
import { isoDate } from '../../database/iso-date.transformer';
import type { Escalation } from '../escalation/escalation-rules';
import type { PriorityFactor } from '../priority/priority-policy';
import type { CaseStatus } from '../status/case-status';

/**
 * One customer's complaint about one brand: the first flagged post and the angry posts that followed
 * it (the thread), with who handles it, how urgent it is, and the SLA clock. The classification columns
 * hold the strongest signal of the thread (highest score, union of flags), which is what priority uses.
 */
@Entity('triage_case')
@Index('UQ_case_first_mention_brand', ['firstMentionId', 'brandId'], { unique: true })
@Index('IDX_case_queue', ['isOpen', 'priority', 'id'])
@Index('IDX_case_sla_queue', ['isOpen', 'firstResponseDueAt', 'id'])
@Index('IDX_case_age_queue', ['isOpen', 'openedAt', 'id'])
@Index('IDX_case_status_queue', ['status', 'priority', 'id'])
@Index('IDX_case_brand_queue', ['brandId', 'isOpen', 'priority', 'id'])
@Index('IDX_case_author', ['authorKey', 'brandId', 'lastPostAt'])
export class TriageCase {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { name: 'brand_id', length: 64 })
  brandId!: string;

  /** The platform of the first post (mastodon, bluesky, reddit, hackernews, feed). */
  @Column('varchar', { length: 32 })
  source!: string;

  /** source + lower-cased handle: who threads and author history key on; null when the post had no author. */
  @Column('varchar', { name: 'author_key', length: 300, nullable: true })
  authorKey!: string | null;

  @Column('varchar', { name: 'author_handle', length: 256, nullable: true })
  authorHandle!: string | null;

  @Column('varchar', { name: 'author_name', length: 256, nullable: true })
  authorName!: string | null;

  @Column('varchar', { length: 24 })
  status!: CaseStatus;

  /** Kept in step with status so the default queue (all open cases by priority) reads one index. */
  @Column('boolean', { name: 'is_open' })
  isOpen!: boolean;

  @Column('varchar', { length: 100, nullable: true })
  owner!: string | null;

  @Column('varchar', { length: 64, nullable: true })
  team!: string | null;

  @Column('simple-json')
  tags!: string[];

  @Column('varchar', { length: 32 })
  category!: Category;

  @Column('real')
  score!: number;

  @Column('varchar', { length: 8 })
  intensity!: Intensity;

  @Column('integer', { nullable: true })
  reach!: number | null;

  @Column('simple-json')
  flags!: ClassificationFlags;

  /** Earlier cases of this author and brand with the same category (the playbook's "wrong book three times"). */
  @Column('integer', { name: 'repeat_count' })
  repeatCount!: number;

  @Column('real')
  priority!: number;

  @Column('simple-json', { name: 'priority_factors' })
  priorityFactors!: PriorityFactor[];

  /** Waiting can no longer change the priority (responded, or past the cap): the clock job skips it. */
  @Column('boolean', { name: 'priority_settled' })
  prioritySettled!: boolean;

  @Column('simple-json')
  escalations!: Escalation[];

  @Column('integer', { name: 'first_mention_id' })
  firstMentionId!: number;

  /** The first post's first 280 characters, so the queue needs no join. */
  @Column('text')
  excerpt!: string;

  @Column('integer', { name: 'mention_count' })
  mentionCount!: number;

  /** When the first post was made: the SLA clock starts here. */
  @Column('varchar', { name: 'opened_at', length: 24, transformer: isoDate })
  openedAt!: Date;

  @Column('varchar', { name: 'last_post_at', length: 24, transformer: isoDate })
  lastPostAt!: Date;

  @Column('varchar', { name: 'updated_at', length: 24, transformer: isoDate })
  updatedAt!: Date;

  @Column('varchar', { name: 'first_response_due_at', length: 24, transformer: isoDate })
  firstResponseDueAt!: Date;

  @Column('varchar', { name: 'first_responded_at', length: 24, nullable: true, transformer: isoDate })
  firstRespondedAt!: Date | null;

  /** When the first-response target passed without a response; recorded once. */
  @Column('varchar', { name: 'sla_breached_at', length: 24, nullable: true, transformer: isoDate })
  slaBreachedAt!: Date | null;

  @Column('varchar', { name: 'replied_at', length: 24, nullable: true, transformer: isoDate })
  repliedAt!: Date | null;

  @Column('varchar', { name: 'resolved_at', length: 24, nullable: true, transformer: isoDate })
  resolvedAt!: Date | null;
}
