import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

/** A post in a case's thread. A mention belongs to at most one case per brand. */
@Entity('case_mention')
@Index('IDX_case_mention_mention', ['mentionId'])
export class CaseMention {
  @PrimaryColumn('integer', { name: 'case_id' })
  caseId!: number;

  @PrimaryColumn('integer', { name: 'mention_id' })
  mentionId!: number;

  @Column('varchar', { name: 'added_at', length: 24, transformer: isoDate })
  addedAt!: Date;
}
