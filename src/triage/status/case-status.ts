/**
 * The life of a case: new → in_progress → replied → awaiting_follow_up → resolved, plus dismissed
 * ("not a complaint"). The table below is the whole rule; anything else is refused with the allowed
 * moves named, so a person never has to guess.
 */
export const CASE_STATUSES = [
  'new',
  'in_progress',
  'replied',
  'awaiting_follow_up',
  'resolved',
  'dismissed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses that still need someone: the queue shows these by default. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'replied', 'awaiting_follow_up'];

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'replied', 'dismissed'],
  in_progress: ['new', 'replied', 'dismissed'],
  // The customer wrote back, or the private conversation needs more work.
  replied: ['in_progress', 'awaiting_follow_up', 'resolved'],
  awaiting_follow_up: ['in_progress', 'resolved'],
  // Reopened by hand (a new post reopens it on its own).
  resolved: ['in_progress'],
  // Undo a mistaken dismissal.
  dismissed: ['new'],
};

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Where a reply may be recorded from: a second reply on a replied case is allowed too. */
export function canMarkReplied(from: CaseStatus): boolean {
  return from === 'replied' || canTransition(from, 'replied') || from === 'awaiting_follow_up';
}
