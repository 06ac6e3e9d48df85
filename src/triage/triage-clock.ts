import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { WriteQueue } from '../database/write-queue';
import { updateRows } from '../database/update-rows';
import { breachEntry, recordHistories, SYSTEM_ACTOR } from './case-history';
import { FollowUp } from './entities/follow-up.entity';
import { TriageCase } from './entities/triage-case.entity';
import { TriageEvent, TriageEvents } from './triage.events';
import { TriageRules } from './triage-rules';

export interface TickSummary {
  reprioritised: number;
  breached: number;
  followUpsDue: number;
}

const BATCH = 1000;

/**
 * What changes with time alone: waiting cases climb the queue, first-response targets run out (the
 * breach is recorded once), and follow-ups fall due (announced once). Run every `triage.tickInterval`.
 */
@Injectable()
export class TriageClock {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly rules: TriageRules,
    private readonly events: TriageEvents,
  ) {}

  async tick(now = new Date()): Promise<TickSummary> {
    const summary: TickSummary = { reprioritised: 0, breached: 0, followUpsDue: 0 };
    const events: TriageEvent[] = [];
    await this.writes.run(() =>
      this.db.transaction(async (em) => {
        const late = await em.find(TriageCase, {
          where: {
            isOpen: true,
            firstRespondedAt: IsNull(),
            slaBreachedAt: IsNull(),
            firstResponseDueAt: LessThanOrEqual(now),
          },
        });
        // Many rows at once (updateRows, recordHistories): after downtime a tick can meet thousands.
        await updateRows(
          em,
          'triage_case',
          ['sla_breached_at'],
          late.map((c) => [c.id, c.firstResponseDueAt.toISOString()]),
        );
        await recordHistories(
          em,
          now,
          SYSTEM_ACTOR,
          late.map((c) => ({ caseId: c.id, entry: breachEntry(c) })),
        );
        for (const c of late)
          events.push({
            type: 'sla.breached',
            caseId: c.id,
            brandId: c.brandId,
            dueAt: c.firstResponseDueAt.toISOString(),
          });
        summary.breached = late.length;

        for (let afterId = 0; ;) {
          const batch = await em
            .getRepository(TriageCase)
            .createQueryBuilder('c')
            .where('c.priority_settled = :no AND c.id > :afterId', { no: false, afterId })
            .orderBy('c.id')
            .take(BATCH)
            .getMany();
          if (batch.length === 0) break;
          const changed = batch.filter((c) => {
            const before = c.priority;
            this.rules.applyPriority(c, now);
            return c.priority !== before || c.prioritySettled;
          });
          await updateRows(
            em,
            'triage_case',
            ['priority', 'priority_factors', 'priority_settled'],
            changed.map((c) => [
              c.id,
              c.priority,
              JSON.stringify(c.priorityFactors),
              c.prioritySettled ? 1 : 0,
            ]),
          );
          summary.reprioritised += changed.length;
          afterId = batch[batch.length - 1].id;
        }

        const due = await em.find(FollowUp, {
          where: { status: 'pending', announcedAt: IsNull(), dueAt: LessThanOrEqual(now) },
          order: { dueAt: 'ASC' },
        });
        await updateRows(
          em,
          'follow_up',
          ['announced_at'],
          due.map((f) => [f.id, now.toISOString()]),
        );
        for (const f of due)
          events.push({
            type: 'follow-up.due',
            caseId: f.caseId,
            followUpId: f.id,
            dueAt: f.dueAt.toISOString(),
            phrase: f.phrase,
          });
        summary.followUpsDue = due.length;
      }),
    );
    this.events.publish(events);
    return summary;
  }
}
