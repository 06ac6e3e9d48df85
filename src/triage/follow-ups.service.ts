import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { extractPromises } from '../replies/promise-extractor';
import { setStatus } from './case-actions.service';
import { breachEntry, HistoryEntry } from './case-history';
import { CaseChange, CaseWriter } from './case-writer';
import { FollowUpDoneBody, ReplyBody, WaiveBody } from './dto/case-action.bodies';
import { FollowUp } from './entities/follow-up.entity';
import { TriageCase } from './entities/triage-case.entity';
import { ReplyGate } from './reply-gate';
import { allowedTransitions, canMarkReplied } from './status/case-status';
import { TriageEvent } from './triage.events';
import { TriageRules } from './triage-rules';

export type FollowUpWhen = 'overdue' | 'due' | 'pending';

/**
 * Keeping promises (the playbook, section 4): the reply as sent is recorded, every time it promised
 * becomes a due date, a check-in is due some days later, and a case waits for them before resolving.
 */
@Injectable()
export class FollowUps {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: CaseWriter,
    private readonly rules: TriageRules,
    private readonly gate: ReplyGate,
  ) {}

  markReplied(caseId: number, body: ReplyBody, actor: string, now = new Date()): Promise<TriageCase> {
    const sentAt = body.sentAt ? new Date(body.sentAt) : now;
    return this.writer.change(caseId, actor, now, async (c, em): Promise<CaseChange> => {
      if (!canMarkReplied(c.status))
        throw new ConflictException({
          message: `a ${c.status} case cannot be marked replied; reopen it first (from ${c.status} it can go to ${allowedTransitions(c.status).join(', ')})`,
          allowed: allowedTransitions(c.status),
        });
      // A held case needs an approval of this very text (409); a text with findings a confirmation (422).
      const admission = await this.gate.admit(c, em, { text: body.text, confirm: body.confirm, sentAt });
      const history: HistoryEntry[] = [];
      const events: TriageEvent[] = [];
      if (!c.firstRespondedAt) {
        c.firstRespondedAt = sentAt;
        if (sentAt > c.firstResponseDueAt && !c.slaBreachedAt) {
          // Answered late, before the clock job noticed: the breach is still recorded.
          c.slaBreachedAt = c.firstResponseDueAt;
          history.push(breachEntry(c));
          events.push({
            type: 'sla.breached',
            caseId: c.id,
            brandId: c.brandId,
            dueAt: c.firstResponseDueAt.toISOString(),
          });
        }
      }
      c.repliedAt = sentAt;
      const timeZone = this.rules.brand(c.brandId)?.timeZone ?? 'UTC';
      const promises = extractPromises(body.text, sentAt, timeZone);
      // A new check-in replaces the one an earlier reply set; promised times all stay owed.
      await em.update(
        FollowUp,
        { caseId: c.id, kind: 'check_in', status: 'pending' },
        {
          status: 'waived',
          reason: `superseded by the reply of ${sentAt.toISOString()}`,
          closedAt: now,
          closedBy: actor,
        },
      );
      const rows = [
        ...promises.map((p) => ({ kind: 'promise' as const, phrase: p.phrase, dueAt: p.due })),
        {
          kind: 'check_in' as const,
          phrase: null,
          dueAt: new Date(sentAt.getTime() + this.rules.settings.followUpAfter),
        },
      ];
      await em.insert(
        FollowUp,
        rows.map((r) => ({
          ...r,
          caseId: c.id,
          status: 'pending' as const,
          reason: null,
          createdAt: now,
          closedAt: null,
          closedBy: null,
          announcedAt: null,
        })),
      );
      const from = c.status;
      setStatus(c, 'replied', now);
      const notes = [
        promises.length > 0 ? `promised: ${promises.map((p) => p.phrase).join('; ')}` : null,
        admission.approval
          ? `text approved by ${admission.approval.by} (${admission.approval.review} review)`
          : null,
        admission.findings
          ? `sent despite the check before sending: ${admission.findings.map((f) => f.rule).join(', ')}`
          : null,
      ].filter((n): n is string => n !== null);
      history.push({
        kind: 'replied',
        fromStatus: from,
        toStatus: 'replied',
        note: notes.length > 0 ? notes.join('; ') : null,
        data: {
          text: body.text,
          promises: promises.map((p) => ({ phrase: p.phrase, due: p.due.toISOString() })),
          ...admission,
        },
      });
      return { history, events };
    });
  }

  complete(
    caseId: number,
    followUpId: number,
    body: FollowUpDoneBody,
    actor: string,
    now = new Date(),
  ): Promise<TriageCase> {
    return this.close(caseId, followUpId, 'done', body.note ?? null, actor, now);
  }

  waive(
    caseId: number,
    followUpId: number,
    body: WaiveBody,
    actor: string,
    now = new Date(),
  ): Promise<TriageCase> {
    return this.close(caseId, followUpId, 'waived', body.reason, actor, now);
  }

  /** Pending follow-ups: overdue (past due), due (within the next 24 hours or past), or all pending. */
  async list(when: FollowUpWhen, now = new Date()): Promise<(FollowUp & { overdue: boolean })[]> {
    const until =
      when === 'overdue' ? now : when === 'due' ? new Date(now.getTime() + 86_400_000) : undefined;
    const rows = await this.db.getRepository(FollowUp).find({
      where: { status: 'pending', ...(until ? { dueAt: LessThanOrEqual(until) } : {}) },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: 500,
    });
    return rows.map((f) => Object.assign(f, { overdue: f.dueAt <= now }));
  }

  private close(
    caseId: number,
    followUpId: number,
    outcome: 'done' | 'waived',
    reason: string | null,
    actor: string,
    now: Date,
  ): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, async (c, em) => {
      const f = await em.findOneBy(FollowUp, { id: followUpId, caseId: c.id });
      if (!f) throw new NotFoundException(`follow-up ${followUpId} does not exist on case ${caseId}`);
      if (f.status !== 'pending')
        throw new ConflictException({ message: `follow-up ${followUpId} is already ${f.status}` });
      f.status = outcome;
      f.reason = reason;
      f.closedAt = now;
      f.closedBy = actor;
      await em.save(FollowUp, f);
      const what = f.phrase ? `"${f.phrase}"` : 'check-in';
      return {
        history: [
          {
            kind: outcome === 'done' ? 'follow_up_done' : 'follow_up_waived',
            note: reason ? `${what}: ${reason}` : what,
            data: { followUpId: f.id },
          },
        ],
      };
    });
  }
}
