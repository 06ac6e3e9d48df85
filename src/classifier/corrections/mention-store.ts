import { EntityManager } from 'typeorm';
import type { Category } from '../classifier.types';

/** What a correction records of the post it corrects: its text and what the product had said. */
export interface MentionFacts {
  text: string;
  angry: boolean | null;
  category: Category | null;
  modelVersion: string | null;
}

/**
 * The stored posts, as corrections need them. The classifier does not own the mention table: ingest
 * does, and attaches its implementation at start-up (CorrectionsService.attachMentionStore), so the
 * dependency runs ingest → classifier, the way the posts flow.
 */
export interface MentionStore {
  /** The post, or null when there is none with this id. */
  facts(em: EntityManager, mentionId: number): Promise<MentionFacts | null>;
  /** The manager's answer becomes what the product shows for the post. */
  relabel(em: EntityManager, mentionId: number, angry: boolean, category: Category | null): Promise<void>;
}
