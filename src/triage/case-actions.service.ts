import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CorrectionsService } from '../classifier/corrections/corrections.service';
import { CaseChange, CaseWriter } from './case-writer';
import { CaseMention } from './entities/case-mention.entity';
import { Compensation } from './entities/compensation.entity';
import { FollowUp } from './entities/follow-up.entity';
import { TriageCase } from './entities/triage-case.entity';
import {
  AssignBody,
  CompensationBody,
  EscalateBody,
  NoteBody,
  StatusBody,
  TagsBody,
} from './dto/case-action.bodies';
import { formatAmount, isCurrency, toMinorUnits } from './money';
import { allowedTransitions, canTransition, CaseStatus, isOpen } from './status/case-status';

/** The things a person does to a case: assign, move it along, note, tag, compensate, escalate. */
@Injectable()
export class CaseActions {
  constructor(
    private readonly writer: CaseWriter,
    private readonly corrections: CorrectionsService,
  ) {}

  assign(caseId: number, body: AssignBody, actor: string, now = new Date()): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, (c) => {
      const owner = body.owner ?? null;
      const team = body.team === undefined ? c.team : body.team;
      if (owner === c.owner && team === c.team) return { history: [] };
      c.owner = owner;
      c.team = team;
      return { history: [{ kind: 'assigned', note: body.note ?? null, data: { owner, team } }] };
    });
  }

  changeStatus(caseId: number, body: StatusBody, actor: string, now = new Date()): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, async (c, em) => {
      const from = c.status;
      const to = body.status;
      if (to === 'replied')
        throw new ConflictException({
          message: `record the reply with POST /api/cases/${c.id}/reply and the text actually sent, so its promises are kept`,
          allowed: allowedTransitions(from).filter((s) => s !== 'replied'),
        });
      if (!canTransition(from, to))
        throw new ConflictException({
          message: `a case cannot go from ${from} to ${to}; from ${from} it can go to ${allowedTransitions(from).join(', ')}`,
          allowed: allowedTransitions(from),
        });
      if (to === 'resolved') await this.refuseWhilePending(em, c);
      if (to === 'dismissed') await this.correctClassifier(em, c, actor, body.note);
      setStatus(c, to, now);
      return { history: [{ kind: 'status', fromStatus: from, toStatus: to, note: body.note ?? null }] };
    });
  }

  addNote(caseId: number, body: NoteBody, actor: string, now = new Date()): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, () => ({ history: [{ kind: 'note', note: body.text }] }));
  }

  setTags(caseId: number, body: TagsBody, actor: string, now = new Date()): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, (c) => {
      const remove = new Set((body.remove ?? []).map(normaliseTag));
      const tags = [...new Set([...c.tags, ...(body.add ?? []).map(normaliseTag)])].filter(
        (t) => !remove.has(t),
      );
      if (tags.length === c.tags.length && tags.every((t, i) => t === c.tags[i])) return { history: [] };
      c.tags = tags.sort();
      return { history: [{ kind: 'tags', data: { tags: c.tags } }] };
    });
  }

  addCompensation(
    caseId: number,
    body: CompensationBody,
    actor: string,
    now = new Date(),
  ): Promise<TriageCase> {
    const currency = body.currency.toUpperCase();
    if (!isCurrency(currency))
      throw new BadRequestException([`currency "${body.currency}" is not an ISO 4217 code`]);
    let amountMinor: number;
    try {
      amountMinor = toMinorUnits(body.amount, currency);
    } catch (err) {
      throw new BadRequestException([`amount: ${(err as Error).message}`]);
    }
    return this.writer.change(caseId, actor, now, async (c, em): Promise<CaseChange> => {
      const { identifiers } = await em.insert(Compensation, {
        caseId: c.id,
        kind: body.kind,
        amountMinor,
        currency,
        note: body.note ?? null,
        givenAt: now,
        givenBy: actor,
      });
      return {
        history: [
          {
            kind: 'compensation',
            note: `${body.kind} ${formatAmount(body.amount, currency)}${body.note ? `: ${body.note}` : ''}`,
            data: { compensationId: identifiers[0].id as number },
          },
        ],
      };
    });
  }

  /** By hand (the dashboard's "e"): hand the case up the chain with a reason. */
  escalate(caseId: number, body: EscalateBody, actor: string, now = new Date()): Promise<TriageCase> {
    return this.writer.change(caseId, actor, now, (c) => {
      const escalation = {
        rule: 'manual',
        team: body.team ?? null,
        owner: body.owner ?? null,
        reason: body.reason,
      };
      c.escalations = [...c.escalations, escalation];
      if (body.team) c.team = body.team;
      if (body.owner) c.owner = body.owner;
      return {
        history: [
          {
            kind: 'escalated',
            note: body.reason,
            data: { escalations: [escalation], team: c.team, owner: c.owner },
          },
        ],
      };
    });
  }

  /** The playbook: a case is not resolved until its follow-ups are done or waived. */
  private async refuseWhilePending(em: EntityManager, c: TriageCase): Promise<void> {
    const pending = await em.findBy(FollowUp, { caseId: c.id, status: 'pending' });
    if (pending.length === 0) return;
    throw new ConflictException({
      message: `case ${c.id} has ${pending.length} pending follow-up${pending.length === 1 ? '' : 's'}: mark ${pending.length === 1 ? 'it' : 'them'} done or waive with a reason first`,
      allowed: allowedTransitions(c.status).filter((s) => s !== 'resolved'),
      pendingFollowUps: pending.map((f) => ({ id: f.id, kind: f.kind, phrase: f.phrase, dueAt: f.dueAt })),
    });
  }

  /** "Not a complaint": every post in the thread is recorded as a correction, for the next training. */
  private async correctClassifier(
    em: EntityManager,
    c: TriageCase,
    actor: string,
    note?: string,
  ): Promise<void> {
    const thread = await em.findBy(CaseMention, { caseId: c.id });
    for (const m of thread)
      await this.corrections.recordIn(
        em,
        m.mentionId,
        { angry: false, note: note ?? `case ${c.id} dismissed` },
        actor,
      );
  }
}

/** Moves a case to a status, keeping the columns that follow from it in step. */
export function setStatus(c: TriageCase, to: CaseStatus, now: Date): void {
  c.status = to;
  c.isOpen = isOpen(to);
  c.resolvedAt = to === 'resolved' ? now : null;
}

function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase();
}
