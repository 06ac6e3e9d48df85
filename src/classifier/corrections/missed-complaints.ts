import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClassificationCorrection } from './classification-correction.entity';

/**
 * How often the classifier misses: posts it passed as calm that a person corrected to a complaint
 * (the mentions view's "This is a complaint", or a label). Read on its own, without the classifier,
 * by the overview and the digest.
 */
@Injectable()
export class MissedComplaints {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Posts the classifier missed: corrected to angry from not angry between `from` (inclusive) and
   * `until`, each post once, about one of `brands` (null: any brand). What the digest and overview count
   * so the team sees how often the classifier misses.
   */
  async count(from: Date, until: Date, brands: string[] | null = null): Promise<number> {
    if (brands && brands.length === 0) return 0;
    const qb = this.db
      .createQueryBuilder()
      .select('COUNT(DISTINCT c.mention_id)', 'n')
      .from(ClassificationCorrection, 'c')
      .where('c.angry = :yes AND c.previous_angry = :no', { yes: true, no: false })
      .andWhere('c.created_at >= :from AND c.created_at < :until', {
        from: from.toISOString(),
        until: until.toISOString(),
      });
    if (brands)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM mention_brand mb WHERE mb.mention_id = c.mention_id AND mb.brand_id IN (:...brands))',
        { brands },
      );
    const row = await qb.getRawOne<{ n: number | string }>();
    return Number(row?.n ?? 0);
  }
}
