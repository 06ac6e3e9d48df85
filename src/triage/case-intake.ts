import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThanOrEqual, Not } from 'typeorm';
import { Classification, ClassificationFlags, Intensity } from '../classifier/classifier.types';
import { HistoryEntry, recordHistory, SYSTEM_ACTOR } from './case-history';
import { CaseMention } from './entities/case-mention.entity';
import { TriageCase } from './entities/triage-case.entity';
import { TriageEvent } from './triage.events';
import { TriageRules } from './triage-rules';

/** A newly stored mention the classifier flagged, with the brands it matched. */
export interface FlaggedMention {
  mentionId: number;
  source: string;
  authorHandle: string | null;
  authorName: string | null;
  reach: number | null;
  text: string;
  postedAt: Date;
  brandIds: string[];
  classification: Classification;
}

const EXCERPT_CHARS = 280;
const INTENSITY_RANK: Record<Intensity, number> = { low: 0, medium: 1, high: 2 };

/** Who a post is from, for threading and author history: null when the platform gave no handle. */
export function authorKeyOf(source: string, handle: string | null | undefined): string | null {
  const h = handle?.trim().toLowerCase();
  return h ? `${source}:${h}` : null;
}

/**
 * Flagged mentions into cases, inside the ingest transaction: a flagged post opens a case, unless the
 * same author already has a case about the same brand with a post inside the thread window; then it
 * joins that thread (and reopens the case if it was resolved). A dismissed case is never joined: a new
 * angry post after "not a complaint" deserves its own look.
 */
@Injectable()
export class CaseIntake {
  constructor(private readonly rules: TriageRules) {}

  async intake(em: EntityManager, flagged: FlaggedMention[], now: Date): Promise<TriageEvent[]> {
    if (flagged.length === 0) return [];
    const window = this.rules.settings.threadWindow;
    const posts = [...flagged].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    const recent = await this.recentCases(em, posts, window);
    const events: TriageEvent[] = [];
    for (const post of posts) {
      const authorKey = authorKeyOf(post.source, post.authorHandle);
      for (const brandId of post.brandIds) {
        const key = `${authorKey}\u0000${brandId}`;
        const open = authorKey ? recent.get(key) : undefined;
        if (open && open.lastPostAt.getTime() >= post.postedAt.getTime() - window) {
          events.push(...(await this.join(em, open, post, now)));
        } else {
          const created = await this.open(em, post, brandId, authorKey, now);
          if (authorKey) recent.set(key, created.case);
          events.push(...created.events);
        }
      }
    }
    return events;
  }

  /** The latest non-dismissed case of each (author, brand) among these posts that a post could join. */
  private async recentCases(
    em: EntityManager,
    posts: FlaggedMention[],
    window: number,
  ): Promise<Map<string, TriageCase>> {
    const keys = [
      ...new Set(posts.map((p) => authorKeyOf(p.source, p.authorHandle)).filter((k) => k !== null)),
    ];
    const found = new Map<string, TriageCase>();
    if (keys.length === 0) return found;
    const since = new Date(posts[0].postedAt.getTime() - window);
    for (let i = 0; i < keys.length; i += 500) {
      const cases = await em.getRepository(TriageCase).find({
        where: {
          authorKey: In(keys.slice(i, i + 500)),
          status: Not('dismissed'),
          lastPostAt: MoreThanOrEqual(since),
        },
        order: { lastPostAt: 'ASC' },
      });
      for (const c of cases) found.set(`${c.authorKey}\u0000${c.brandId}`, c);
    }
    return found;
  }

