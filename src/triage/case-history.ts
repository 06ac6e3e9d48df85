import { EntityManager } from 'typeorm';
import { insertOrIgnore } from '../database/insert-or-ignore';
import { CaseEvent } from './entities/case-event.entity';
import { TriageCase } from './entities/triage-case.entity';

export type HistoryEntry = Pick<CaseEvent, 'kind'> &
  Partial<Pick<CaseEvent, 'fromStatus' | 'toStatus' | 'note' | 'data'>>;

/** The monitor itself, as the actor of what nobody clicked (a case opened, an SLA breached). */
export const SYSTEM_ACTOR = 'defuse';

/** Appends entries to a case's history, inside the caller's transaction. */
export function recordHistory(
  em: EntityManager,
  caseId: number,
  at: Date,
  actor: string,
  entries: HistoryEntry[],
): Promise<void> {
  return recordHistories(
    em,
    at,
    actor,
    entries.map((entry) => ({ caseId, entry })),
  );
}

/** Entries of many cases in multi-row statements (intake writes a whole page's at once). */
export async function recordHistories(
  em: EntityManager,
  at: Date,
  actor: string,
  entries: { caseId: number; entry: HistoryEntry }[],
): Promise<void> {
  const when = at.toISOString();
  await insertOrIgnore(
    em,
    'case_event',
    ['case_id', 'at', 'actor', 'kind', 'from_status', 'to_status', 'note', 'data'],
    entries.map(({ caseId, entry: e }) => [
      caseId,
      when,
      actor,
      e.kind,
      e.fromStatus ?? null,
      e.toStatus ?? null,
      e.note ?? null,
      e.data ? JSON.stringify(e.data) : null,
    ]),
  );
}

/** The first-response target ran out without a response: recorded once per clock. */
export function breachEntry(c: TriageCase): HistoryEntry {
  return {
    kind: 'sla_breached',
    note: `no first response by ${c.firstResponseDueAt.toISOString()}, when the SLA target ran out`,
    data: { dueAt: c.firstResponseDueAt.toISOString() },
  };
}
