import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Classification, ClassificationFlags, Intensity } from '../classifier/classifier.types';
import { LANGUAGE_NOT_ANALYSED } from '../classifier/language/classify-post';
import { insertOrIgnore } from '../database/insert-or-ignore';
import { placeholders } from '../database/placeholders';
import { updateRows } from '../database/update-rows';
import { HistoryEntry, recordHistories, SYSTEM_ACTOR } from './case-history';
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
  /**
   * When Defuse could first have seen the post: the first poll of its feed. The SLA clock starts at
   * the later of this and `postedAt`, so importing a feed's history opens no overdue cases. Absent
   * (a case opened by hand), the post's own time.
   */
  seenFrom?: Date | null;
  brandIds: string[];
  classification: Classification;
}

const EXCERPT_CHARS = 280;
const INTENSITY_RANK: Record<Intensity, number> = { low: 0, medium: 1, high: 2 };

/**
 * When a post's SLA clock starts: the later of its time and the first poll of its feed, never after
 * now (a post dated in the future, a skewed clock, starts when we saw it).
 */
export function clockStart(post: Pick<FlaggedMention, 'postedAt' | 'seenFrom'>, now: Date): Date {
  const seen = post.seenFrom ? post.seenFrom.getTime() : -Infinity;
  return new Date(Math.min(Math.max(post.postedAt.getTime(), seen), now.getTime()));
}

/** Who a post is from, for threading and author history: null when the platform gave no handle. */
export function authorKeyOf(source: string, handle: string | null | undefined): string | null {
  const h = handle?.trim().toLowerCase();
  return h ? `${source}:${h}` : null;
}

/** A case this page touches: a new one (no id until written) or a stored one that gains posts. */
interface Touched {
  c: TriageCase;
  isNew: boolean;
  mentionIds: number[];
  history: HistoryEntry[];
  reopened: boolean;
  /** A stored case whose tags this page changed (a post in a language nobody analysed joined it). */
  retagged?: boolean;
  /** Brands the case is about from now on besides the ones it was stored with (rows of case_other_brand). */
  addedBrands: string[];
}

/**
 * Flagged mentions into cases, inside the ingest transaction: a flagged post opens a case, unless the
 * same author already has a case about the same brand with a post inside the thread window; then it
 * joins that thread (and reopens the case if it was resolved). A dismissed case is never joined: a new
 * angry post after "not a complaint" deserves its own look.
 *
 * A whole page is worked out in memory first and written with a few multi-row statements: ingest
 * stores thousands of mentions a second, and row-by-row ORM saves here cut that fifteen-fold (measured).
 */
@Injectable()
export class CaseIntake {
  constructor(private readonly rules: TriageRules) {}

  async intake(em: EntityManager, flagged: FlaggedMention[], now: Date): Promise<TriageEvent[]> {
    if (flagged.length === 0) return [];
    const window = this.rules.settings.threadWindow;
    const posts = [...flagged].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    const { recent, repeats, brandsOf } = await this.authorCases(em, posts);
    const touched = new Map<TriageCase, Touched>();
    for (const post of posts) {
      const authorKey = authorKeyOf(post.source, post.authorHandle);
      const keyOf = (brandId: string) => `${authorKey}\u0000${brandId}`;
      // The author's latest case about any brand of the post, if the post falls in its thread window.
      let existing: TriageCase | undefined;
      if (authorKey)
        for (const brandId of post.brandIds) {
          const c = recent.get(keyOf(brandId));
          if (c && c.lastPostAt.getTime() >= post.postedAt.getTime() - window)
            if (!existing || c.lastPostAt > existing.lastPostAt) existing = c;
        }
      if (existing) {
        const t = touched.get(existing) ?? {
          c: existing,
          isNew: false,
          mentionIds: [],
          history: [],
          reopened: false,
          addedBrands: [],
        };
        touched.set(existing, t);
        this.join(t, post, now);
        const brands = brandsOf.get(existing) ?? new Set([existing.brandId]);
        brandsOf.set(existing, brands);
        for (const brandId of post.brandIds)
          if (!brands.has(brandId)) {
            brands.add(brandId);
            t.addedBrands.push(brandId);
            recent.set(keyOf(brandId), existing);
          }
      } else {
        // One case for all the post's brands: one clock, one owner. The stricter SLA sets the clock.
        const [brandId, ...others] = this.strictestFirst(post, now);
        const repeatKey = `${keyOf(brandId)}\u0000${post.classification.category}`;
        const repeatCount = authorKey ? (repeats.get(repeatKey) ?? 0) : 0;
        if (authorKey) repeats.set(repeatKey, repeatCount + 1);
        const c = this.open(post, brandId, authorKey, repeatCount, now);
        touched.set(c, {
          c,
          isNew: true,
          mentionIds: [post.mentionId],
          history: this.openingHistory(c),
          reopened: false,
          addedBrands: others,
        });
        brandsOf.set(c, new Set(post.brandIds));
        if (authorKey) for (const b of post.brandIds) recent.set(keyOf(b), c);
      }
    }
    for (const t of touched.values()) this.rules.applyPriority(t.c, now);
    return this.write(em, [...touched.values()], now);
  }

