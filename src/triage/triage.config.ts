import { z } from 'zod';
import { CATEGORY_IDS } from '../classifier/classifier.types';
import { duration } from '../config/duration';
import { timeZone } from '../time/time-zone';

/**
 * The `triage` block of the configuration (and `brands[].sla`): SLA clocks, priority weights,
 * escalation rules (the playbook's chain of command) and follow-up timing. Everything has a default,
 * so a config without a `triage` block still runs a sensible queue.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time such as "09:00"');

export const businessHoursSchema = z
  .strictObject({
    timeZone,
    days: z
      .array(z.enum(WEEKDAYS, { error: `expected days among ${WEEKDAYS.join(', ')}` }))
      .min(1, 'expected at least one day')
      .default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: clockTime.default('09:00'),
    end: clockTime.default('17:00'),
  })
  .refine((h) => h.start < h.end, { message: 'expected start before end', path: ['end'] });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const slaSchema = z.strictObject({
  /** How soon the first public response is due after the post. */
  firstResponse: duration('a response time').default(3_600_000),
  /** When set, the clock only runs inside these hours; otherwise it runs around the clock. */
  businessHours: businessHoursSchema.optional(),
});
export type SlaSettings = z.infer<typeof slaSchema>;

const weight = z.number().min(0, 'expected a weight of 0 or more').max(1000);

export const priorityWeightsSchema = z.strictObject({
  /** Times the anger score (0..1). */
  anger: weight.default(30),
  /** Full for high intensity, half for medium. */
  intensity: weight.default(10),
  /** Full at `reachForFull` followers, on a log scale. */
  reach: weight.default(15),
  /**
   * Per SLA target waited without a first response, up to `waitingCap` targets: a tie-breaker among
   * cases of equal risk, so it is worth less than the risk factors.
   */
  waiting: weight.default(5),
  /** Full at three earlier complaints of the same category ("the wrong book three times"). */
  repeat: weight.default(12),
  legal: weight.default(15),
  safety: weight.default(20),
  churn: weight.default(8),
  press: weight.default(10),
  /** Personal stakes in the post (a wedding, lost photos). */
  stakes: weight.default(8),
});
export type PriorityWeights = z.infer<typeof priorityWeightsSchema>;

export const prioritySchema = z.strictObject({
  weights: priorityWeightsSchema.prefault({}),
  reachForFull: z.number().int().min(10, 'expected at least 10').default(100_000),
  /** An angry post from an author with at least this many followers goes ahead of other complaints. */
  highReach: z.number().int().min(1, 'expected at least 1').default(10_000),
  /** Waiting stops adding points after this many SLA targets. */
  waitingCap: z.number().min(1).max(50).default(3),
});
export type PrioritySettings = z.infer<typeof prioritySchema>;

export const ESCALATION_CUES = ['legal', 'safety', 'churn', 'press', 'stakes'] as const;
export type EscalationCue = (typeof ESCALATION_CUES)[number];

export const escalationRuleSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'expected a rule name'),
    /** Every condition given must hold; within a list, any entry will do. */
    when: z
      .strictObject({
        categories: z
          .array(
            z.enum(CATEGORY_IDS as [string, ...string[]], {
              error: `expected one of ${CATEGORY_IDS.join(', ')}`,
            }),
          )
          .min(1)
          .optional(),
        cues: z
          .array(z.enum(ESCALATION_CUES, { error: `expected one of ${ESCALATION_CUES.join(', ')}` }))
          .min(1)
          .optional(),
        minScore: z.number().min(0).max(1).optional(),
        minReach: z.number().int().min(0).optional(),
      })
      .refine((w) => Object.values(w).some((v) => v !== undefined), {
        message: 'expected at least one of categories, cues, minScore, minReach',
      }),
    team: z.string().trim().min(1).max(64).optional(),
    owner: z.string().trim().min(1).max(100).optional(),
    /** Recorded on the case, in words the person it reaches understands. */
    reason: z.string().trim().min(1, 'expected a reason'),
  })
  .refine((r) => r.team !== undefined || r.owner !== undefined, {
    message: 'an escalation rule needs a team or an owner',
    path: ['team'],
  });
export type EscalationRule = z.infer<typeof escalationRuleSchema>;

export const personSchema = z.strictObject({
  id: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).optional(),
  /** Signs reply drafts when this person owns the case, e.g. "JS". */
  initials: z
    .string()
    .regex(/^[\p{Lu}\p{Ll}]{1,4}$/u, 'expected one to four letters such as "JS"')
    .optional(),
  team: z.string().trim().min(1).max(64).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const triageSchema = z.strictObject({
  /** Another angry post from the same author about the same brand within this window joins the case. */
  threadWindow: duration('a window').default(72 * 3_600_000),
  /** A check-in follow-up is due this long after the reply (the playbook: within a few days). */
  followUpAfter: duration('a delay').default(3 * 86_400_000),
  /** Default SLA; `brands[].sla` overrides it per brand. */
  sla: slaSchema.prefault({}),
  priority: prioritySchema.prefault({}),
  /** In order: the first rule that matches sets the team; every match is recorded. */
  escalation: z.array(escalationRuleSchema).default([]),
  people: z.array(personSchema).default([]),
  /** How often priorities, SLA breaches and due follow-ups are brought up to date. */
  tickInterval: duration('an interval').default(60_000),
});
export type TriageSettings = z.infer<typeof triageSchema>;
