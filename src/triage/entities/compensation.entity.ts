import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

export const COMPENSATION_KINDS = ['refund', 'credit', 'replacement', 'discount', 'gift', 'other'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/**
 * Compensation given on a case, for the bookkeeping (the playbook, section 4). The amount is kept in
 * the currency's minor units (cents, pence; yen have none) so totals add up exactly.
 */
@Entity('compensation')
@Index('IDX_compensation_given_at', ['givenAt'])
@Index('IDX_compensation_case', ['caseId'])
export class Compensation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'case_id' })
  caseId!: number;

  @Column('varchar', { length: 16 })
  kind!: CompensationKind;

  @Column('integer', { name: 'amount_minor' })
  amountMinor!: number;

  /** ISO 4217, e.g. "EUR". */
  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('varchar', { name: 'given_at', length: 24, transformer: isoDate })
  givenAt!: Date;

  @Column('varchar', { name: 'given_by', length: 100 })
  givenBy!: string;
}