  /**
   * Every non-dismissed case of these posts' authors: the latest of each (author, brand) is the one a
   * post can join, and the counts per category are the repeats. Plain SQL and a light mapper: TypeORM's
   * find() spent as long on its IN-list parameters and hydration as SQLite spent on the query (measured).
   */
  private async authorCases(
    em: EntityManager,
    posts: FlaggedMention[],
  ): Promise<{
    recent: Map<string, TriageCase>;
    repeats: Map<string, number>;
    brandsOf: Map<TriageCase, Set<string>>;
  }> {
    const recent = new Map<string, TriageCase>();
    const repeats = new Map<string, number>();
    const brandsOf = new Map<TriageCase, Set<string>>();
    const latest = (key: string, c: TriageCase) => {
      const known = recent.get(key);
      if (!known || c.lastPostAt > known.lastPostAt) recent.set(key, c);
    };
    for (const keys of chunks(authorKeys(posts))) {
      const rows: Record<string, unknown>[] = await em.query(
        `SELECT * FROM "triage_case" WHERE "author_key" IN (${placeholders(em, keys.length)}) AND "status" <> 'dismissed'`,
        keys,
      );
      const cases = rows.map((r) => this.fromRow(em, r));
      for (const c of cases) {
        const key = `${c.authorKey}\u0000${c.brandId}`;
        latest(key, c);
        brandsOf.set(c, new Set([c.brandId]));
        const repeatKey = `${key}\u0000${c.category}`;
        repeats.set(repeatKey, (repeats.get(repeatKey) ?? 0) + 1);
      }
      // A case about several brands continues the thread for each of them.
      const byId = new Map(cases.map((c) => [c.id, c]));
      for (const ids of chunks([...byId.keys()])) {
        const others: { case_id: number; brand_id: string }[] = await em.query(
          `SELECT "case_id", "brand_id" FROM "case_other_brand" WHERE "case_id" IN (${placeholders(em, ids.length)})`,
          ids,
        );
        for (const o of others) {
          const c = byId.get(Number(o.case_id));
          if (!c) continue;
          brandsOf.get(c)?.add(o.brand_id);
          latest(`${c.authorKey}\u0000${o.brand_id}`, c);
        }
      }
    }
    return { recent, repeats, brandsOf };
  }

  /** The post's brands, the one whose SLA falls due first leading (ties keep the matcher's order). */
  private strictestFirst(post: FlaggedMention, now: Date): string[] {
    const start = clockStart(post, now);
    const due = new Map(post.brandIds.map((b) => [b, this.rules.clockFor(b).dueAt(start).getTime()]));
    return [...new Set(post.brandIds)].sort((a, b) => due.get(a)! - due.get(b)!);
  }

  private fromRow(em: EntityManager, row: Record<string, unknown>): TriageCase {
    const c = new TriageCase();
    const target = c as unknown as Record<string, unknown>;
    for (const col of em.connection.getMetadata(TriageCase).columns) {
      let value = row[col.databaseName];
      if (value !== null && value !== undefined) {
        if (col.type === 'simple-json') value = JSON.parse(value as string);
        else if (col.type === 'boolean') value = Boolean(value);
        else if (col.transformer && !Array.isArray(col.transformer)) value = col.transformer.from(value);
      } else value = null;
      target[col.propertyName] = value;
    }
    return c;
  }

  private open(
    post: FlaggedMention,
    brandId: string,
    authorKey: string | null,
    repeatCount: number,
    now: Date,
  ): TriageCase {
    const k = post.classification;
    const openedAt = clockStart(post, now);
    const escalations = this.rules.escalation.match({ ...k, reach: post.reach });
    const route = this.rules.escalation.route(escalations);
    return Object.assign(new TriageCase(), {
      brandId,
      source: post.source,
      authorKey,
      authorHandle: post.authorHandle,
      authorName: post.authorName,
      status: 'new',
      isOpen: true,
      owner: route.owner,
      team: route.team,
      tags: k.analysed === false ? [LANGUAGE_NOT_ANALYSED] : [],
      category: k.category,
      score: k.score,
      intensity: k.intensity,
      reach: post.reach,
      flags: k.flags,
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
    } satisfies Omit<TriageCase, 'id' | 'priority' | 'priorityFactors' | 'prioritySettled'>);
  }

