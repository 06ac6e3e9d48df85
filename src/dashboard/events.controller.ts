import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';
import { TriageEvents } from '../triage/triage.events';

/** A comment line every 25 s keeps proxies and browsers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

/** The live feed for the dashboard: every triage event as a server-sent event named by its type. */
@ApiTags('events')
@Controller('api')
export class EventsController {
  constructor(private readonly events: TriageEvents) {}

  @Sse('events')
  @ApiOperation({
    summary:
      'Server-sent events: case.opened, case.changed, follow-up.due, sla.breached (data: the event as JSON)',
  })
  stream(): Observable<MessageEvent> {
    return merge(
      this.events.stream.pipe(map((e): MessageEvent => ({ type: e.type, data: e }))),
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} }))),
    );
  }
}
