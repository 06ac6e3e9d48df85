import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which brand a mention matched and on which configured terms. A mention can match several brands. */
@Entity('mention_brand')
@Index('IDX_mention_brand_brand', ['brandId', 'mentionId'])
@Index('IDX_mention_brand_angry_posted', ['angry', 'brandId', 'postedAt'], { where: 'angry = 1' })
export class MentionBrand {
  @PrimaryColumn('integer', { name: 'mention_id' })
  mentionId!: number;

  @PrimaryColumn('varchar', { name: 'brand_id', length: 64 })
  brandId!: string;

  @Column('simple-json')
  terms!: string[];

  /**
   * Copies of the mention's verdict and time, written only by the database's triggers (migration
   * 1764500000000), so angry mentions per brand and day are index ranges, not a join.
   */
  @Column({ type: 'boolean', nullable: true, insert: false, update: false, select: false })
  angry!: boolean | null;

  @Column({
    type: 'varchar',
    name: 'posted_at',
    length: 24,
    nullable: true,
    insert: false,
    update: false,
    select: false,
  })
  postedAt!: string | null;
}
