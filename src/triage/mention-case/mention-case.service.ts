import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { noFlags } from '../../classifier/classifier.types';
import { CorrectionsService } from '../../classifier/corrections/corrections.service';
import { WriteQueue } from '../../database/write-queue';
import { FeedState } from '../../ingest/entities/feed-state.entity';
import { MentionBrand } from '../../ingest/entities/mention-brand.entity';
import { Mention } from '../../ingest/entities/mention.entity';
import { recordHistory } from '../case-history';
import { CaseIntake, FlaggedMention } from '../case-intake';
import { MarkComplaintBody } from '../dto/mark-complaint.body';
import { CaseMention } from '../entities/case-mention.entity';
import { TriageCase } from '../entities/triage-case.entity';
import { TriageEvents } from '../triage.events';

export interface MarkedComplaint {
  caseId: number;
  /** false: the post joined its author's open case about the brand (the thread window). */
  opened: boolean;
}

/**
 * A post the classifier missed, made a case by a person from the mentions view: the correction is
 * recorded (what the model said, what the person said) and the post goes through the same case intake
 * as a flagged post, in one transaction, so it threads, escalates and runs its SLA like any other.
 */
@Injectable()
export class MentionCases {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly intake: CaseIntake,
    private readonly corrections: CorrectionsService,
    private readonly events: TriageEvents,
  ) {}

  async markComplaint(
    mentionId: number,
    body: MarkComplaintBody,
    actor: string,
    now = new Date(),
  ): Promise<MarkedComplaint> {
    const { result, events } = await this.writes.run(() =>
      this.db.transaction(async (em) => {
        const mention = await em.findOneBy(Mention, { id: mentionId });
        if (!mention) throw new NotFoundException(`mention ${mentionId} does not exist`);
        const inOpenCase = await em
          .getRepository(CaseMention)
          .createQueryBuilder('cm')
          .innerJoin(TriageCase, 'c', 'c.id = cm.case_id')
          .select('c.id', 'id')
          .where('cm.mention_id = :mentionId', { mentionId })
          .andWhere('c.is_open = :open', { open: true })
          .getRawOne<{ id: number }>();
        if (inOpenCase)
          throw new ConflictException({
            message: `mention ${mentionId} is already in open case ${inOpenCase.id}`,
            caseId: Number(inOpenCase.id),
          });
        const brandIds = (await em.findBy(MentionBrand, { mentionId })).map((l) => l.brandId);
        // Every stored mention matched a brand when it came in; one without (a brand since removed from
        // the config) has no queue to go to.
        if (brandIds.length === 0)
          throw new ConflictException(`mention ${mentionId} matches no configured brand`);
        const previous = mention.angry === null ? 'unclassified' : mention.angry ? 'angry' : 'not angry';
        await this.corrections.recordIn(
          em,
          mentionId,
          {
            angry: true,
            category: body.category,
            note: body.note ?? `marked a complaint in the mentions view (the classifier said ${previous})`,
          },
          actor,
        );
        const seenFrom = (await em.findOneBy(FeedState, { feedId: mention.feedId }))?.firstPolledAt ?? null;
        const post: FlaggedMention = {
          mentionId,
          source: mention.source,
          authorHandle: mention.authorHandle,
          authorName: mention.authorName,
          reach: mention.reach,
          text: mention.text,
          postedAt: mention.postedAt,
          seenFrom,
          brandIds,
          classification: {
            angry: true,
            score: mention.score ?? 0,
            intensity: mention.intensity ?? 'low',
            category: body.category ?? mention.category ?? 'other',
            reasons: mention.reasons ?? [],
            flags: mention.flags ?? noFlags(),
          },
        };
        const events = await this.intake.intake(em, [post], now);
        const caseEvent = events[0];
        if (!caseEvent) throw new Error(`case intake opened no case for mention ${mentionId}`);
        await recordHistory(em, caseEvent.caseId, now, actor, [
          {
            kind: 'marked_complaint',
            note: `post #${mentionId} marked a complaint: the classifier had said ${previous}${
              mention.score === null ? '' : ` (score ${mention.score.toFixed(2)})`
            }`,
            data: { mentionId },
          },
        ]);
        return {
          result: { caseId: caseEvent.caseId, opened: caseEvent.type === 'case.opened' },
          events,
        };
      }),
    );
    this.events.publish(events);
    return result;
  }
}
