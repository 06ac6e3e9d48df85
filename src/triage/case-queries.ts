import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, Not, SelectQueryBuilder } from 'typeorm';
import { CATEGORIES } from '../classifier/classifier.types';
import { Mention } from '../ingest/entities/mention.entity';
import { composeReplies, Draft } from '../replies/reply-composer';
import { DEFAULT_REPLY_POLICY } from '../replies/reply-policy';
import { reviewView } from './case-review';
import { CaseSort, ListCasesQuery } from './dto/list-cases.query';
import { CaseEvent } from './entities/case-event.entity';
import { CaseMention } from './entities/case-mention.entity';
import { CaseOtherBrand } from './entities/case-other-brand.entity';
import { Compensation } from './entities/compensation.entity';
import { FollowUp } from './entities/follow-up.entity';
import { TriageCase } from './entities/triage-case.entity';
import { fromMinorUnits } from './money';
import { allowedTransitions } from './status/case-status';
import { TriageRules } from './triage-rules';
import { containsText, likePattern } from '../database/dialect';

export interface SlaView {
  dueAt: string;
  /** running: time left; overdue: unanswered past due; met / met_late: answered; stopped: closed unanswered. */
  state: 'running' | 'overdue' | 'met' | 'met_late' | 'stopped';
  /** Until due (negative when overdue); null once answered or closed. */
  remainingMs: number | null;
  breachedAt: string | null;
  hours: string;
}

const ORDER: Record<CaseSort, { column: string; dir: 'ASC' | 'DESC' }> = {
  priority: { column: 'priority', dir: 'DESC' },
  newest: { column: 'opened_at', dir: 'DESC' },
  oldest: { column: 'opened_at', dir: 'ASC' },
  sla: { column: 'first_response_due_at', dir: 'ASC' },
};

