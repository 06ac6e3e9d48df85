import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which brand a mention matched and on which configured terms. A mention can match several brands. */
@Entity('mention_brand')
@Index('IDX_mention_brand_brand', ['brandId', 'mentionId'])
export class MentionBrand {
  @PrimaryColumn('integer', { name: 'mention_id' })
  mentionId!: number;

  @PrimaryColumn('varchar', { name: 'brand_id', length: 64 })
  brandId!: string;

  @Column('simple-json')
  terms!: string[];
}
