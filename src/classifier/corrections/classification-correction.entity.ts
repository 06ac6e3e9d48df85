import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';
import type { Category } from '../classifier.types';

/** A manager's "the classifier got this one wrong", kept for retraining (`defuse train --with-corrections`). */
@Entity('classification_correction')
@Index('IDX_correction_mention', ['mentionId', 'id'])
export class ClassificationCorrection {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'mention_id' })
  mentionId!: number;

  /** The post's text as corrected (null only for rows older than migration 1764950000000 with no post). */
  @Column('text', { nullable: true })
  text!: string | null;

  /** The right answer. */
  @Column('boolean')
  angry!: boolean;

  @Column('varchar', { length: 32, nullable: true })
  category!: Category | null;

  @Column('text', { nullable: true })
  note!: string | null;

  /** What the model had said, for the record. */
  @Column('boolean', { name: 'previous_angry', nullable: true })
  previousAngry!: boolean | null;

  @Column('varchar', { name: 'previous_category', length: 32, nullable: true })
  previousCategory!: Category | null;

  @Column('varchar', { name: 'model_version', length: 64, nullable: true })
  modelVersion!: string | null;

  @Column('varchar', { name: 'created_by', length: 256, nullable: true })
  createdBy!: string | null;

  @Column('varchar', { name: 'created_at', length: 24, transformer: isoDate })
  createdAt!: Date;
}
