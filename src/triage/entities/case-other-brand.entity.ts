import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A brand a case is about besides its own `brand_id`: a post that matches two brands opens one case
 * (one clock, one owner), not one per brand. The case's `brand_id` is the brand with the stricter SLA,
 * which sets its clock; the others are listed here so the case shows every brand and each brand's
 * queue filter finds it.
 */
@Entity('case_other_brand')
@Index('IDX_case_other_brand_brand', ['brandId', 'caseId'])
export class CaseOtherBrand {
  @PrimaryColumn('integer', { name: 'case_id' })
  caseId!: number;

  @PrimaryColumn('varchar', { name: 'brand_id', length: 64 })
  brandId!: string;
}
