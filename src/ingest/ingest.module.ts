import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassifierModule } from '../classifier/classifier.module';
import { TriageModule } from '../triage/triage.module';
import { SourcesModule } from '../sources/sources.module';
import { FeedState } from './entities/feed-state.entity';
import { MentionBrand } from './entities/mention-brand.entity';
import { Mention } from './entities/mention.entity';
import { RejectedItem } from './entities/rejected-item.entity';
import { FeedHealthService } from './feed-health.service';
import { FeedLeases } from './feed-lease.repository';
import { BrandsController } from './brands.controller';
import { FeedsController } from './feeds.controller';
import { IngestPipeline } from './ingest.pipeline';
import { MentionsController } from './mentions.controller';
import { MentionsRepository } from './mentions.repository';
import { MentionsService } from './mentions.service';
import { PollScheduler } from './poll.scheduler';
import { PollService } from './poll.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Mention, MentionBrand, FeedState, RejectedItem]),
    SourcesModule,
    ClassifierModule,
    TriageModule,
  ],
  providers: [
    IngestPipeline,
    FeedLeases,
    PollService,
    PollScheduler,
    MentionsService,
    MentionsRepository,
    FeedHealthService,
  ],
  controllers: [MentionsController, FeedsController, BrandsController],
  exports: [FeedLeases, PollService, PollScheduler, MentionsService, FeedHealthService, IngestPipeline],
})
export class IngestModule {}