  private openingHistory(c: TriageCase): HistoryEntry[] {
    const history: HistoryEntry[] = [
      {
        kind: 'opened',
        toStatus: 'new',
        note: c.repeatCount > 0 ? `repeat complaint (${c.repeatCount} before)` : null,
        data: { mentionId: c.firstMentionId },
      },
    ];
    if (c.escalations.length > 0)
      history.push({
        kind: 'escalated',
        note: c.escalations.map((e) => e.reason).join('; '),
        data: { escalations: c.escalations, team: c.team, owner: c.owner },
      });
    return history;
  }

  /** The post joins the case's thread: the case keeps the strongest signals of all its posts. */
  private join(t: Touched, post: FlaggedMention, now: Date): void {
    const c = t.c;
    const k = post.classification;
    t.mentionIds.push(post.mentionId);
    c.score = Math.max(c.score, k.score);
    if (INTENSITY_RANK[k.intensity] > INTENSITY_RANK[c.intensity]) c.intensity = k.intensity;
    if (post.reach !== null && (c.reach === null || post.reach > c.reach)) c.reach = post.reach;
    c.flags = mergeFlags(c.flags, k.flags);
    // A post nobody could read joins the thread: the case says so, as a case it had opened would.
    if (k.analysed === false && !c.tags.includes(LANGUAGE_NOT_ANALYSED)) {
      c.tags = [...c.tags, LANGUAGE_NOT_ANALYSED];
      if (!t.isNew) t.retagged = true;
      t.history.push({
        kind: 'tags',
        note: `post #${post.mentionId} is in a language not analysed for this brand`,
        data: { tags: c.tags },
      });
    }
    c.mentionCount += 1;
    if (post.postedAt > c.lastPostAt) c.lastPostAt = post.postedAt;
    c.updatedAt = now;
    if (c.status === 'resolved') {
      t.history.push({
        kind: 'reopened',
        fromStatus: 'resolved',
        toStatus: 'new',
        note: `new post #${post.mentionId}`,
      });
      t.reopened = true;
      c.status = 'new';
      c.isOpen = true;
      c.resolvedAt = null;
      // The new post waits for its own first response.
      const startsAt = clockStart(post, now);
      c.openedAt = startsAt;
      c.firstResponseDueAt = this.rules.clockFor(c.brandId).dueAt(startsAt);
      c.firstRespondedAt = null;
      c.slaBreachedAt = null;
    } else {
      t.history.push({
        kind: 'thread',
        note: `post #${post.mentionId} joined the thread`,
        data: { mentionId: post.mentionId },
      });
    }
    // New cues in the thread (a legal threat in the second post) can call for more people.
    const known = new Set(c.escalations.map((e) => e.rule));
    const added = this.rules.escalation.match(c).filter((e) => !known.has(e.rule));
    if (added.length > 0) {
      c.escalations = [...c.escalations, ...added];
      const route = this.rules.escalation.route(added);
      c.team = c.team ?? route.team;
      c.owner = c.owner ?? route.owner;
      t.history.push({
        kind: 'escalated',
        note: added.map((e) => e.reason).join('; '),
        data: { escalations: added, team: c.team, owner: c.owner },
      });
    }
  }