  private async open(
    em: EntityManager,
    post: FlaggedMention,
    brandId: string,
    authorKey: string | null,
    now: Date,
  ): Promise<{ case: TriageCase; events: TriageEvent[] }> {
    const c = post.classification;
    // A post dated in the future (a skewed clock) starts its SLA when we saw it.
    const openedAt = new Date(Math.min(post.postedAt.getTime(), now.getTime()));
    const repeatCount = authorKey
      ? await em
          .getRepository(TriageCase)
          .countBy({ authorKey, brandId, category: c.category, status: Not('dismissed') })
      : 0;
    const escalations = this.rules.escalation.match({ ...c, reach: post.reach });
    const route = this.rules.escalation.route(escalations);
    const row = em.create(TriageCase, {
      brandId,
      source: post.source,
      authorKey,
      authorHandle: post.authorHandle,
      authorName: post.authorName,
      status: 'new',
      isOpen: true,
      owner: route.owner,
      team: route.team,
      tags: [],
      category: c.category,
      score: c.score,
      intensity: c.intensity,
      reach: post.reach,
      flags: c.flags,
      repeatCount,
      escalations,
      firstMentionId: post.mentionId,
      excerpt: post.text.slice(0, EXCERPT_CHARS),
      mentionCount: 1,
      openedAt,
      lastPostAt: post.postedAt,
      updatedAt: now,
      firstResponseDueAt: this.rules.clockFor(brandId).dueAt(openedAt),
      firstRespondedAt: null,
      slaBreachedAt: null,
      repliedAt: null,
      resolvedAt: null,
    });
    this.rules.applyPriority(row, now);
    const { identifiers } = await em.insert(TriageCase, row);
    row.id = identifiers[0].id as number;
    await em.insert(CaseMention, { caseId: row.id, mentionId: post.mentionId, addedAt: now });
    const history: HistoryEntry[] = [
      {
        kind: 'opened',
        toStatus: 'new',
        note: repeatCount > 0 ? `repeat complaint (${repeatCount} before)` : null,
      },
    ];
    if (escalations.length > 0)
      history.push({
        kind: 'escalated',
        note: escalations.map((e) => e.reason).join('; '),
        data: { escalations },
      });
    await recordHistory(em, row.id, now, SYSTEM_ACTOR, history);
    return {
      case: row,
      events: [
        { type: 'case.opened', caseId: row.id, brandId, priority: row.priority, at: now.toISOString() },
      ],
    };
  }

  private async join(
    em: EntityManager,
    c: TriageCase,
    post: FlaggedMention,
    now: Date,
  ): Promise<TriageEvent[]> {
    await em.insert(CaseMention, { caseId: c.id, mentionId: post.mentionId, addedAt: now });
    const k = post.classification;
    c.score = Math.max(c.score, k.score);
    if (INTENSITY_RANK[k.intensity] > INTENSITY_RANK[c.intensity]) c.intensity = k.intensity;
    if (post.reach !== null && (c.reach === null || post.reach > c.reach)) c.reach = post.reach;
    c.flags = mergeFlags(c.flags, k.flags);
    c.mentionCount += 1;
    if (post.postedAt > c.lastPostAt) c.lastPostAt = post.postedAt;
    c.updatedAt = now;
    const history: HistoryEntry[] = [];
    const reopen = c.status === 'resolved';
    if (reopen) {
      history.push({
        kind: 'reopened',
        fromStatus: 'resolved',
        toStatus: 'new',
        note: `new post #${post.mentionId}`,
      });
      c.status = 'new';
      c.isOpen = true;
      c.resolvedAt = null;
      // The new post waits for its own first response.
      const startsAt = new Date(Math.min(post.postedAt.getTime(), now.getTime()));
      c.openedAt = startsAt;
      c.firstResponseDueAt = this.rules.clockFor(c.brandId).dueAt(startsAt);
      c.firstRespondedAt = null;
      c.slaBreachedAt = null;
    } else {
      history.push({ kind: 'thread', note: `post #${post.mentionId} joined the thread` });
    }
    // New cues in the thread (a legal threat in the second post) can call for more people.
    const known = new Set(c.escalations.map((e) => e.rule));
    const added = this.rules.escalation.match(c).filter((e) => !known.has(e.rule));
    if (added.length > 0) {
      c.escalations = [...c.escalations, ...added];
      const route = this.rules.escalation.route(added);
      c.team = c.team ?? route.team;
      c.owner = c.owner ?? route.owner;
      history.push({
        kind: 'escalated',
        note: added.map((e) => e.reason).join('; '),
        data: { escalations: added },
      });
    }
    this.rules.applyPriority(c, now);
    await em.save(TriageCase, c);
    await recordHistory(em, c.id, now, SYSTEM_ACTOR, history);
    return [
      {
        type: 'case.changed',
        caseId: c.id,
        brandId: c.brandId,
        change: reopen ? 'reopened' : 'thread',
        at: now.toISOString(),
      },
    ];
  }
}

function mergeFlags(a: ClassificationFlags, b: ClassificationFlags): ClassificationFlags {
  return {
    legalThreat: a.legalThreat || b.legalThreat,
    safetyRisk: a.safetyRisk || b.safetyRisk,
    churnThreat: a.churnThreat || b.churnThreat,
    pressOrInfluencer: a.pressOrInfluencer || b.pressOrInfluencer,
    personalStakes: [...new Set([...a.personalStakes, ...b.personalStakes])],
  };
}
