import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { placeholder } from '../../database/dialect';
import { WriteQueue } from '../../database/write-queue';
import { ClassifierService } from '../classifier.service';
import { Category, LabelledText } from '../classifier.types';
import { LabelBody } from '../dto/label.body';
import { ClassificationCorrection } from './classification-correction.entity';
import { MentionStore } from './mention-store';

/** Managers' corrections: stored with what the model had said, applied to the mention, used for retraining. */
@Injectable()
export class CorrectionsService implements OnModuleInit {
  /** The newest correction already in the classifier's index (corrections only ever get added). */
  private indexedUpTo = 0;
  private mentions?: MentionStore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly classifier: ClassifierService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refreshIndex();
  }

  /** Ingest's stored posts (see MentionStore), attached as ingest starts. */
  attachMentionStore(store: MentionStore): void {
    this.mentions = store;
  }

  /**
   * Adds corrections made since the last call to the classifier's index: at start-up all of them, later
   * those another instance sharing the database recorded (this instance adds its own at once).
   */
  async refreshIndex(): Promise<number> {
    const rows: {
      id: number;
      mention_id: number;
      angry: number | boolean;
      category: string | null;
      text: string | null;
    }[] = await this.db.query(
      `SELECT c.id, c.mention_id, c.angry, c.category, c.text
           FROM classification_correction c
          WHERE c.id > ${placeholder(this.db, 1)} ORDER BY c.id`,
      [this.indexedUpTo],
    );
    for (const r of rows) {
      this.indexedUpTo = Math.max(this.indexedUpTo, r.id);
      if (r.text === null) continue;
      this.classifier.corrections.add(r.text, {
        correctionId: r.id,
        mentionId: r.mention_id,
        angry: r.angry === true || r.angry === 1,
        category: r.category as Category | null,
      });
    }
    return rows.length;
  }

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
    if (!this.mentions) throw new Error('no mention store attached: the ingest module is not loaded');
    const mention = await this.mentions.facts(em, mentionId);
    if (!mention) throw new NotFoundException(`mention ${mentionId} does not exist`);
    const correction = em.create(ClassificationCorrection, {
      mentionId,
      text: mention.text,
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
    // New posts with this text (or a near copy) get the manager's answer from now on. Added before the
    // caller's transaction commits: if it rolls back, the override lives until the next restart, which
    // errs towards what a manager just said.
    this.classifier.corrections.add(mention.text, {
      correctionId: correction.id,
      mentionId,
      angry: body.angry,
      category: body.category ?? null,
    });

    // The manager's answer is what the product shows from now on; the model's stays in the correction.
    await this.mentions.relabel(em, mentionId, body.angry, body.category ?? mention.category);
    return correction;
  }

  /** The latest correction of each mention, as training examples. */
  async asTrainingExamples(): Promise<LabelledText[]> {
    const rows: { text: string; angry: number | boolean; category: string | null }[] = await this.db.query(
      `SELECT c.text AS text, c.angry AS angry, c.category AS category
         FROM classification_correction c
        WHERE c.id = (SELECT MAX(c2.id) FROM classification_correction c2 WHERE c2.mention_id = c.mention_id)
          AND c.text IS NOT NULL
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
