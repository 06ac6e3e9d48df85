import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WriteQueue } from '../database/write-queue';
import { HistoryEntry, recordHistory } from './case-history';
import { TriageCase } from './entities/triage-case.entity';
import { TriageEvent, TriageEvents } from './triage.events';
import { TriageRules } from './triage-rules';

export interface CaseChange {
  /** What goes into the case's history; an empty list means nothing changed. */
  history: HistoryEntry[];
  /** Extra events beyond the "case.changed" every change publishes (e.g. an SLA breach). */
  events?: TriageEvent[];
}

/**
 * Every action on a case goes through here: one queued transaction that loads the case (404 when it
 * does not exist), applies the change, refreshes the priority, saves, appends the history, and
 * publishes the events once the transaction has committed.
 */
@Injectable()
export class CaseWriter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly rules: TriageRules,
    private readonly events: TriageEvents,
  ) {}

  async change(
    caseId: number,
    actor: string,
    now: Date,
    apply: (c: TriageCase, em: EntityManager) => Promise<CaseChange> | CaseChange,
  ): Promise<TriageCase> {
    const { c, events } = await this.writes.run(() =>
      this.db.transaction(async (em) => {
        const c = await em.findOneBy(TriageCase, { id: caseId });
        if (!c) throw new NotFoundException(`case ${caseId} does not exist`);
        const change = await apply(c, em);
        if (change.history.length === 0) return { c, events: [] };
        c.updatedAt = now;
        this.rules.applyPriority(c, now);
        await em.save(TriageCase, c);
        await recordHistory(em, c.id, now, actor, change.history);
        const events: TriageEvent[] = [
          ...(change.events ?? []),
          ...change.history.map((h): TriageEvent => ({
            type: 'case.changed',
            caseId: c.id,
            brandId: c.brandId,
            change: h.kind,
            at: now.toISOString(),
          })),
        ];
        return { c, events };
      }),
    );
    this.events.publish(events);
    return c;
  }
}
