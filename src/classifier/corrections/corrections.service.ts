import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WriteQueue } from '../../database/write-queue';
import { Mention } from '../../ingest/entities/mention.entity';
import { LabelledText } from '../classifier.types';
import { LabelBody } from '../dto/label.body';
import { ClassificationCorrection } from './classification-correction.entity';

/** Managers' corrections: stored with what the model had said, applied to the mention, used for retraining. */
@Injectable()
export class CorrectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  record(mentionId: number, body: LabelBody, by: string | null = null): Promise<ClassificationCorrection> {
    return this.writes.run(() => this.db.transaction((em) => this.recordIn(em, mentionId, body, by)));
  }

  /** The same, inside a caller's transaction (dismissing a case corrects its posts with the dismissal). */
  async recordIn(
    em: EntityManager,
    mentionId: number,
    body: LabelBody,
    by: string | null = null,
  ): Promise<ClassificationCorrection> {
    const mention = await em.findOneBy(Mention, { id: mentionId });
    if (!mention) throw new NotFoundException(`mention ${mentionId} does not exist`);
    const correction = em.create(ClassificationCorrection, {
      mentionId,
      angry: body.angry,
      category: body.category ?? null,
      note: body.note ?? null,
      previousAngry: mention.angry,
      previousCategory: mention.category,
      modelVersion: mention.modelVersion,
      createdBy: by,
      createdAt: new Date(),
    });
    await em.save(correction);
    // The manager's answer is what the product shows from now on; the model's stays in the correction.
    await em.update(
      Mention,
      { id: mentionId },
      { angry: body.angry, category: body.category ?? mention.category },
    );
    return correction;
  }

  /**
   * Posts the classifier missed: corrected to angry from not angry between `from` (inclusive) and
   * `until`, each post once, about one of `brands` (null: any brand). What the digest and overview count
   * so the team sees how often the classifier misses.
   */
  async countMissed(from: Date, until: Date, brands: string[] | null = null): Promise<number> {
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

  /** The latest correction of each mention, as training examples. */
  async asTrainingExamples(): Promise<LabelledText[]> {
    const rows: { text: string; angry: number | boolean; category: string | null }[] = await this.db.query(
      `SELECT m.text AS text, c.angry AS angry, c.category AS category
         FROM classification_correction c JOIN mention m ON m.id = c.mention_id
        WHERE c.id = (SELECT MAX(c2.id) FROM classification_correction c2 WHERE c2.mention_id = c.mention_id)
        ORDER BY c.id`,
    );
    return rows.map((r) => ({
      text: r.text,
      label: r.angry === true || r.angry === 1 ? 1 : 0,
      ...(r.category ? { category: r.category as LabelledText['category'] } : {}),
      source: 'corrections',
    }));
  }
}
