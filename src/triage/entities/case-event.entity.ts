import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { isoDate } from '../../database/iso-date.transformer';
import type { Reviewer } from '../../replies/review';
import type { SendCheckFinding } from '../../replies/send-check';
import type { Escalation } from '../escalation/escalation-rules';
import type { CaseStatus } from '../status/case-status';

export const CASE_EVENT_KINDS = [
  'opened',
  'thread',
  'reopened',
  'status',
  'assigned',
  'escalated',
  'note',
  'tags',
  'compensation',
  'replied',
  'review_approved',
  'follow_up_done',
  'follow_up_waived',
  'sla_breached',
  /** A person opened the case from a post the classifier had passed as calm (the mentions view). */
  'marked_complaint',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Structured details of a history entry, beside its note. */
export interface CaseEventData {
  escalations?: Escalation[];
  mentionId?: number;
  owner?: string | null;
  team?: string | null;
  tags?: string[];
  compensationId?: number;
  followUpId?: number;
  promises?: { phrase: string; due: string }[];
  dueAt?: string;
  /** The reply sent (replied) or approved (review_approved). */
  text?: string;
  /** review_approved: whose review this approval answers (legal, safety, comms). */
  review?: Reviewer;
  /** replied, on a case held for review: the approval the sent text matched. */
  approval?: { by: string; at: string; review: Reviewer };
  /** replied: what the check before sending found, when the agent sent it anyway. */
  findings?: SendCheckFinding[];
  /** replied: the agent confirmed sending despite the findings. */
  confirmed?: boolean;
}

/** The case's history: who did what, when, from which status to which, and why. Never updated or deleted. */
@Entity('case_event')
@Index('IDX_case_event_case', ['caseId', 'id'])
export class CaseEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'case_id' })
  caseId!: number;

  @Column('varchar', { length: 24, transformer: isoDate })
  at!: Date;

  /** The person who acted; "defuse" for what the monitor did itself. */
  @Column('varchar', { length: 100 })
  actor!: string;

  @Column('varchar', { length: 24 })
  kind!: CaseEventKind;

  @Column('varchar', { name: 'from_status', length: 24, nullable: true })
  fromStatus!: CaseStatus | null;

  @Column('varchar', { name: 'to_status', length: 24, nullable: true })
  toStatus!: CaseStatus | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('simple-json', { nullable: true })
  data!: CaseEventData | null;
}
