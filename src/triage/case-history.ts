import { EntityManager } from 'typeorm';
import { CaseEvent } from './entities/case-event.entity';

export type HistoryEntry = Pick<CaseEvent, 'kind'> &
  Partial<Pick<CaseEvent, 'fromStatus' | 'toStatus' | 'note' | 'data'>>;

/** The monitor itself, as the actor of what nobody clicked (a case opened, an SLA breached). */
export const SYSTEM_ACTOR = 'defuse';

/** Appends entries to a case's history, inside the caller's transaction. */
export async function recordHistory(
  em: EntityManager,
  caseId: number,
  at: Date,
  actor: string,
  entries: HistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await em.insert(
    CaseEvent,
    entries.map((e) => ({
      fromStatus: null,
      toStatus: null,
      note: null,
      data: null,
      ...e,
      caseId,
      at,
      actor,
    })),
  );
}
