import { Inject, Injectable } from '@nestjs/common';
import { DEFUSE_CONFIG } from '../config/config.module';
import { BrandConfig, DefuseConfig } from '../config/config.schema';
import { DEFAULT_REPLY_POLICY, ReplyPolicy } from '../replies/reply-policy';
import { EscalationRules } from './escalation/escalation-rules';
import { TriageCase } from './entities/triage-case.entity';
import { Priority, PriorityPolicy } from './priority/priority-policy';
import { SlaClock } from './sla/sla-clock';
import { TriageSettings } from './triage.config';

/** The triage settings from config, turned into the policies the services apply. */
@Injectable()
export class TriageRules {
  readonly settings: TriageSettings;
  readonly priority: PriorityPolicy;
  readonly escalation: EscalationRules;
  private readonly defaultClock: SlaClock;
  private readonly clocks = new Map<string, SlaClock>();
  private readonly brands = new Map<string, BrandConfig>();

  constructor(@Inject(DEFUSE_CONFIG) config: DefuseConfig) {
    this.settings = config.triage;
    this.priority = new PriorityPolicy(config.triage.priority);
    this.escalation = new EscalationRules(config.triage.escalation);
    this.defaultClock = new SlaClock(config.triage.sla);
    for (const b of config.brands) {
      this.brands.set(b.id, b);
      this.clocks.set(b.id, b.sla ? new SlaClock(b.sla) : this.defaultClock);
    }
  }

  /** The brand's SLA clock; the default one for a brand no longer in config. */
  clockFor(brandId: string): SlaClock {
    return this.clocks.get(brandId) ?? this.defaultClock;
  }

  brand(brandId: string): BrandConfig | undefined {
    return this.brands.get(brandId);
  }

  /** The brand's reply policy; the default one for a brand without a `replies` block or no longer in config. */
  replyPolicy(brandId: string): ReplyPolicy {
    return this.brands.get(brandId)?.replies ?? DEFAULT_REPLY_POLICY;
  }

  /** The case's priority at `now`: waiting counts only until the first response. */
  prioritise(c: TriageCase, now: Date): Priority {
    const clock = this.clockFor(c.brandId);
    const cap = clock.targetMs * this.settings.priority.waitingCap;
    return this.priority.compute({
      score: c.score,
      intensity: c.intensity,
      reach: c.reach,
      waitedMs: c.firstRespondedAt ? null : clock.elapsed(c.openedAt, now, cap),
      slaTargetMs: clock.targetMs,
      repeatCount: c.repeatCount,
      category: c.category,
      flags: c.flags,
    });
  }

  /** Sets the case's priority columns for `now`; a closed case no longer climbs. */
  applyPriority(c: TriageCase, now: Date): void {
    const p = this.prioritise(c, now);
    c.priority = p.value;
    c.priorityFactors = p.factors;
    c.prioritySettled = p.settled || !c.isOpen;
  }

  /** A person's initials for signing drafts, when config names them. */
  initialsOf(owner: string | null): string | null {
    if (!owner) return null;
    return this.settings.people.find((p) => p.id === owner)?.initials ?? null;
  }
}
