import { ClassificationFlags, noFlags } from '../../classifier/classifier.types';
import { EscalationRule, escalationRuleSchema } from '../triage.config';
import { cuesOf, Escalation, EscalationRules, EscalationSubject } from './escalation-rules';

/** A rule as written in YAML, parsed so defaults and refinements apply; team "support" unless one is named. */
function rule(raw: Record<string, unknown>): EscalationRule {
  const routed = 'team' in raw || 'owner' in raw ? {} : { team: 'support' };
  return escalationRuleSchema.parse({ name: 'rule', reason: 'because', ...routed, ...raw });
}

function rules(...raw: Record<string, unknown>[]): EscalationRules {
  return new EscalationRules(raw.map(rule));
}

function subject(overrides: Partial<EscalationSubject> = {}): EscalationSubject {
  return { category: 'delivery', score: 0.6, reach: 100, flags: noFlags(), ...overrides };
}

function flags(overrides: Partial<ClassificationFlags>): ClassificationFlags {
  return { ...noFlags(), ...overrides };
}

function escalation(overrides: Partial<Escalation>): Escalation {
  return { rule: 'r', team: null, owner: null, reason: 'why', ...overrides };
}

function issuesOf(raw: Record<string, unknown>): { path: PropertyKey[]; message: string }[] {
  const result = escalationRuleSchema.safeParse(raw);
  if (result.success) throw new Error('expected the rule to be refused');
  return result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('cuesOf', () => {
  it('is empty for no flags', () => {
    expect(cuesOf(noFlags())).toEqual([]);
  });

  it('names every cue found, in a fixed order', () => {
    expect(
      cuesOf(
        flags({
          personalStakes: ['wedding'],
          pressOrInfluencer: true,
          churnThreat: true,
          safetyRisk: true,
          legalThreat: true,
        }),
      ),
    ).toEqual(['legal', 'safety', 'churn', 'press', 'stakes']);
  });
});

describe('EscalationRules', () => {
  describe('match', () => {
    it('matches on category', () => {
      const sut = rules({
        name: 'billing',
        team: 'finance',
        reason: 'money',
        when: { categories: ['billing'] },
      });
      expect(sut.match(subject({ category: 'billing' }))).toEqual([
        { rule: 'billing', team: 'finance', owner: null, reason: 'money' },
      ]);
      expect(sut.match(subject({ category: 'delivery' }))).toEqual([]);
    });

    it.each([
      ['legal', { legalThreat: true }],
      ['safety', { safetyRisk: true }],
      ['churn', { churnThreat: true }],
      ['press', { pressOrInfluencer: true }],
      ['stakes', { personalStakes: ['lost photos'] }],
    ])('matches the %s cue', (cue, flagOverrides) => {
      const sut = rules({ name: cue, when: { cues: [cue] } });
      expect(sut.match(subject({ flags: flags(flagOverrides) })).map((e) => e.rule)).toEqual([cue]);
      expect(sut.match(subject())).toEqual([]);
    });

    it('does not match a cue the post lacks', () => {
      const sut = rules({ when: { cues: ['legal'] } });
      expect(sut.match(subject({ flags: flags({ safetyRisk: true, personalStakes: ['wedding'] }) }))).toEqual(
        [],
      );
    });

    it('applies minScore inclusively', () => {
      const sut = rules({ when: { minScore: 0.8 } });
      expect(sut.match(subject({ score: 0.8 }))).toHaveLength(1);
      expect(sut.match(subject({ score: 0.95 }))).toHaveLength(1);
      expect(sut.match(subject({ score: 0.79 }))).toEqual([]);
    });

    it('applies minReach inclusively, and unknown reach does not meet it', () => {
      const sut = rules({ when: { minReach: 10_000 } });
      expect(sut.match(subject({ reach: 10_000 }))).toHaveLength(1);
      expect(sut.match(subject({ reach: 250_000 }))).toHaveLength(1);
      expect(sut.match(subject({ reach: 9_999 }))).toEqual([]);
      expect(sut.match(subject({ reach: null }))).toEqual([]);
    });

    it('needs every condition (AND across conditions)', () => {
      const sut = rules({
        when: { categories: ['billing'], cues: ['legal'], minScore: 0.7, minReach: 1_000 },
      });
      const all = subject({
        category: 'billing',
        score: 0.7,
        reach: 1_000,
        flags: flags({ legalThreat: true }),
      });
      expect(sut.match(all)).toHaveLength(1);
      expect(sut.match({ ...all, category: 'pricing' })).toEqual([]);
      expect(sut.match({ ...all, flags: noFlags() })).toEqual([]);
      expect(sut.match({ ...all, score: 0.69 })).toEqual([]);
      expect(sut.match({ ...all, reach: 999 })).toEqual([]);
    });

    it('takes any entry within a list (OR within a list)', () => {
      const sut = rules({ when: { categories: ['billing', 'pricing'], cues: ['legal', 'press'] } });
      expect(
        sut.match(subject({ category: 'pricing', flags: flags({ pressOrInfluencer: true }) })),
      ).toHaveLength(1);
      expect(sut.match(subject({ category: 'billing', flags: flags({ legalThreat: true }) }))).toHaveLength(
        1,
      );
      expect(sut.match(subject({ category: 'outage', flags: flags({ legalThreat: true }) }))).toEqual([]);
    });

    it('returns every matching rule in config order', () => {
      const sut = rules(
        { name: 'angry', team: 'social', reason: 'very angry', when: { minScore: 0.9 } },
        { name: 'outage', team: 'ops', reason: 'service down', when: { categories: ['outage'] } },
        { name: 'legal', owner: 'counsel', reason: 'legal threat', when: { cues: ['legal'] } },
        { name: 'big', team: 'pr', owner: 'head-of-pr', reason: 'big audience', when: { minReach: 50_000 } },
      );
      expect(
        sut.match(
          subject({ category: 'outage', score: 0.95, reach: 10, flags: flags({ legalThreat: true }) }),
        ),
      ).toEqual([
        { rule: 'angry', team: 'social', owner: null, reason: 'very angry' },
        { rule: 'outage', team: 'ops', owner: null, reason: 'service down' },
        { rule: 'legal', team: null, owner: 'counsel', reason: 'legal threat' },
      ]);
    });

    it('returns nothing when no rule matches, or there are no rules', () => {
      const sut = rules({ when: { categories: ['billing'] } });
      expect(sut.match(subject({ category: 'delivery' }))).toEqual([]);
      expect(new EscalationRules([]).match(subject())).toEqual([]);
    });
  });

  describe('route', () => {
    const sut = new EscalationRules([]);

    it('takes the first team and the first owner named, from different matches', () => {
      expect(
        sut.route([
          escalation({ rule: 'a', owner: 'ana' }),
          escalation({ rule: 'b', team: 'legal', owner: 'bo' }),
          escalation({ rule: 'c', team: 'support' }),
        ]),
      ).toEqual({ team: 'legal', owner: 'ana' });
    });

    it('routes the result of match', () => {
      const withRules = rules(
        { name: 'press', owner: 'head-of-pr', reason: 'press', when: { cues: ['press'] } },
        { name: 'stakes', team: 'care', reason: 'personal', when: { cues: ['stakes'] } },
        { name: 'catch-all', team: 'social', owner: 'duty', reason: 'everything', when: { minScore: 0 } },
      );
      const matched = withRules.match(
        subject({ flags: flags({ pressOrInfluencer: true, personalStakes: ['baby'] }) }),
      );
      expect(matched.map((m) => m.rule)).toEqual(['press', 'stakes', 'catch-all']);
      expect(withRules.route(matched)).toEqual({ team: 'care', owner: 'head-of-pr' });
    });

    it('gives nulls when nothing matched', () => {
      expect(sut.route([])).toEqual({ team: null, owner: null });
    });
  });
});

describe('escalationRuleSchema', () => {
  it('trims names and keeps the conditions given', () => {
    expect(
      escalationRuleSchema.parse({
        name: '  legal  ',
        when: { cues: ['legal'] },
        owner: 'counsel',
        reason: ' law ',
      }),
    ).toEqual({ name: 'legal', when: { cues: ['legal'] }, owner: 'counsel', reason: 'law' });
  });

  it('refuses a rule with neither team nor owner', () => {
    expect(issuesOf({ name: 'x', when: { minScore: 0.5 }, reason: 'r' })).toEqual([
      { path: ['team'], message: 'an escalation rule needs a team or an owner' },
    ]);
  });

  it('refuses an empty when', () => {
    expect(issuesOf({ name: 'x', when: {}, team: 't', reason: 'r' })).toEqual([
      { path: ['when'], message: 'expected at least one of categories, cues, minScore, minReach' },
    ]);
  });

  it('refuses an unknown cue', () => {
    expect(issuesOf({ name: 'x', when: { cues: ['legal', 'rude'] }, team: 't', reason: 'r' })).toEqual([
      { path: ['when', 'cues', 1], message: 'expected one of legal, safety, churn, press, stakes' },
    ]);
  });

  it('refuses an unknown category', () => {
    expect(issuesOf({ name: 'x', when: { categories: ['shipping'] }, team: 't', reason: 'r' })).toEqual([
      {
        path: ['when', 'categories', 0],
        message:
          'expected one of delivery, billing, outage, product_quality, customer_service, account_access, pricing, safety_legal, other',
      },
    ]);
  });

  it('refuses a blank name, a missing reason, and a minScore above 1', () => {
    const issues = issuesOf({ name: '  ', when: { minScore: 1.5 }, team: 't' });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['name'], message: 'expected a rule name' },
        expect.objectContaining({ path: ['when', 'minScore'] }),
        expect.objectContaining({ path: ['reason'] }),
      ]),
    );
    expect(issues).toHaveLength(3);
  });
});
