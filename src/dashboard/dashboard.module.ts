import { Module } from '@nestjs/common';
import { ClassifierModule } from '../classifier/classifier.module';
import { IngestModule } from '../ingest/ingest.module';
import { TriageModule } from '../triage/triage.module';
import { DashboardPageController } from './dashboard-page.controller';
import { EventsController } from './events.controller';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** What the browser dashboard talks to: the live event stream and the overview figures. */
@Module({
  imports: [TriageModule, IngestModule, ClassifierModule],
  controllers: [EventsController, OverviewController, DashboardPageController],
  providers: [OverviewService],
})
export class DashboardModule {}
