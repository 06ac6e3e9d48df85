import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';

/** An item a feed sent that could not become a mention, kept with the reason so nothing is lost silently. */
@Entity('rejected_item')
@Index('IDX_rejected_item_feed', ['feedId', 'id'])
export class RejectedItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { name: 'feed_id', length: 64 })
  feedId!: string;

  @Column('text')
  reason!: string;

  @Column('text')
  raw!: string;

  @Column('varchar', { name: 'rejected_at', length: 24, transformer: isoDate })
  rejectedAt!: Date;
}
