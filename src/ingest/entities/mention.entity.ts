import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Category, ClassificationFlags, Intensity } from '../../classifier/classifier.types';
import { isoDate } from '../../database/iso-date.transformer';

/** A post that mentions at least one brand, stored once per (source, externalId). */
@Entity('mention')
@Unique('UQ_mention_source_external_id', ['source', 'externalId'])
@Index('IDX_mention_posted_at', ['postedAt', 'id'])
@Index('IDX_mention_angry_posted_category', ['angry', 'postedAt', 'category'])
@Index('IDX_mention_angry_category_posted', ['angry', 'category', 'postedAt'], { where: 'angry = 1' })
@Index('IDX_mention_author', ['source', 'authorHandle', 'postedAt'])
export class Mention {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { length: 32 })
  source!: string;

  @Column('varchar', { name: 'external_id', length: 512 })
  externalId!: string;

  @Column('varchar', { name: 'feed_id', length: 64 })
  feedId!: string;

  @Column('text', { nullable: true })
  url!: string | null;

  @Column('varchar', { name: 'author_handle', length: 256, nullable: true })
  authorHandle!: string | null;

  @Column('varchar', { name: 'author_name', length: 256, nullable: true })
  authorName!: string | null;

  @Column('integer', { nullable: true })
  reach!: number | null;

  @Column('text')
  text!: string;

  @Column('varchar', { length: 16, nullable: true })
  language!: string | null;

  @Column('varchar', { name: 'posted_at', length: 24, transformer: isoDate })
  postedAt!: Date;

  @Column('varchar', { name: 'fetched_at', length: 24, transformer: isoDate })
  fetchedAt!: Date;

  /** Classifier verdict (null only for rows stored before classification existed). */
  @Column('boolean', { nullable: true })
  angry!: boolean | null;

  @Column('real', { nullable: true })
  score!: number | null;

  @Column('varchar', { length: 8, nullable: true })
  intensity!: Intensity | null;

  @Column('varchar', { length: 32, nullable: true })
  category!: Category | null;

  @Column('simple-json', { nullable: true })
  reasons!: string[] | null;

  @Column('simple-json', { nullable: true })
  flags!: ClassificationFlags | null;

  @Column('varchar', { name: 'model_version', length: 64, nullable: true })
  modelVersion!: string | null;

  /** The platform's item as received, JSON, kept for audit. */
  @Column('text')
  raw!: string;
}
