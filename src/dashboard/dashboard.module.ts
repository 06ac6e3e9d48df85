import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { TriageModule } from '../triage/triage.module';
import { EventsController } from './events.controller';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** What the browser dashboard talks to: the live event stream and the overview figures. */
@Module({
  imports: [TriageModule, IngestModule],
  controllers: [EventsController, OverviewController],
  providers: [OverviewService],
})
export class DashboardModule {}