/** Reading the queue: the list with filters and keyset paging, and one case with everything around it. */
@Injectable()
export class CaseQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: TriageRules,
  ) {}

  async list(query: ListCasesQuery, now = new Date()) {
    const limit = query.limit ?? 50;
    const sort = query.sort ?? 'priority';
    const { column, dir } = ORDER[sort];
    const qb = this.db.getRepository(TriageCase).createQueryBuilder('c');
    const sharedWithBrand = query.brand ? await this.hasOtherBrandCases(query.brand) : false;
    this.filter(qb, query, now, sharedWithBrand);
    if (query.cursor) {
      const [value, id] = decodeCursor(query.cursor, sort);
      const cmp = dir === 'DESC' ? '<' : '>';
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`c.${column} ${cmp} :cv`, { cv: value })
            .orWhere(`c.${column} = :cv AND c.id ${cmp} :cid`, { cid: id }),
        ),
      );
    }
    const rows = await qb
      .orderBy(`c.${column}`, dir)
      .addOrderBy('c.id', dir)
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const lastValue =
      last &&
      (sort === 'priority' ? last.priority : sort === 'sla' ? last.firstResponseDueAt : last.openedAt);
    const others = await this.otherBrands(page.map((c) => c.id));
    return {
      items: page.map((c) => this.summary(c, now, others.get(c.id))),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(sort, lastValue instanceof Date ? lastValue.toISOString() : lastValue, last.id)
          : null,
    };
  }

  async detail(id: number, now = new Date()) {
    const c = await this.db.getRepository(TriageCase).findOneBy({ id });
    if (!c) throw new NotFoundException(`case ${id} does not exist`);
    const links = await this.db.getRepository(CaseMention).findBy({ caseId: id });
    const thread = await this.db.getRepository(Mention).find({
      where: { id: In(links.map((l) => l.mentionId)) },
      order: { postedAt: 'ASC', id: 'ASC' },
    });
    const [history, followUps, compensation, authorHistory, review] = await Promise.all([
      this.db.getRepository(CaseEvent).find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.db.getRepository(FollowUp).find({ where: { caseId: id }, order: { dueAt: 'ASC', id: 'ASC' } }),
      this.db.getRepository(Compensation).find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.authorHistory(c),
      reviewView(this.db.manager, c, this.rules),
    ]);
    const priority = this.rules.prioritise(c, now);
    const others = await this.otherBrands([c.id]);
    return {
      ...this.summary(c, now, others.get(c.id)),
      priority: { value: priority.value, factors: priority.factors },
      escalations: c.escalations,
      /** Who must approve the reply before it is marked replied, and the latest approval; null: nobody. */
      review,
      thread: thread.map((m) => ({
        mentionId: m.id,
        url: m.url,
        text: m.text,
        postedAt: m.postedAt.toISOString(),
        authorHandle: m.authorHandle,
        score: m.score,
        intensity: m.intensity,
        category: m.category,
        reasons: m.reasons ?? [],
        flags: m.flags,
      })),
      history: history.map((h) => ({
        at: h.at.toISOString(),
        actor: h.actor,
        kind: h.kind,
        from: h.fromStatus,
        to: h.toStatus,
        note: h.note,
        data: h.data,
      })),
      notes: history
        .filter((h) => h.kind === 'note')
        .map((h) => ({ at: h.at.toISOString(), by: h.actor, text: h.note })),
      followUps: followUps.map((f) => ({
        id: f.id,
        kind: f.kind,
        phrase: f.phrase,
        dueAt: f.dueAt.toISOString(),
        status: f.status,
        overdue: f.status === 'pending' && f.dueAt <= now,
        reason: f.reason,
        closedAt: f.closedAt?.toISOString() ?? null,
        closedBy: f.closedBy,
      })),
      compensation: compensation.map((x) => ({
        id: x.id,
        kind: x.kind,
        amount: fromMinorUnits(x.amountMinor, x.currency),
        currency: x.currency,
        note: x.note,
        givenAt: x.givenAt.toISOString(),
        givenBy: x.givenBy,
      })),
      authorHistory,
      drafts: this.drafts(c, thread),
    };
  }

  /** Whether any case whose own brand is another one is also about this brand (case_other_brand). */
  private async hasOtherBrandCases(brandId: string): Promise<boolean> {
    return (await this.db.getRepository(CaseOtherBrand).count({ where: { brandId }, take: 1 })) > 0;
  }

  private filter(
    qb: SelectQueryBuilder<TriageCase>,
    q: ListCasesQuery,
    now: Date,
    sharedWithBrand = false,
  ): void {
    const status = q.status ?? 'open';
    if (status === 'open') qb.andWhere('c.is_open = :open', { open: true });
    else if (status !== 'all') qb.andWhere('c.status IN (:...statuses)', { statuses: status.split(',') });
    if (q.ids) qb.andWhere('c.id IN (:...ids)', { ids: q.ids.split(',').map(Number) });
    // A case about several brands is in each brand's queue (case_other_brand holds the others). The OR
    // only when the brand has such cases: it takes SQLite off IDX_case_brand_queue (brand+category p99
    // 16 ms → 142 ms on the triage bench), and most brands share no case.
    if (q.brand && sharedWithBrand)
      qb.andWhere(
        '(c.brand_id = :brand OR c.id IN (SELECT case_id FROM case_other_brand WHERE brand_id = :brand))',
        { brand: q.brand },
      );
    else if (q.brand) qb.andWhere('c.brand_id = :brand', { brand: q.brand });
    if (q.category) qb.andWhere('c.category = :category', { category: q.category });
    if (q.source) qb.andWhere('c.source = :source', { source: q.source });
    if (q.team) qb.andWhere('c.team = :team', { team: q.team });
    if (q.owner === 'none') qb.andWhere('c.owner IS NULL');
    else if (q.owner) qb.andWhere('c.owner = :owner', { owner: q.owner });
    const iso = now.toISOString();
    if (q.overdue === true)
      qb.andWhere(
        `((c.first_responded_at IS NULL AND c.is_open = :open AND c.first_response_due_at <= :now)
          OR EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id AND f.status = 'pending' AND f.due_at <= :now))`,
        { now: iso, open: true },
      );
    else if (q.overdue === false)
      qb.andWhere(
        `NOT ((c.first_responded_at IS NULL AND c.is_open = :open AND c.first_response_due_at <= :now)
          OR EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id AND f.status = 'pending' AND f.due_at <= :now))`,
        { now: iso, open: true },
      );
    const text = q.q?.trim();
    if (text) this.search(qb, text);
  }

  /**
   * Text in the author or any post of the thread, case-insensitive. On SQLite the FTS5 trigram index
   * (src/database/text-search.ts) answers any search of three characters or more from the index; shorter
   * ones fall back to LIKE. On PostgreSQL, ILIKE, served by pg_trgm indexes from three characters.
   */
  private search(qb: SelectQueryBuilder<TriageCase>, text: string): void {
    if (this.db.options.type === 'sqlite' && [...text].length >= 3) {
      qb.andWhere('c.id IN (SELECT case_id FROM case_search WHERE case_search MATCH :phrase)', {
        phrase: `"${text.replace(/"/g, '""')}"`,
      });
      return;
    }
    const has = (column: string) => containsText(this.db, column, ':like');
    qb.andWhere(
      `(${has('c.author_handle')} OR ${has('c.author_name')}
        OR EXISTS (SELECT 1 FROM case_mention cm JOIN mention m ON m.id = cm.mention_id
                    WHERE cm.case_id = c.id AND ${has('m.text')}))`,
      { like: likePattern(text) },
    );
  }

  /** The brands each case is about besides its own (a post that matched several brands). */
  private async otherBrands(caseIds: number[]): Promise<Map<number, string[]>> {
    const byCase = new Map<number, string[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await this.db.getRepository(CaseOtherBrand).find({
      where: { caseId: In(caseIds) },
      order: { brandId: 'ASC' },
    });
    for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r.brandId]);
    return byCase;
  }

  summary(c: TriageCase, now: Date, otherBrands: string[] = []) {
    return {
      id: c.id,
      /** The brand whose SLA the case runs on (the stricter one when the post matched several). */
      brand: c.brandId,
      /** Every brand the case is about, `brand` first. */
      brands: [c.brandId, ...otherBrands],
      source: c.source,
      status: c.status,
      /** The statuses this case may move to (to "replied" only through POST /api/cases/:id/reply). */
      allowedMoves: allowedTransitions(c.status),
      owner: c.owner,
      team: c.team,
      tags: c.tags,
      category: c.category,
      categoryLabel: CATEGORIES[c.category],
      score: c.score,
      intensity: c.intensity,
      priority: c.priority,
      author: { handle: c.authorHandle, name: c.authorName, reach: c.reach },
      firstLine: firstLine(c.excerpt),
      mentionCount: c.mentionCount,
      repeatComplaint: c.repeatCount > 0,
      repeatCount: c.repeatCount,
      escalated: c.escalations.length > 0,
      openedAt: c.openedAt.toISOString(),
      lastPostAt: c.lastPostAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      sla: this.sla(c, now),
    };
  }

  private sla(c: TriageCase, now: Date): SlaView {
    const base = {
      dueAt: c.firstResponseDueAt.toISOString(),
      breachedAt: c.slaBreachedAt?.toISOString() ?? null,
      hours: this.rules.clockFor(c.brandId).describe(),
    };
    if (c.firstRespondedAt)
      return {
        ...base,
        state: c.slaBreachedAt || c.firstRespondedAt > c.firstResponseDueAt ? 'met_late' : 'met',
        remainingMs: null,
      };
    if (!c.isOpen) return { ...base, state: 'stopped', remainingMs: null };
    const remainingMs = c.firstResponseDueAt.getTime() - now.getTime();
    return { ...base, state: remainingMs < 0 ? 'overdue' : 'running', remainingMs };
  }

  /** Earlier cases and posts of the same author: how they ended, and whether this complaint is a repeat. */
  private async authorHistory(c: TriageCase) {
    if (!c.authorKey || !c.authorHandle) return { cases: [], mentions: [], repeat: null };
    const cases = await this.db.getRepository(TriageCase).find({
      where: { authorKey: c.authorKey, id: Not(c.id) },
      order: { openedAt: 'DESC', id: 'DESC' },
      take: 20,
    });
    const mentions = await this.db.getRepository(Mention).find({
      select: { id: true, postedAt: true, text: true, url: true, angry: true, category: true },
      where: { source: c.source, authorHandle: c.authorHandle },
      order: { postedAt: 'DESC', id: 'DESC' },
      take: 20,
    });
    return {
      cases: cases.map((x) => ({
        id: x.id,
        brand: x.brandId,
        category: x.category,
        status: x.status,
        openedAt: x.openedAt.toISOString(),
        resolvedAt: x.resolvedAt?.toISOString() ?? null,
        firstLine: firstLine(x.excerpt),
      })),
      mentions: mentions.map((m) => ({
        id: m.id,
        postedAt: m.postedAt.toISOString(),
        firstLine: firstLine(m.text),
        url: m.url,
        angry: m.angry,
        category: m.category,
      })),
      repeat:
        c.repeatCount > 0
          ? {
              count: c.repeatCount,
              category: c.category,
              note: `${ordinal(c.repeatCount + 1)} ${CATEGORIES[c.category]} complaint from this author about ${c.brandId}`,
            }
          : null,
    };
  }

  private drafts(c: TriageCase, thread: Mention[]): Draft[] {
    if (thread.length === 0) return [];
    // The angriest post speaks for the thread; the case carries the strongest signals of all of them.
    const post = thread.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a));
    const brand = this.rules.brand(c.brandId);
    return composeReplies({
      caseKey: `case:${c.id}`,
      text: post.text,
      platform: platformOf(c.source, post.url),
      author: c.authorHandle,
      brandName: brand?.name ?? c.brandId,
      policy: brand?.replies ?? DEFAULT_REPLY_POLICY,
      classification: {
        angry: true,
        score: c.score,
        intensity: c.intensity,
        category: c.category,
        reasons: post.reasons ?? [],
        flags: c.flags,
      },
      agentInitials: this.rules.initialsOf(c.owner),
      reach: c.reach,
    });
  }
}

/** The platform whose length rules a reply follows: feeds carrying X posts count as X. */
export function platformOf(source: string, url: string | null): string {
  if (source === 'mastodon' || source === 'bluesky' || source === 'reddit') return source;
  if (url && /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\//i.test(url)) return 'x';
  return 'other';
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The sort travels in the cursor, so a cursor is never read against another order. */
function encodeCursor(sort: CaseSort, value: number | string, id: number): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: CaseSort): [number | string, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      (typeof parsed[1] === 'number' || typeof parsed[1] === 'string') &&
      Number.isInteger(parsed[2])
    )
      return [parsed[1], parsed[2] as number];
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException([
    'cursor is not one this API gave out; use the nextCursor of the previous page, with the same sort',
  ]);
}
