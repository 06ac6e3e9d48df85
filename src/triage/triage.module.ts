import { Module } from '@nestjs/common';
import { ClassifierModule } from '../classifier/classifier.module';
import { CaseActions } from './case-actions.service';
import { CaseIntake } from './case-intake';
import { CaseQueries } from './case-queries';
import { CaseWriter } from './case-writer';
import { CasesController } from './cases.controller';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUps } from './follow-ups.service';
import { MentionCaseController } from './mention-case/mention-case.controller';
import { MentionCases } from './mention-case/mention-case.service';
import { ReplyGate } from './reply-gate';
import { TriageClock } from './triage-clock';
import { TriageClockScheduler } from './triage-clock.scheduler';
import { TriageEvents } from './triage.events';
import { TriageEventsBridge } from './triage-events.bridge';
import { TriageRules } from './triage-rules';

@Module({
  imports: [ClassifierModule],
  providers: [
    TriageRules,
    TriageEvents,
    TriageEventsBridge,
    CaseIntake,
    CaseWriter,
    CaseActions,
    FollowUps,
    ReplyGate,
    CaseQueries,
    TriageClock,
    TriageClockScheduler,
    MentionCases,
  ],
  controllers: [CasesController, FollowUpsController, MentionCaseController],
  exports: [CaseIntake, CaseQueries, TriageEvents, TriageClock, TriageRules],
})
export class TriageModule {}
