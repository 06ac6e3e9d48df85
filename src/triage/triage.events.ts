import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { CaseEventKind } from './entities/case-event.entity';

/** What the queue announces, for the dashboard's live stream and the digest. Published after the write commits. */
export type TriageEvent =
  | { type: 'case.opened'; caseId: number; brandId: string; priority: number; at: string }
  | { type: 'case.changed'; caseId: number; brandId: string; change: CaseEventKind; at: string }
  | { type: 'follow-up.due'; caseId: number; followUpId: number; dueAt: string; phrase: string | null }
  | { type: 'sla.breached'; caseId: number; brandId: string; dueAt: string };

@Injectable()
export class TriageEvents implements OnModuleDestroy {
  private readonly subject = new Subject<TriageEvent>();

  /** Every event from now on. */
  get stream(): Observable<TriageEvent> {
    return this.subject.asObservable();
  }

  publish(events: readonly TriageEvent[]): void {
    for (const e of events) this.subject.next(e);
  }

  onModuleDestroy(): void {
    this.subject.complete();
  }
}
