import { NOTIFY_MAX_BYTES } from '../database/pg-listener';
import { envelopes } from './triage-events.bridge';
import { TriageEvent } from './triage.events';

const opened = (caseId: number): TriageEvent => ({
  type: 'case.opened',
  caseId,
  brandId: 'acme',
  priority: 0.5,
  at: '2026-12-06T10:00:00.000Z',
});

describe('envelopes (NOTIFY payloads of the event bridge)', () => {
  it('sends a small batch as one payload with the sender', () => {
    const [one, ...rest] = envelopes('host:1:ab', [opened(1), opened(2)]);
    expect(rest).toEqual([]);
    expect(JSON.parse(one)).toEqual({ from: 'host:1:ab', events: [opened(1), opened(2)] });
  });

  it('splits a large batch under the size limit, keeping every event in order', () => {
    const batch = Array.from({ length: 500 }, (_, i) => opened(i));
    const payloads = envelopes('host:1:ab', batch);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(NOTIFY_MAX_BYTES);
    expect(payloads.flatMap((p) => (JSON.parse(p) as { events: TriageEvent[] }).events)).toEqual(batch);
  });

  it('drops a single event too large for any payload, and sends the rest', () => {
    const huge: TriageEvent = {
      type: 'follow-up.due',
      caseId: 9,
      followUpId: 1,
      dueAt: '2026-12-06T10:00:00.000Z',
      phrase: 'x'.repeat(NOTIFY_MAX_BYTES),
    };
    const payloads = envelopes('h', [opened(1), huge, opened(2)]);
    expect(payloads.flatMap((p) => (JSON.parse(p) as { events: TriageEvent[] }).events)).toEqual([
      opened(1),
      opened(2),
    ]);
  });

  it('sends nothing for an empty batch', () => {
    expect(envelopes('h', [])).toEqual([]);
  });
});