  private async write(em: EntityManager, touched: Touched[], now: Date): Promise<TriageEvent[]> {
    const fresh = touched.filter((t) => t.isNew);
    await insertOrIgnore(
      em,
      'triage_case',
      CASE_COLUMNS,
      fresh.map((t) => caseRow(t.c)),
      50,
    );
    for (const ids of chunks(fresh.map((t) => t.c.firstMentionId))) {
      const rows = await em.getRepository(TriageCase).find({
        select: { id: true, firstMentionId: true, brandId: true },
        where: { firstMentionId: In(ids) },
      });
      const byKey = new Map(rows.map((r) => [`${r.firstMentionId}\u0000${r.brandId}`, r.id]));
      for (const t of fresh) t.c.id = byKey.get(`${t.c.firstMentionId}\u0000${t.c.brandId}`) ?? t.c.id;
    }
    // SQLite rewrites every index on a column named in SET, changed or not: a plain thread join names
    // only what it can change; a reopening also moves the status and the SLA clock.
    const joined = touched.filter((t) => !t.isNew && !t.reopened);
    await updateRows(
      em,
      'triage_case',
      JOIN_COLUMNS,
      joined.map((t) => [t.c.id, ...joinedRow(t.c)]),
    );
    const reopened = touched.filter((t) => t.reopened);
    await updateRows(
      em,
      'triage_case',
      REOPEN_COLUMNS,
      reopened.map((t) => [t.c.id, ...joinedRow(t.c), ...reopenedRow(t.c)]),
    );
    // Tags change rarely on a join: their own statement, so a plain join does not rewrite them.
    await updateRows(
      em,
      'triage_case',
      ['tags'],
      touched.filter((t) => t.retagged).map((t) => [t.c.id, JSON.stringify(t.c.tags)]),
    );
    await insertOrIgnore(
      em,
      'case_other_brand',
      ['case_id', 'brand_id'],
      touched.flatMap((t) => t.addedBrands.map((b) => [t.c.id, b])),
    );
    const at = now.toISOString();
    await insertOrIgnore(
      em,
      'case_mention',
      ['case_id', 'mention_id', 'added_at'],
      touched.flatMap((t) => t.mentionIds.map((m) => [t.c.id, m, at])),
    );
    await recordHistories(
      em,
      now,
      SYSTEM_ACTOR,
      touched.flatMap((t) => t.history.map((entry) => ({ caseId: t.c.id, entry }))),
    );
    return touched.map((t): TriageEvent =>
      t.isNew
        ? { type: 'case.opened', caseId: t.c.id, brandId: t.c.brandId, priority: t.c.priority, at }
        : {
            type: 'case.changed',
            caseId: t.c.id,
            brandId: t.c.brandId,
            change: t.reopened ? 'reopened' : 'thread',
            at,
          },
    );
  }
}

const CASE_COLUMNS = [
  ...[
    'brand_id',
    'source',
    'author_key',
    'author_handle',
    'author_name',
    'status',
    'is_open',
    'owner',
    'team',
  ],
  ...[
    'tags',
    'category',
    'score',
    'intensity',
    'reach',
    'flags',
    'repeat_count',
    'priority',
    'priority_factors',
  ],
  ...['priority_settled', 'escalations', 'first_mention_id', 'excerpt', 'mention_count', 'opened_at'],
  ...['last_post_at', 'updated_at', 'first_response_due_at'],
];

/** A new case in CASE_COLUMNS order, in database form. */
function caseRow(c: TriageCase): unknown[] {
  return [
    ...[
      c.brandId,
      c.source,
      c.authorKey,
      c.authorHandle,
      c.authorName,
      c.status,
      c.isOpen ? 1 : 0,
      c.owner,
      c.team,
    ],
    ...[
      JSON.stringify(c.tags),
      c.category,
      c.score,
      c.intensity,
      c.reach,
      JSON.stringify(c.flags),
      c.repeatCount,
    ],
    ...[
      c.priority,
      JSON.stringify(c.priorityFactors),
      c.prioritySettled ? 1 : 0,
      JSON.stringify(c.escalations),
    ],
    ...[c.firstMentionId, c.excerpt, c.mentionCount, c.openedAt.toISOString(), c.lastPostAt.toISOString()],
    ...[c.updatedAt.toISOString(), c.firstResponseDueAt.toISOString()],
  ];
}

/** What joining a thread can change on a stored case. */
const JOIN_COLUMNS = [
  ...['owner', 'team', 'score', 'intensity', 'reach', 'flags', 'escalations', 'priority', 'priority_factors'],
  ...['priority_settled', 'mention_count', 'last_post_at', 'updated_at'],
];

/** A joined case's JOIN_COLUMNS, in database form. */
function joinedRow(c: TriageCase): unknown[] {
  return [
    ...[
      c.owner,
      c.team,
      c.score,
      c.intensity,
      c.reach,
      JSON.stringify(c.flags),
      JSON.stringify(c.escalations),
    ],
    ...[c.priority, JSON.stringify(c.priorityFactors), c.prioritySettled ? 1 : 0, c.mentionCount],
    ...[c.lastPostAt.toISOString(), c.updatedAt.toISOString()],
  ];
}

/** Reopening also changes these. */
const REOPEN_COLUMNS = [
  ...JOIN_COLUMNS,
  ...['status', 'is_open', 'opened_at', 'first_response_due_at', 'first_responded_at', 'sla_breached_at'],
  'resolved_at',
];

function reopenedRow(c: TriageCase): unknown[] {
  return [
    c.status,
    c.isOpen ? 1 : 0,
    c.openedAt.toISOString(),
    c.firstResponseDueAt.toISOString(),
    null,
    null,
    null,
  ];
}

function authorKeys(posts: FlaggedMention[]): string[] {
  return [...new Set(posts.map((p) => authorKeyOf(p.source, p.authorHandle)).filter((k) => k !== null))];
}

function* chunks<T>(items: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
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
