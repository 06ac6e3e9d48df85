import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

/**
 * swapped: the retrained model was not worse and now serves; kept: it was worse, the old one stays;
 * unchanged: no corrections to learn from; failed: training or evaluation threw (see details).
 */
export const RETRAIN_OUTCOMES = ['swapped', 'kept', 'unchanged', 'failed'] as const;
export type RetrainOutcome = (typeof RETRAIN_OUTCOMES)[number];

/** One scheduled (or admin-triggered) retrain: the claim of its slot, then what came of it. */
@Entity('classifier_retrain')
@Unique('UQ_classifier_retrain_slot', ['slot'])
export class ClassifierRetrain {
  @PrimaryGeneratedColumn()
  id!: number;

  /** "cron:<minute, ISO>" for the schedule, "manual:<second, ISO>" for POST /api/classifier/retrain. */
  @Column('varchar', { length: 64 })
  slot!: string;

  /** Which process claimed it (host:pid:random). */
  @Column('varchar', { length: 128 })
  instance!: string;

  @Column('varchar', { name: 'started_at', length: 24, transformer: isoDate })
  startedAt!: Date;

  @Column('varchar', { name: 'finished_at', length: 24, nullable: true, transformer: isoDate })
  finishedAt!: Date | null;

  @Column('varchar', { length: 16, nullable: true })
  outcome!: RetrainOutcome | null;

  /** The model serving after this retrain (the new one when swapped). */
  @Column('varchar', { name: 'model_version', length: 64, nullable: true })
  modelVersion!: string | null;

  /** The figures compared, as JSON (see RetrainReport). */
  @Column('text', { nullable: true })
  details!: string | null;
}
