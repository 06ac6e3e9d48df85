import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { CaseEventKind } from './entities/case-event.entity';

/** What the queue announces, for the dashboard's live stream and the digest. Published after the write commits. */
export type TriageEvent =
  | { type: 'case.opened'; caseId: number; brandId: string; priority: number; at: string }
  | { type: 'case.changed'; caseId: number; brandId: string; change: CaseEventKind; at: string }
  | { type: 'follow-up.due'; caseId: number; followUpId: number; dueAt: string; phrase: string | null }
  | { type: 'sla.breached'; caseId: number; brandId: string; dueAt: string };

/**
 * The event stream. `stream` carries this instance's events and, on PostgreSQL with several instances,
 * the other instances' (TriageEventsBridge delivers them); `published` carries only this instance's,
 * in the batches they were published in, for the bridge to pass on.
 */
@Injectable()
export class TriageEvents implements OnModuleDestroy {
  private readonly subject = new Subject<TriageEvent>();
  private readonly own = new Subject<readonly TriageEvent[]>();

  /** Every event from now on, this instance's and (PostgreSQL) other instances'. */
  get stream(): Observable<TriageEvent> {
    return this.subject.asObservable();
  }

  /** This instance's events only, one batch per publish() call. */
  get published(): Observable<readonly TriageEvent[]> {
    return this.own.asObservable();
  }

  publish(events: readonly TriageEvent[]): void {
    for (const e of events) this.subject.next(e);
    if (events.length > 0) this.own.next(events);
  }

  /** Events another instance published (TriageEventsBridge): onto `stream`, not `published`. */
  deliver(events: readonly TriageEvent[]): void {
    for (const e of events) this.subject.next(e);
  }

  onModuleDestroy(): void {
    this.subject.complete();
    this.own.complete();
  }
}
