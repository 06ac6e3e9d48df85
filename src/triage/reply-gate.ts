import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Mention } from '../ingest/entities/mention.entity';
import { checkReply, SendCheckContext, SendCheckFinding } from '../replies/send-check';
import { platformOf } from './case-queries';
import { latestApproval, normaliseReplyText, reviewOf } from './case-review';
import { CaseWriter } from './case-writer';
import { CaseEventData } from './entities/case-event.entity';
import { CaseMention } from './entities/case-mention.entity';
import { TriageCase } from './entities/triage-case.entity';
import { allowedTransitions, canMarkReplied } from './status/case-status';
import { TriageRules } from './triage-rules';

/** What the replied history entry keeps of the gate: the approval it passed, the findings confirmed. */
export type Admission = Pick<CaseEventData, 'approval' | 'findings' | 'confirmed'>;

/**
 * What stands between a reply and "replied" (the playbook's rule 10 and the check before sending):
 * a case with a legal threat, a safety risk or a large audience is held until a reviewer (or an admin)
 * approves the exact text (see case-review.ts), and every text is checked against the reply rules; a
 * text with findings is recorded only when the agent confirms it.
 */
@Injectable()
export class ReplyGate {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: CaseWriter,
    private readonly rules: TriageRules,
  ) {}

  /** Records `actor`'s approval of `text` for the case's review; 409 when the case needs none. */
  approve(caseId: number, text: string, actor: string, now = new Date()): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, (c) => {
      const need = reviewOf(c, this.rules);
      if (!need)
        throw new ConflictException({
          message: `case ${caseId} needs no review (no legal threat, safety risk or large audience): an agent can mark it replied without an approval`,
        });
      if (!canMarkReplied(c.status))
        throw new ConflictException({
          message: `a ${c.status} case cannot be replied to, so there is nothing to approve; reopen it first (from ${c.status} it can go to ${allowedTransitions(c.status).join(', ')})`,
          allowed: allowedTransitions(c.status),
        });
      return {
        history: [
          {
            kind: 'review_approved',
            note: `reply approved for the ${need.by} review (${need.reason})`,
            data: { text: text.trim(), review: need.by },
          },
        ],
      };
    });
  }

  /**
   * Inside the reply's transaction: the review gate first (409 unless the latest approval is of this
   * very text), then the check before sending (422 with the findings unless `confirm`).
   */
  async admit(
    c: TriageCase,
    em: EntityManager,
    reply: { text: string; confirm?: boolean; sentAt: Date },
  ): Promise<Admission> {
    const admission: Admission = {};
    const need = reviewOf(c, this.rules);
    if (need) {
      const approval = await latestApproval(em, c.id, need.by);
      if (!approval)
        throw new ConflictException({
          message: `case ${c.id} is held for review by ${need.by} (${need.reason}): a reviewer or an admin must approve the text before it is marked replied`,
          review: need,
        });
      if (normaliseReplyText(approval.data?.text ?? '') !== normaliseReplyText(reply.text))
        throw new ConflictException({
          message: `this is not the text ${approval.actor} approved at ${approval.at.toISOString()} for the ${need.by} review: an edited text needs a new approval by a reviewer or an admin`,
          review: need,
        });
      admission.approval = { by: approval.actor, at: approval.at.toISOString(), review: need.by };
    }
    const findings = checkReply(reply.text, await this.context(c, em, reply.sentAt));
    if (findings.length > 0) {
      if (reply.confirm !== true)
        throw new UnprocessableEntityException({
          message: `the check before sending found ${findings.length === 1 ? 'a problem' : `${findings.length} problems`}: ${findings.map((f) => f.message).join(' ')} To record it anyway, send it again with "confirm": true.`,
          findings,
        });
      admission.findings = findings;
      admission.confirmed = true;
    }
    return admission;
  }

  /** The check before sending for a text on this case; changes nothing. 404 for an unknown case. */
  async check(caseId: number, text: string, now = new Date()): Promise<SendCheckFinding[]> {
    const c = await this.db.getRepository(TriageCase).findOneBy({ id: caseId });
    if (!c) throw new NotFoundException(`case ${caseId} does not exist`);
    return checkReply(text, await this.context(c, this.db.manager, now));
  }

  /** The platform, policy, posts and flags a reply on this case is checked against. */
  private async context(c: TriageCase, em: EntityManager, now: Date): Promise<SendCheckContext> {
    const links = await em.findBy(CaseMention, { caseId: c.id });
    const thread = await em.find(Mention, {
      select: { id: true, text: true, url: true, score: true },
      where: { id: In(links.map((l) => l.mentionId)) },
      order: { postedAt: 'ASC', id: 'ASC' },
    });
    // The platform the drafts are written for: the angriest post's.
    const post = thread.reduce<Mention | null>(
      (a, b) => (!a || (b.score ?? 0) > (a.score ?? 0) ? b : a),
      null,
    );
    const brand = this.rules.brand(c.brandId);
    return {
      platform: platformOf(c.source, post?.url ?? null),
      policy: this.rules.replyPolicy(c.brandId),
      post: thread.map((m) => m.text),
      flags: c.flags,
      brandName: brand?.name ?? c.brandId,
      now,
      timeZone: brand?.timeZone ?? 'UTC',
    };
  }
}
