import type { ClassificationFlags } from '../classifier/classifier.types';

/**
 * Posts whose public answer needs a second pair of eyes before it is posted (the playbook's rule 10):
 * a legal threat goes to legal, a safety risk to the safety lead, press or a large audience to the
 * comms lead. Until someone with the reviewer role approves the text, the case cannot be marked replied.
 */
export type Reviewer = 'legal' | 'safety' | 'comms';

export interface ReviewNeed {
  by: Reviewer;
  /** Why, in the words the dashboard shows: "legal threat", "safety risk", "press or influencer". */
  reason: string;
  /** The line shown above the drafts: "Needs review by legal before it is posted". */
  label: string;
}

const LABEL: Record<Reviewer, string> = {
  legal: 'Needs review by legal before it is posted',
  safety: 'Needs review by the safety lead before it is posted',
  comms: 'Needs review by the comms lead before it is posted',
};

/**
 * Who must review the reply to this post, or null. Legal outranks safety outranks comms: a post with
 * a legal threat and an injury goes to legal first, whose answer shapes everything else said.
 * `reach` is the author's audience (followers) when known; at or above `reachThreshold` the post is
 * very visible whatever it says.
 */
export function reviewNeeded(input: {
  flags: Pick<ClassificationFlags, 'legalThreat' | 'safetyRisk' | 'pressOrInfluencer'>;
  reach: number | null | undefined;
  reachThreshold: number;
}): ReviewNeed | null {
  const need = (by: Reviewer, reason: string): ReviewNeed => ({ by, reason, label: LABEL[by] });
  if (input.flags.legalThreat) return need('legal', 'legal threat');
  if (input.flags.safetyRisk) return need('safety', 'safety risk');
  if (input.flags.pressOrInfluencer) return need('comms', 'press or influencer');
  if (input.reach != null && input.reach >= input.reachThreshold)
    return need('comms', `author reaches ${input.reach.toLocaleString('en-US')} followers`);
  return null;
}
