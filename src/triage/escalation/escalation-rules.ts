import { Category, ClassificationFlags } from '../../classifier/classifier.types';
import { EscalationCue, EscalationRule } from '../triage.config';

/**
 * The chain of command from config (the playbook: everyone knows whom to refer a case to). Rules are
 * read in order; every rule that matches is recorded with its reason, and the first one that names a
 * team (or owner) is where the case goes.
 */

export interface EscalationSubject {
  category: Category;
  score: number;
  reach: number | null;
  flags: ClassificationFlags;
}

export interface Escalation {
  rule: string;
  team: string | null;
  owner: string | null;
  reason: string;
}

export function cuesOf(flags: ClassificationFlags): EscalationCue[] {
  const cues: EscalationCue[] = [];
  if (flags.legalThreat) cues.push('legal');
  if (flags.safetyRisk) cues.push('safety');
  if (flags.churnThreat) cues.push('churn');
  if (flags.pressOrInfluencer) cues.push('press');
  if (flags.personalStakes.length > 0) cues.push('stakes');
  return cues;
}

export class EscalationRules {
  constructor(private readonly rules: readonly EscalationRule[]) {}

  /** Every rule this case matches, in config order. */
  match(subject: EscalationSubject): Escalation[] {
    const cues = cuesOf(subject.flags);
    return this.rules
      .filter((rule) => matches(rule, subject, cues))
      .map((rule) => ({
        rule: rule.name,
        team: rule.team ?? null,
        owner: rule.owner ?? null,
        reason: rule.reason,
      }));
  }

  /** Where the case goes: the first match's team, and the first owner named by any match. */
  route(matches: Escalation[]): { team: string | null; owner: string | null } {
    return {
      team: matches.find((m) => m.team !== null)?.team ?? null,
      owner: matches.find((m) => m.owner !== null)?.owner ?? null,
    };
  }
}

function matches(rule: EscalationRule, s: EscalationSubject, cues: EscalationCue[]): boolean {
  const w = rule.when;
  if (w.categories && !w.categories.includes(s.category)) return false;
  if (w.cues && !w.cues.some((c) => cues.includes(c))) return false;
  if (w.minScore !== undefined && s.score < w.minScore) return false;
  if (w.minReach !== undefined && (s.reach ?? 0) < w.minReach) return false;
  return true;
}
