import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.loader';
import { configSchema } from '../config/config.schema';
import { businessHoursSchema, prioritySchema, slaSchema, triageSchema } from './triage.config';
import { configErrorOf } from '../../test/support/config-error';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const dir = mkdtempSync(join(tmpdir(), 'defuse-triage-config-'));
let files = 0;
/** Writes a config with the one brand plus `extra` YAML, and returns its path. */
function yamlFile(extra: string, brand = ''): string {
  const file = join(dir, `config-${++files}.yaml`);
  writeFileSync(
    file,
    `brands:\n  - id: acme\n    name: Acme\n    query:\n      any: [acme]\n${brand}${extra}`,
  );
  return file;
}

function minimal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { brands: [{ id: 'acme', name: 'Acme', query: { any: ['acme'] } }], ...overrides };
}

const DURATION_HINT = 'such as "30s", "5m", "1h", "2d" or a number of seconds';

describe('triage configuration', () => {
  describe('defaults through configSchema', () => {
    const sut = configSchema.parse(minimal());

    it('fills the whole triage block', () => {
      expect(sut.triage).toEqual({
        threadWindow: 72 * HOUR,
        followUpAfter: 3 * DAY,
        sla: { firstResponse: 3_600_000 },
        priority: {
          weights: {
            anger: 30,
            intensity: 10,
            reach: 15,
            waiting: 5,
            repeat: 12,
            legal: 15,
            safety: 20,
            churn: 8,
            press: 10,
            stakes: 8,
          },
          reachForFull: 100_000,
          highReach: 10_000,
          waitingCap: 3,
        },
        escalation: [],
        people: [],
        tickInterval: 60_000,
      });
    });

    it('gives a brand UTC and no SLA override', () => {
      expect(sut.brands[0].timeZone).toBe('UTC');
      expect(sut.brands[0].sla).toBeUndefined();
    });

    it('matches the defaults of the triage schemas on their own', () => {
      expect(triageSchema.parse({})).toEqual(sut.triage);
      expect(prioritySchema.parse({})).toEqual(sut.triage.priority);
      expect(slaSchema.parse({})).toEqual({ firstResponse: HOUR });
    });
  });

  describe('values through loadConfig', () => {
    it('parses durations, weights, business hours, escalation rules and brand overrides', () => {
      const sut = loadConfig(
        yamlFile(
          [
            'triage:',
            '  threadWindow: 2d',
            '  followUpAfter: 36h',
            '  tickInterval: 30',
            '  sla:',
            '    firstResponse: 90m',
            '    businessHours: {timeZone: Europe/London, start: "08:30", end: "18:00"}',
            '  priority:',
            '    weights: {anger: 50}',
            '    waitingCap: 5',
            '  escalation:',
            '    - {name: legal, when: {cues: [legal]}, owner: counsel, reason: legal threat}',
            '',
          ].join('\n'),
          '    timeZone: Europe/Berlin\n    sla:\n      firstResponse: 2d\n',
        ),
        {},
      );
      expect(sut.triage.threadWindow).toBe(2 * DAY);
      expect(sut.triage.followUpAfter).toBe(36 * HOUR);
      expect(sut.triage.tickInterval).toBe(30_000);
      expect(sut.triage.sla).toEqual({
        firstResponse: 90 * 60_000,
        businessHours: {
          timeZone: 'Europe/London',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '08:30',
          end: '18:00',
        },
      });
      expect(sut.triage.priority.weights).toMatchObject({ anger: 50, intensity: 10, waiting: 5 });
      expect(sut.triage.priority.waitingCap).toBe(5);
      expect(sut.triage.escalation).toEqual([
        { name: 'legal', when: { cues: ['legal'] }, owner: 'counsel', reason: 'legal threat' },
      ]);
      expect(sut.brands[0].timeZone).toBe('Europe/Berlin');
      expect(sut.brands[0].sla).toEqual({ firstResponse: 2 * DAY });
    });

    it.each([
      [
        'triage:\n  sla:\n    firstResponse: soon\n',
        `triage.sla.firstResponse: expected a response time ${DURATION_HINT} (got "soon")`,
      ],
      [
        'triage:\n  threadWindow: forever\n',
        `triage.threadWindow: expected a window ${DURATION_HINT} (got "forever")`,
      ],
      ['triage:\n  followUpAfter: -1\n', `triage.followUpAfter: expected a delay ${DURATION_HINT} (got -1)`],
      [
        'triage:\n  priority:\n    weights:\n      anger: -1\n',
        'triage.priority.weights.anger: expected a weight of 0 or more (got -1)',
      ],
      [
        'triage:\n  priority:\n    reachForFull: 5\n',
        'triage.priority.reachForFull: expected at least 10 (got 5)',
      ],
      [
        'triage:\n  sla:\n    businessHours: {timeZone: UTC, start: "17:00", end: "09:00"}\n',
        'triage.sla.businessHours.end: expected start before end (got "09:00")',
      ],
      [
        'triage:\n  sla:\n    businessHours: {timeZone: UTC, start: "9am"}\n',
        'triage.sla.businessHours.start: expected a time such as "09:00" (got "9am")',
      ],
      [
        'triage:\n  sla:\n    businessHours: {timeZone: UTC, days: [mon, funday]}\n',
        'triage.sla.businessHours.days[1]: expected days among sun, mon, tue, wed, thu, fri, sat (got "funday")',
      ],
      ['triage:\n  colour: red\n', 'triage: unknown key "colour"'],
      [
        'triage:\n  priority:\n    weights: {anger: 1, rudeness: 5}\n',
        'triage.priority.weights: unknown key "rudeness"',
      ],
      [
        'triage:\n  escalation:\n    - {name: x, when: {cues: [rude]}, team: t, reason: r}\n',
        'triage.escalation[0].when.cues[0]: expected one of legal, safety, churn, press, stakes (got "rude")',
      ],
      [
        'triage:\n  escalation:\n    - {name: x, when: {minScore: 0.5}, reason: r}\n',
        'triage.escalation[0].team: an escalation rule needs a team or an owner',
      ],
    ])('refuses %j naming the file and the key', (yaml, line) => {
      const file = yamlFile(yaml);
      const err = configErrorOf(() => loadConfig(file, {}));
      expect(err.message).toContain(`${file}: invalid configuration`);
      expect(err.message).toContain(`  - ${line}`);
    });

    it('refuses an unknown brand time zone', () => {
      const file = yamlFile('', '    timeZone: Mars/Base\n');
      expect(configErrorOf(() => loadConfig(file, {})).message).toBe(
        `${file}: invalid configuration\n` +
          '  - brands[0].timeZone: expected an IANA time zone such as "Europe/London" or "UTC" (got "Mars/Base")',
      );
    });

    it('refuses a bad brand SLA under the brand key', () => {
      const file = yamlFile('', '    sla:\n      firstResponse: asap\n');
      expect(configErrorOf(() => loadConfig(file, {})).message).toContain(
        `  - brands[0].sla.firstResponse: expected a response time ${DURATION_HINT} (got "asap")`,
      );
    });

    it('lists every triage problem at once', () => {
      const file = yamlFile(
        'triage:\n  sla:\n    firstResponse: soon\n  priority:\n    weights:\n      anger: -1\n',
      );
      const lines = configErrorOf(() => loadConfig(file, {})).message.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^ {2}- triage\.sla\.firstResponse: /);
      expect(lines[2]).toMatch(/^ {2}- triage\.priority\.weights\.anger: /);
    });
  });

  describe('businessHoursSchema', () => {
    it('needs a time zone and accepts 24:00 as an end', () => {
      expect(businessHoursSchema.safeParse({ start: '09:00' }).success).toBe(false);
      expect(businessHoursSchema.parse({ timeZone: 'UTC', start: '00:00', end: '24:00' })).toEqual({
        timeZone: 'UTC',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '00:00',
        end: '24:00',
      });
    });

    it('refuses start equal to end', () => {
      const result = businessHoursSchema.safeParse({ timeZone: 'UTC', start: '09:00', end: '09:00' });
      expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
        [['end'], 'expected start before end'],
      ]);
    });
  });
});
