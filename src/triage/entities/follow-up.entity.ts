import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

/** promise: a time the sent reply promised ("within 24 hours"); check_in: the playbook's follow-up days later. */
export type FollowUpKind = 'promise' | 'check_in';
export type FollowUpStatus = 'pending' | 'done' | 'waived';

/** Something owed to the customer after the reply (the playbook, section 4). */
@Entity('follow_up')
@Index('IDX_follow_up_due', ['status', 'dueAt'])
@Index('IDX_follow_up_case', ['caseId', 'status', 'dueAt'])
export class FollowUp {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'case_id' })
  caseId!: number;

  @Column('varchar', { length: 16 })
  kind!: FollowUpKind;

  /** What was promised, in the reply's words; null for a check-in. */
  @Column('text', { nullable: true })
  phrase!: string | null;

  @Column('varchar', { name: 'due_at', length: 24, transformer: isoDate })
  dueAt!: Date;

  @Column('varchar', { length: 16 })
  status!: FollowUpStatus;

  /** Why it was waived, or a note on how it was done. */
  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('varchar', { name: 'created_at', length: 24, transformer: isoDate })
  createdAt!: Date;

  @Column('varchar', { name: 'closed_at', length: 24, nullable: true, transformer: isoDate })
  closedAt!: Date | null;

  @Column('varchar', { name: 'closed_by', length: 100, nullable: true })
  closedBy!: string | null;

  /** When the "follow-up due" event went out, so it goes out once. */
  @Column('varchar', { name: 'announced_at', length: 24, nullable: true, transformer: isoDate })
  announcedAt!: Date | null;
}
