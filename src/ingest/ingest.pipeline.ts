import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFUSE_CONFIG } from '../config/config.module';
import { ClassifierService } from '../classifier/classifier.service';
import { Classification } from '../classifier/classifier.types';
import { DefuseConfig, FeedConfig } from '../config/config.schema';
import { insertOrIgnore } from '../database/insert-or-ignore';
import { placeholders } from '../database/placeholders';
import { WriteQueue } from '../database/write-queue';
import { CaseIntake, FlaggedMention } from '../triage/case-intake';
import { TriageEvents } from '../triage/triage.events';
import { InvalidItem, RawPost, SourcePage } from '../sources/source.types';
import { FeedState, PollCounts } from './entities/feed-state.entity';
import { BrandMatch, BrandMatcher } from './matching/brand-matcher';

export interface StoredPage {
  counts: PollCounts;
  /** Ids of mentions stored for the first time by this page. */
  newMentionIds: number[];
}

const SELECT_CHUNK = 900;

interface Matched {
  post: RawPost;
  matches: BrandMatch[];
  verdict: Classification;
}

/**
 * Turns one page from a source into stored mentions: validates, drops in-page duplicates, matches
 * brands, and writes the new mentions, their brand matches, the rejected items and the feed's new
 * cursor in ONE transaction, so a crash never leaves a page half stored or the cursor ahead of the data.
 */
@Injectable()
export class IngestPipeline {
  private readonly matcher: BrandMatcher;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: WriteQueue,
    private readonly classifier: ClassifierService,
    private readonly intake: CaseIntake,
    private readonly triageEvents: TriageEvents,
    @Inject(DEFUSE_CONFIG) config: DefuseConfig,
  ) {
    this.matcher = new BrandMatcher(config.brands);
  }

  /**
   * `fence`, when given, runs first inside the page's transaction; when it throws, nothing of the page is
   * written (PollService passes the feed lease's renewal).
   */
  async storePage(
    feed: FeedConfig,
    page: SourcePage,
    fetchedAt = new Date(),
    fence?: (em: EntityManager) => Promise<void>,
  ): Promise<StoredPage> {
    const counts: PollCounts = { new: 0, duplicate: 0, skipped: 0, invalid: page.invalid.length };
    const rejected: InvalidItem[] = [...page.invalid];
    const seen = new Set<string>();
    const version = this.classifier.version;
    const matched: Matched[] = [];
    for (const post of page.posts) {
      const problem = validatePost(post);
      if (problem) {
        counts.invalid++;
        rejected.push({ reason: problem, raw: post.raw ?? post });
        continue;
      }
      const key = `${post.source}\u0000${post.externalId}`;
      if (seen.has(key)) {
        counts.duplicate++;
        continue;
      }
      seen.add(key);
      const matches = this.matcher.match(post, feed.brands);
      if (matches.length === 0) counts.skipped++;
      // Classified before the write queue, so the database can store another page meanwhile (a post
      // that turns out to be stored already was classified for nothing, at ~17 µs).
      else
        matched.push({
          post,
          matches,
          verdict: this.classifier.classifyPost(
            post.text,
            post.language,
            matches.map((m) => m.brandId),
          ),
        });
    }

    const stored = await this.writes.run(() =>
      this.db.transaction(async (em) => {
        if (fence) await fence(em);
        const firstPolledAt =
          (await em.getRepository(FeedState).findOne({ where: { feedId: feed.id } }))?.firstPolledAt ?? null;
        const { newMentionIds, flagged } = await this.insertMentions(
          em,
          feed.id,
          matched,
          version,
          fetchedAt,
          counts,
          firstPolledAt ?? fetchedAt,
        );
        // Flagged posts open (or join) cases in the same transaction: a stored complaint always has its case.
        const events = await this.intake.intake(em, flagged, fetchedAt);
        if (rejected.length > 0) await this.insertRejected(em, feed.id, rejected, fetchedAt);
        await em.getRepository(FeedState).upsert(
          {
            feedId: feed.id,
            type: feed.type,
            cursor: page.next.cursor,
            etag: page.next.etag,
            lastModified: page.next.lastModified,
            // Set once, by the first page stored; later pages leave it as it is.
            ...(firstPolledAt ? {} : { firstPolledAt: fetchedAt }),
          },
          ['feedId'],
        );
        if (counts.new > 0) await em.increment(FeedState, { feedId: feed.id }, 'totalStored', counts.new);
        return { counts, newMentionIds, events };
      }),
    );
    this.triageEvents.publish(stored.events);
    return { counts: stored.counts, newMentionIds: stored.newMentionIds };
  }

  private async insertMentions(
    em: EntityManager,
    feedId: string,
    matched: Matched[],
    version: string,
    fetchedAt: Date,
    counts: PollCounts,
    seenFrom: Date,
  ): Promise<{ newMentionIds: number[]; flagged: FlaggedMention[] }> {
    if (matched.length === 0) return { newMentionIds: [], flagged: [] };
    const existing = await this.findIds(
      em,
      matched.map((m) => m.post),
    );
    const fresh = matched.filter((m) => !existing.has(keyOf(m.post)));
    counts.duplicate += matched.length - fresh.length;
    // Every new mention is classified as it arrives, and stored with the model's version.
    const verdicts = fresh.map((m) => m.verdict);
    const rows = fresh.map(({ post }, i) => toRow(post, feedId, fetchedAt, verdicts[i], version));
    await insertOrIgnore(em, 'mention', MENTION_COLUMNS, rows);
    // Only the rows just inserted need their ids looked up; the others were found above.
    const ids = new Map(existing);
    for (const [key, id] of await this.findIds(
      em,
      fresh.map((m) => m.post),
    ))
      ids.set(key, id);
    const newMentionIds: number[] = [];
    const flagged: FlaggedMention[] = [];
    fresh.forEach(({ post, matches }, i) => {
      const id = ids.get(keyOf(post));
      if (id === undefined) return;
      newMentionIds.push(id);
      // A post in a language nobody analysed opens a case too, so a person reads it.
      if (verdicts[i].angry || verdicts[i].analysed === false)
        flagged.push({
          mentionId: id,
          source: post.source,
          authorHandle: post.authorHandle?.slice(0, 256) ?? null,
          authorName: post.authorName?.slice(0, 256) ?? null,
          reach: Number.isFinite(post.reach) ? post.reach : null,
          text: post.text,
          postedAt: post.postedAt,
          seenFrom,
          brandIds: matches.map((m) => m.brandId),
          classification: verdicts[i],
        });
    });
    counts.new += newMentionIds.length;
    // Brand links are written for duplicates too: the same post may reach us through another brand's feed.
    const links = matched.flatMap(({ post, matches }) =>
      matches.map((match) => [ids.get(keyOf(post)), match.brandId, JSON.stringify(match.terms)]),
    );
    await insertOrIgnore(em, 'mention_brand', ['mention_id', 'brand_id', 'terms'], links);
    return { newMentionIds, flagged };
  }

  /** Ids of already stored mentions among these posts, keyed by source + externalId (plain SQL: hot path). */
  private async findIds(em: EntityManager, posts: RawPost[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const bySource = new Map<string, string[]>();
    for (const p of posts) {
      const ids = bySource.get(p.source);
      if (ids) ids.push(p.externalId);
      else bySource.set(p.source, [p.externalId]);
    }
    for (const [source, externalIds] of bySource) {
      for (let i = 0; i < externalIds.length; i += SELECT_CHUNK) {
        const chunk = externalIds.slice(i, i + SELECT_CHUNK);
        const rows: { id: number; external_id: string }[] = await em.query(
          `SELECT "id", "external_id" FROM "mention"
            WHERE "source" = ${placeholders(em, 1)} AND "external_id" IN (${placeholders(em, chunk.length, 1)})`,
          [source, ...chunk],
        );
        for (const r of rows) found.set(`${source}\u0000${r.external_id}`, r.id);
      }
    }
    return found;
  }

  private async insertRejected(
    em: EntityManager,
    feedId: string,
    items: InvalidItem[],
    at: Date,
  ): Promise<void> {
    const rows = items.map((item) => [
      feedId,
      item.reason.slice(0, 1000),
      safeJson(item.raw),
      at.toISOString(),
    ]);
    await insertOrIgnore(em, 'rejected_item', ['feed_id', 'reason', 'raw', 'rejected_at'], rows);
  }
}

