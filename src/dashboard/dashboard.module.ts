import { Module } from '@nestjs/common';
import { TriageModule } from '../triage/triage.module';
import { EventsController } from './events.controller';

/** What the browser dashboard talks to; so far the live event stream (the page itself is issue 5). */
@Module({
  imports: [TriageModule],
  controllers: [EventsController],
})
export class DashboardModule {}
