import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Category } from '../classifier/classifier.types';
import { CorrectionsService } from '../classifier/corrections/corrections.service';
import { MentionFacts, MentionStore } from '../classifier/corrections/mention-store';
import { Mention } from './entities/mention.entity';

/**
 * Ingest owns the mention table; this is how other modules' work reaches its rows. Today: what a
 * manager's correction needs (the classifier's MentionStore), attached to the corrections service as
 * the module starts, so the classifier never imports ingest.
 */
@Injectable()
export class MentionsRepository implements MentionStore, OnModuleInit {
  constructor(private readonly corrections: CorrectionsService) {}

  onModuleInit(): void {
    this.corrections.attachMentionStore(this);
  }

  async facts(em: EntityManager, mentionId: number): Promise<MentionFacts | null> {
    const m = await em.findOne(Mention, {
      select: { id: true, text: true, angry: true, category: true, modelVersion: true },
      where: { id: mentionId },
    });
    return m
      ? {
          text: m.text,
          angry: m.angry,
          category: m.category,
          modelVersion: m.modelVersion,
        }
      : null;
  }

  async relabel(
    em: EntityManager,
    mentionId: number,
    angry: boolean,
    category: Category | null,
  ): Promise<void> {
    await em.update(Mention, { id: mentionId }, { angry, category });
  }
}