function keyOf(post: RawPost): string {
  return `${post.source}\u0000${post.externalId}`;
}

/** The pipeline does not trust adapters blindly: a post it cannot store is rejected with a reason. */
function validatePost(post: RawPost): string | undefined {
  if (typeof post.source !== 'string' || post.source.length === 0 || post.source.length > 32)
    return 'missing or invalid source';
  if (typeof post.externalId !== 'string' || post.externalId.trim() === '') return 'missing external id';
  if (post.externalId.length > 512) return 'external id longer than 512 characters';
  if (typeof post.text !== 'string') return 'text is not a string';
  if (!(post.postedAt instanceof Date) || Number.isNaN(post.postedAt.getTime()))
    return 'invalid posted-at date';
  return undefined;
}

const MENTION_COLUMNS = [
  ...['source', 'external_id', 'feed_id', 'url', 'author_handle', 'author_name', 'reach', 'text', 'language'],
  ...['posted_at', 'fetched_at', 'raw'],
  ...['angry', 'score', 'intensity', 'category', 'reasons', 'flags', 'model_version'],
];

/** A mention row in MENTION_COLUMNS order, in database form (ISO text for times, see isoDate). */
function toRow(
  post: RawPost,
  feedId: string,
  fetchedAt: Date,
  c: Classification,
  modelVersion: string,
): unknown[] {
  return [
    post.source,
    post.externalId,
    feedId,
    webLink(post.url),
    post.authorHandle?.slice(0, 256) ?? null,
    post.authorName?.slice(0, 256) ?? null,
    Number.isFinite(post.reach) ? post.reach : null,
    post.text,
    post.language?.slice(0, 16) ?? null,
    post.postedAt.toISOString(),
    fetchedAt.toISOString(),
    safeJson(post.raw),
    c.angry ? 1 : 0,
    c.score,
    c.intensity,
    c.category,
    JSON.stringify(c.reasons),
    JSON.stringify(c.flags),
    modelVersion,
  ];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return JSON.stringify(String(value));
  }
}

/**
 * A post's link is shown to managers as "open the original": only an absolute http(s) URL is kept, so a
 * feed cannot plant `javascript:` or `data:` links (the raw item keeps whatever the feed said).
 */
export function webLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
