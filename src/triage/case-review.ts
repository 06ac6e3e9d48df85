import { EntityManager } from 'typeorm';
import { ReviewNeed, reviewNeeded, Reviewer } from '../replies/review';
import { User } from '../users/user.entity';
import { CaseEvent } from './entities/case-event.entity';
import { TriageCase } from './entities/triage-case.entity';
import { TriageRules } from './triage-rules';

/**
 * Holding a case's reply for review (the playbook's rule 10): who must review it, and the approvals
 * given so far. Approvals are `review_approved` entries of the case's history, so the review and the
 * approved text are kept with everything else that happened to the case.
 */

/** The latest approval of a held case's reply, as the case detail shows it. */
export interface ApprovalView {
  text: string;
  /** The approver's email (the history's actor). */
  by: string;
  /** Their name, when their account has one. */
  name: string | null;
  at: string;
}

export type ReviewView = ReviewNeed & { approval: ApprovalView | null };

/** Who must review this case's reply, or null: its flags and reach against the brand's reviewReach. */
export function reviewOf(c: TriageCase, rules: TriageRules): ReviewNeed | null {
  return reviewNeeded({
    flags: c.flags,
    reach: c.reach,
    reachThreshold: rules.replyPolicy(c.brandId).reviewReach,
  });
}

/**
 * The newest approval for the review the case needs now: a thread that turned from "large audience"
 * to "legal threat" needs legal's approval, not the comms lead's. A case has few approvals.
 */
export async function latestApproval(
  em: EntityManager,
  caseId: number,
  by: Reviewer,
): Promise<CaseEvent | null> {
  const rows = await em.find(CaseEvent, {
    where: { caseId, kind: 'review_approved' },
    order: { id: 'DESC' },
  });
  return rows.find((r) => r.data?.review === by) ?? null;
}

/** The case's review with its latest approval, or null when it needs none. */
export async function reviewView(
  em: EntityManager,
  c: TriageCase,
  rules: TriageRules,
): Promise<ReviewView | null> {
  const need = reviewOf(c, rules);
  if (!need) return null;
  const approval = await latestApproval(em, c.id, need.by);
  if (!approval) return { ...need, approval: null };
  const approver = await em.findOne(User, { select: { name: true }, where: { email: approval.actor } });
  return {
    ...need,
    approval: {
      text: approval.data?.text ?? '',
      by: approval.actor,
      name: approver?.name ?? null,
      at: approval.at.toISOString(),
    },
  };
}

/** The text as compared for approval: trimmed, every run of whitespace one space. */
export function normaliseReplyText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
