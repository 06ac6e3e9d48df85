import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { WriteQueue } from '../database/write-queue';
import { breachEntry, recordHistory, SYSTEM_ACTOR } from './case-history';
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
        for (const c of late) {
          c.slaBreachedAt = c.firstResponseDueAt;
          await em.update(TriageCase, { id: c.id }, { slaBreachedAt: c.slaBreachedAt });
          await recordHistory(em, c.id, now, SYSTEM_ACTOR, [breachEntry(c)]);
          events.push({
            type: 'sla.breached',
            caseId: c.id,
            brandId: c.brandId,
            dueAt: c.firstResponseDueAt.toISOString(),
          });
        }
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
          for (const c of batch) {
            const before = c.priority;
            this.rules.applyPriority(c, now);
            if (c.priority === before && !c.prioritySettled) continue;
            await em.update(
              TriageCase,
              { id: c.id },
              {
                priority: c.priority,
                priorityFactors: c.priorityFactors,
                prioritySettled: c.prioritySettled,
              },
            );
            summary.reprioritised++;
          }
          afterId = batch[batch.length - 1].id;
        }

        const due = await em.find(FollowUp, {
          where: { status: 'pending', announcedAt: IsNull(), dueAt: LessThanOrEqual(now) },
          order: { dueAt: 'ASC' },
        });
        for (const f of due) {
          await em.update(FollowUp, { id: f.id }, { announcedAt: now });
          events.push({
            type: 'follow-up.due',
            caseId: f.caseId,
            followUpId: f.id,
            dueAt: f.dueAt.toISOString(),
            phrase: f.phrase,
          });
        }
        summary.followUpsDue = due.length;
      }),
    );
    this.events.publish(events);
    return summary;
  }
}
