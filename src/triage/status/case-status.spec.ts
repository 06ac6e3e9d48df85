import {
  allowedTransitions,
  CASE_STATUSES,
  canMarkReplied,
  canTransition,
  CaseStatus,
  isOpen,
  OPEN_STATUSES,
} from './case-status';

/** The whole table, written out here so a change to the code has to be made twice to pass. */
const EXPECTED: Record<CaseStatus, CaseStatus[]> = {
  new: ['in_progress', 'replied', 'dismissed'],
  in_progress: ['new', 'replied', 'dismissed'],
  replied: ['in_progress', 'awaiting_follow_up', 'resolved'],
  awaiting_follow_up: ['in_progress', 'resolved'],
  resolved: ['in_progress'],
  dismissed: ['new'],
};

function everyPair(): [CaseStatus, CaseStatus, boolean][] {
  return CASE_STATUSES.flatMap((from) =>
    CASE_STATUSES.map((to): [CaseStatus, CaseStatus, boolean] => [from, to, EXPECTED[from].includes(to)]),
  );
}

describe('case status', () => {
  it('has the six statuses in lifecycle order', () => {
    expect(CASE_STATUSES).toEqual([
      'new',
      'in_progress',
      'replied',
      'awaiting_follow_up',
      'resolved',
      'dismissed',
    ]);
  });

  describe('canTransition', () => {
    const pairs = everyPair();

    it('covers every from × to pair (36), 13 of them allowed', () => {
      expect(pairs).toHaveLength(36);
      expect(pairs.filter(([, , allowed]) => allowed)).toHaveLength(13);
    });

    it.each(pairs)('%s → %s allowed: %p', (from, to, allowed) => {
      const sut = canTransition;
      expect(sut(from, to)).toBe(allowed);
    });

    it('never allows staying in the same status', () => {
      const sut = canTransition;
      expect(CASE_STATUSES.filter((s) => sut(s, s))).toEqual([]);
    });
  });

  describe('allowedTransitions', () => {
    it.each(CASE_STATUSES.map((s) => [s, EXPECTED[s]] as const))('from %s lists %p', (from, expected) => {
      const sut = allowedTransitions;
      expect(sut(from)).toEqual(expected);
    });
  });

  describe('isOpen', () => {
    it.each([
      ['new', true],
      ['in_progress', true],
      ['replied', true],
      ['awaiting_follow_up', true],
      ['resolved', false],
      ['dismissed', false],
    ] as const)('%s is open: %p', (status, open) => {
      const sut = isOpen;
      expect(sut(status)).toBe(open);
    });
  });

  describe('canMarkReplied', () => {
    it.each([
      ['new', true],
      ['in_progress', true],
      ['replied', true],
      ['awaiting_follow_up', true],
      ['resolved', false],
      ['dismissed', false],
    ] as const)('from %s: %p', (status, allowed) => {
      const sut = canMarkReplied;
      expect(sut(status)).toBe(allowed);
    });
  });

  it('OPEN_STATUSES are the four that still need someone', () => {
    expect(OPEN_STATUSES).toEqual(['new', 'in_progress', 'replied', 'awaiting_follow_up']);
    expect(CASE_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))).toEqual(['resolved', 'dismissed']);
  });
});
