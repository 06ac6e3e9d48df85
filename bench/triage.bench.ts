import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { ComplaintClassifier, DEFAULT_MODEL_PATH } from '../src/classifier/complaint-classifier';
import { Category, CATEGORY_IDS, Classification } from '../src/classifier/classifier.types';
import { loadHeldOutSets, loadTrainingSet } from '../src/classifier/training/corpus';
import { mulberry32 } from '../src/classifier/model/hashing';
import { configSchema } from '../src/config/config.schema';
import { dataSourceOptions } from '../src/database/data-source.options';
import { composeReplies, ComposeInput } from '../src/replies/reply-composer';
import { DEFAULT_REPLY_POLICY } from '../src/replies/reply-policy';
import { authorKeyOf } from '../src/triage/case-intake';
import { CaseQueries } from '../src/triage/case-queries';
import { ListMentionsQuery } from '../src/ingest/dto/list-mentions.query';
import { MentionsService } from '../src/ingest/mentions.service';
import { ListCasesQuery } from '../src/triage/dto/list-cases.query';
import { CaseStatus, isOpen } from '../src/triage/status/case-status';
import { TriageRules } from '../src/triage/triage-rules';

const MENTIONS = 1_000_000;
const CASES = 100_000;
const LIST_CALLS = 1000;
const LIST_WARMUP = 50;
const DETAIL_CALLS = 200;
const DRAFT_TEXTS = 5000;
const DRAFT_PLATFORMS = ['x', 'bluesky', 'mastodon', 'reddit'];
const LIST_P99_TARGET_MS = 20;
/** SQLite's default limit on the parameters of one statement. */
const MAX_PARAMS = 999;
/** Rows per write transaction while building. */
const ROWS_PER_TRANSACTION = 50_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The mentions cover the 30 days before "now", one every 2.6 s. */
const SPAN = 30 * DAY;
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const START = NOW.getTime() - SPAN;
const STEP = SPAN / MENTIONS;

const BRANDS = [
  { id: 'acme', name: 'Acme', weight: 35 },
  { id: 'globex', name: 'Globex', weight: 25 },
  { id: 'initech', name: 'Initech', weight: 18 },
  { id: 'umbrella', name: 'Umbrella', weight: 14 },
  { id: 'hooli', name: 'Hooli', weight: 8 },
] as const;
type BrandId = (typeof BRANDS)[number]['id'];

const SOURCES = [
  ['feed', 30],
  ['mastodon', 22],
  ['bluesky', 22],
  ['reddit', 18],
  ['hackernews', 8],
] as const;
type Source = (typeof SOURCES)[number][0];

/** Complaints by kind; the corpus is mostly "other", so each case takes a text the classifier put in its category. */
const CATEGORY_WEIGHTS: Record<Category, number> = {
  delivery: 20,
  billing: 16,
  outage: 14,
  product_quality: 12,
  customer_service: 14,
  account_access: 8,
  pricing: 6,
  safety_legal: 2,
  other: 8,
};

const PEOPLE = [
  { id: 'ana', initials: 'AK', team: 'care' },
  { id: 'ben', initials: 'BO', team: 'care' },
  { id: 'chloe', initials: 'CD', team: 'care' },
  { id: 'dev', initials: 'DP', team: 'care' },
  { id: 'erin', initials: 'EM', team: 'billing' },
  { id: 'femi', initials: 'FA', team: 'billing' },
  { id: 'gus', initials: 'GS', team: 'legal' },
  { id: 'hana', initials: 'HN', team: 'comms' },
];

/** Words a manager searches the threads for: frequent to rare (shares are printed). */
const SEARCH_WORDS = ['cancelled', 'delayed', 'refund', 'luggage', 'worst', 'wedding'];

interface Pooled {
  text: string;
  classification: Classification;
}

interface CaseSpec {
  id: number;
  brand: BrandId;
  author: number;
  source: Source;
  category: Category;
  /** Mention ids of the thread, first (oldest) first. */
  mentions: number[];
  /** Pool index of each thread post. */
  texts: number[];
}

/**
 * The triage queue at scale: a real SQLite file (migrations run) with 1,000,000 mentions and 100,000
 * cases, then CaseQueries.list (the manager's queue, a rotating mix of filters), CaseQueries.detail and
 * reply drafting. The data is generated from a fixed seed, so runs compare; nothing is kept between runs.
 */
export async function benchTriage(): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {};
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const sampler = setInterval(sample, 20);
  const dir = mkdtempSync(join(tmpdir(), 'defuse-bench-triage-'));
  const dbPath = join(dir, 'triage.sqlite');
  let db: DataSource | undefined;
  try {
    const { config, pool, built, buildSeconds, ...opened } = await buildTriageDatabase(dbPath, sample);
    db = opened.db;
    const rules = new TriageRules(config);
    Object.assign(figures, {
      'triage: build seconds (migrations + inserts)': buildSeconds.toFixed(1),
      'triage: build seconds by table (generate + insert)': [...tableSeconds]
        .map(([table, seconds]) => `${table} ${seconds.toFixed(1)}`)
        .join(', '),
      'triage: mentions': MENTIONS,
      'triage: cases': CASES,
      'triage: case_mention links': built.links,
      'triage: open cases': built.open,
      'triage: pending follow-ups (overdue)': `${built.pendingFollowUps} (${built.overdueFollowUps})`,
      'triage: database MB (file + WAL)': Math.round(fileSize(dbPath) / 1024 / 1024),
      'triage: q words (share of cases whose thread has it)': built.wordShares,
    });

    const queries = new CaseQueries(db, rules);
    Object.assign(figures, await benchList(db, queries));
    sample();
    Object.assign(figures, await benchDetail(queries));
    sample();
    Object.assign(figures, await benchMentions(new MentionsService(db)));
    sample();
    Object.assign(figures, benchDrafts(pool, config.brands));
  } finally {
    if (db?.isInitialized) await db.destroy();
    rmSync(dir, { recursive: true, force: true });
    clearInterval(sampler);
  }
  sample();
  figures['triage: peak RSS MB'] = Math.round(peakRss / 1024 / 1024);
  return figures;
}

/**
 * The bench database (1,000,000 mentions, 100,000 cases, fixed seed) in a new SQLite file, left open;
 * the dashboard bench serves the page over the same data.
 */
export async function buildTriageDatabase(dbPath: string, sample: () => void = () => undefined) {
  const classifier = ComplaintClassifier.load(DEFAULT_MODEL_PATH);
  const pool = loadPool(classifier);
  sample();
  const config = benchConfig(dbPath);
  tableSeconds.clear();
  const buildStarted = process.hrtime.bigint();
  const db = new DataSource(dataSourceOptions(dbPath));
  await db.initialize();
  const built = await build(db, new TriageRules(config), pool);
  const buildSeconds = Number(process.hrtime.bigint() - buildStarted) / 1e9;
  sample();
  return { db, config, pool, built, buildSeconds };
}

/**
 * `npm run bench -- replies`: the drafting figure alone, on the same 5,000 complaints × 4 platforms as the
 * triage bench, without building the 1M-mention database first.
 */
export function benchReplies(): Record<string, string | number> {
  const pool = loadPool(ComplaintClassifier.load(DEFAULT_MODEL_PATH));
  return benchDrafts(pool, benchConfig(join(tmpdir(), 'defuse-bench-replies.sqlite')).brands);
}

/** `extra`: more top-level config keys (the dashboard bench adds a feed, auth and polling). */
export function benchConfig(path: string, extra: Record<string, unknown> = {}) {
  return configSchema.parse({
    ...extra,
    database: { path },
    brands: BRANDS.map((b, i) => ({
      id: b.id,
      name: b.name,
      query: { any: [b.id], handles: [`@${b.id}`] },
      // Three brands with a reply policy, two on the default; SLA targets from 1 h to 24 h, two in business hours.
      replies:
        i < 3
          ? {
              dmHandle: `@${b.name}Help`,
              email: i === 1 ? `help@${b.id}.example` : undefined,
              supportUrl: i === 2 ? `https://${b.id}.example/help` : undefined,
              responseTime: i === 0 ? '24 hours' : '2 business days',
              remedies: {
                refund: i !== 1,
                replacement: i === 0,
                credit: i === 1,
                discount: i === 2 ? '20%' : null,
              },
            }
          : undefined,
      sla: [
        undefined,
        { firstResponse: '4h' },
        { firstResponse: '8h', businessHours: { timeZone: 'Europe/London' } },
        { firstResponse: '24h' },
        {
          firstResponse: '2h',
          businessHours: { timeZone: 'America/New_York', start: '08:00', end: '20:00' },
        },
      ][i],
    })),
    triage: {
      people: PEOPLE,
      escalation: [
        { name: 'legal', when: { cues: ['legal'] }, team: 'legal', reason: 'legal threat' },
        { name: 'safety', when: { cues: ['safety'] }, team: 'legal', owner: 'gus', reason: 'safety risk' },
        { name: 'press', when: { cues: ['press'] }, team: 'comms', reason: 'press or influencer' },
      ],
    },
  });
}

/** The corpus texts, classified once (outside every timed part): the angry ones by category, and the calm ones. */
function loadPool(classifier: ComplaintClassifier) {
  const texts = [
    ...new Set([...loadTrainingSet(), ...Object.values(loadHeldOutSets()).flat()].map((e) => e.text)),
  ];
  const all: Pooled[] = texts.map((text) => ({ text, classification: classifier.classify(text) }));
  const angryBy = new Map<Category, number[]>(CATEGORY_IDS.map((c) => [c, []]));
  const calm: number[] = [];
  all.forEach((p, i) =>
    p.classification.angry ? angryBy.get(p.classification.category)!.push(i) : calm.push(i),
  );
  const angry = [...angryBy.values()].flat();
  return { all, angryBy, angry, calm };
}
type Pool = ReturnType<typeof loadPool>;

// ---------------------------------------------------------------------------------------------- data

/** The same data every run. */
const seeded = mulberry32;

/** A stable 0..1 value for (n, salt), for per-author and per-mention attributes that need no state. */
export function hashUnit(n: number, salt: number): number {
  let h = Math.imul(n ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function weighted<T>(items: readonly (readonly [T, number])[], r: number): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
}

const BRAND_WEIGHTS = BRANDS.map((b) => [b.id, b.weight] as const);
const CATEGORY_ITEMS = Object.entries(CATEGORY_WEIGHTS) as [Category, number][];
/** Authors 0..49,999 write the complaints (the low numbers often: repeat complainers); all write calm posts too. */
const CASE_AUTHORS = 50_000;
const ALL_AUTHORS = 350_000;

export function sourceOf(author: number): Source {
  return weighted(SOURCES, hashUnit(author, 1));
}

export function handleOf(author: number, source: Source): string | null {
  switch (source) {
    case 'mastodon':
      return `user${author}@mastodon.social`;
    case 'bluesky':
      return `user${author}.bsky.social`;
    case 'reddit':
      return `user_${author}`;
    case 'hackernews':
      return `hn${author}`;
    case 'feed':
      // Feeds relaying X posts mostly name the author; news feeds often do not.
      return hashUnit(author, 2) < 0.9 ? `user${author}` : null;
  }
}

export function nameOf(author: number, source: Source): string | null {
  return source === 'reddit' || source === 'hackernews' ? null : `Person ${author}`;
}

function reachOf(author: number, source: Source): number | null {
  if (source === 'hackernews' || hashUnit(author, 3) < 0.15) return null;
  return Math.floor(Math.exp(hashUnit(author, 4) * Math.log(250_000)));
}

function urlOf(id: number, source: Source, handle: string | null): string | null {
  switch (source) {
    case 'mastodon':
      return `https://mastodon.social/@user/${id}`;
    case 'bluesky':
      return `https://bsky.app/profile/${handle}/post/${id}`;
    case 'reddit':
      return `https://www.reddit.com/r/help/comments/${id.toString(36)}/`;
    case 'hackernews':
      return `https://news.ycombinator.com/item?id=${id}`;
    case 'feed':
      return handle ? `https://x.com/${handle}/status/${id}` : `https://news.example.com/a/${id}`;
  }
}

/** Strictly increasing with the id, as the ingest stores posts roughly in posting order. */
function postedAt(id: number): number {
  return Math.min(START + Math.floor((id - 1) * STEP + hashUnit(id, 5) * STEP), NOW.getTime() - 1000);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Seconds spent generating and inserting, by table. */
const tableSeconds = new Map<string, number>();
/** Statements queued on the connection while the next ones are generated and bound. */
const IN_FLIGHT = 4;

/**
 * Inserts the rows `row(i)` makes for i in [0, count) (null: no row) with plain multi-row parameterised
 * INSERTs (the pattern of src/database/insert-or-ignore.ts, without OR IGNORE: a clash is a bug here),
 * one transaction per ROWS_PER_TRANSACTION rows. A few statements stay queued so SQLite (on the libuv
 * pool) works while this thread makes the next ones.
 */
export async function insertAll(
  db: DataSource,
  table: string,
  columns: readonly string[],
  count: number,
  row: (i: number) => unknown[] | null,
): Promise<number> {
  const started = process.hrtime.bigint();
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const full = head + Array.from({ length: perStatement }, () => tuple).join(', ');
  let inserted = 0;
  for (let start = 0; start < count; start += ROWS_PER_TRANSACTION) {
    const end = Math.min(count, start + ROWS_PER_TRANSACTION);
    await db.transaction(async (em) => {
      const queued: Promise<unknown>[] = [];
      let params: unknown[] = [];
      let rows = 0;
      const flush = async () => {
        if (rows === 0) return;
        const sql =
          rows === perStatement ? full : head + Array.from({ length: rows }, () => tuple).join(', ');
        const done: Promise<unknown> = em.query(sql, params);
        // Awaited below; until then a failure must not count as unhandled.
        done.catch(() => undefined);
        queued.push(done);
        inserted += rows;
        params = [];
        rows = 0;
        if (queued.length >= IN_FLIGHT) await queued.shift();
      };
      for (let i = start; i < end; i++) {
        const r = row(i);
        if (!r) continue;
        for (const v of r) params.push(v);
        if (++rows === perStatement) await flush();
      }
      await flush();
      await Promise.all(queued);
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  tableSeconds.set(table, (tableSeconds.get(table) ?? 0) + seconds);
  return inserted;
}

export const MENTION_COLUMNS = [
  ...['source', 'external_id', 'feed_id', 'url', 'author_handle', 'author_name', 'reach', 'text', 'language'],
  ...['posted_at', 'fetched_at', 'raw', 'angry', 'score', 'intensity', 'category', 'reasons', 'flags'],
  'model_version',
];
export const CASE_COLUMNS = [
  ...['id', 'brand_id', 'source', 'author_key', 'author_handle', 'author_name', 'status', 'is_open', 'owner'],
  ...['team', 'tags', 'category', 'score', 'intensity', 'reach', 'flags', 'repeat_count', 'priority'],
  ...['priority_factors', 'priority_settled', 'escalations', 'first_mention_id', 'excerpt', 'mention_count'],
  ...['opened_at', 'last_post_at', 'updated_at', 'first_response_due_at', 'first_responded_at'],
  ...['sla_breached_at', 'replied_at', 'resolved_at'],
];
export const EVENT_COLUMNS = ['case_id', 'at', 'actor', 'kind', 'from_status', 'to_status', 'note', 'data'];
export const FOLLOW_UP_COLUMNS = [
  ...['case_id', 'kind', 'phrase', 'due_at', 'status', 'reason', 'created_at', 'closed_at', 'closed_by'],
  'announced_at',
];
export const COMPENSATION_COLUMNS = [
  'case_id',
  'kind',
  'amount_minor',
  'currency',
  'note',
  'given_at',
  'given_by',
];

/** Status by age: the last hours mostly new, older cases mostly answered; open overall. */
function statusFor(ageMs: number, r: number): CaseStatus {
  if (ageMs < 2 * HOUR) return r < 0.75 ? 'new' : 'in_progress';
  const recent: [CaseStatus, number][] = [
    ['new', 35],
    ['in_progress', 20],
    ['replied', 20],
    ['awaiting_follow_up', 8],
    ['resolved', 10],
    ['dismissed', 7],
  ];
  const older: [CaseStatus, number][] = [
    ['new', 15],
    ['in_progress', 15],
    ['replied', 25],
    // Check-ins are due 3 days after the reply: a case waits on one for a week or so, then gets resolved.
    ['awaiting_follow_up', ageMs < 10 * DAY ? 8 : 0],
    ['resolved', 30],
    ['dismissed', 10],
  ];
  return weighted(ageMs < 2 * DAY ? recent : older, r);
}

async function build(db: DataSource, rules: TriageRules, pool: Pool) {
  const rand = seeded(42);
  // Threads: which mentions belong to which case. A fifth of the cases come from the last two days (an
  // incident), the rest spread over the month; a thread's later posts follow within a day.
  const taken = new Uint8Array(MENTIONS + 1);
  const claim = (id: number): number => {
    for (let k = 0; k < MENTIONS; k++) {
      const c = ((id - 1 + k) % MENTIONS) + 1;
      if (!taken[c]) {
        taken[c] = 1;
        return c;
      }
    }
    throw new Error('no free mention id');
  };
  const specs: CaseSpec[] = [];
  for (let i = 0; i < CASES; i++) {
    const at = rand() < 0.2 ? NOW.getTime() - rand() * 2 * DAY : START + rand() * (SPAN - 2 * DAY);
    const first = claim(Math.min(MENTIONS, Math.max(1, Math.floor((at - START) / STEP) + 1)));
    const r = rand();
    const size = r < 0.75 ? 1 : r < 0.92 ? 2 : r < 0.98 ? 3 : 4 + Math.floor(rand() * 3);
    const mentions = [first];
    for (let k = 1; k < size; k++) {
      const next = mentions[k - 1] + 50 + Math.floor(rand() * 30_000);
      if (next > MENTIONS) break;
      mentions.push(claim(next));
    }
    mentions.sort((a, b) => a - b);
    const author = Math.floor(CASE_AUTHORS * rand() ** 2);
    const category = weighted(CATEGORY_ITEMS, rand());
    const sameKind = pool.angryBy.get(category)!;
    const pick = () =>
      (sameKind.length ? sameKind : pool.angry)[Math.floor(rand() * (sameKind.length || pool.angry.length))];
    specs.push({
      id: 0,
      brand: weighted(BRAND_WEIGHTS, rand()),
      author,
      source: sourceOf(author),
      category,
      mentions,
      texts: mentions.map(() => pick()),
    });
  }
  // Case ids grow with the first post, as the intake creates them.
  specs.sort((a, b) => a.mentions[0] - b.mentions[0]);
  const caseOf = new Int32Array(MENTIONS + 1);
  const textOf = new Int32Array(MENTIONS + 1);
  specs.forEach((s, i) => {
    s.id = i + 1;
    s.mentions.forEach((m, k) => {
      caseOf[m] = s.id;
      textOf[m] = s.texts[k];
    });
  });

  // Mentions: the thread posts, and calm posts about the brands from all authors.
  const mentionRow = (i: number): unknown[] => {
    const id = i + 1;
    const spec = caseOf[id] ? specs[caseOf[id] - 1] : undefined;
    const author = spec
      ? spec.author
      : hashUnit(id, 6) < 0.3
        ? Math.floor(hashUnit(id, 7) * CASE_AUTHORS)
        : CASE_AUTHORS + Math.floor(hashUnit(id, 7) * (ALL_AUTHORS - CASE_AUTHORS));
    const source = spec ? spec.source : sourceOf(author);
    const brand = spec ? spec.brand : weighted(BRAND_WEIGHTS, hashUnit(id, 8));
    const p = pool.all[spec ? textOf[id] : pool.calm[Math.floor(hashUnit(id, 9) * pool.calm.length)]];
    const c = p.classification;
    const brandName = BRANDS.find((b) => b.id === brand)!.name;
    const text = hashUnit(id, 10) < 0.5 ? `@${brandName} ${p.text}` : `${p.text} #${brand}`;
    const handle = handleOf(author, source);
    const externalId = `${id}`;
    const posted = postedAt(id);
    return [
      source,
      externalId,
      `${source}-${brand}`,
      urlOf(id, source, handle),
      handle,
      nameOf(author, source),
      reachOf(author, source),
      text,
      'en',
      iso(posted),
      iso(Math.min(NOW.getTime(), posted + 60_000 + Math.floor(hashUnit(id, 11) * 240_000))),
      JSON.stringify({ id: externalId, author: handle, text }),
      c.angry ? 1 : 0,
      c.score,
      c.intensity,
      c.category,
      JSON.stringify(c.reasons),
      JSON.stringify(c.flags),
      'bench',
    ];
  };
  await insertAll(db, 'mention', MENTION_COLUMNS, MENTIONS, mentionRow);
  await insertAll(db, 'mention_brand', ['mention_id', 'brand_id', 'terms'], MENTIONS, (i) => {
    const spec = caseOf[i + 1] ? specs[caseOf[i + 1] - 1] : undefined;
    const brand = spec ? spec.brand : weighted(BRAND_WEIGHTS, hashUnit(i + 1, 8));
    return [i + 1, brand, JSON.stringify([brand])];
  });

  // Cases, with their history, follow-ups and compensation.
  const repeats = new Map<string, number>();
  const events: unknown[][] = [];
  const followUps: unknown[][] = [];
  const compensation: unknown[][] = [];
  let open = 0;
  let pendingFollowUps = 0;
  let overdueFollowUps = 0;
  const now = NOW.getTime();
  const caseRow = (i: number): unknown[] => {
    const s = specs[i];
    const first = pool.all[s.texts[0]];
    const c = first.classification;
    const score = Math.max(...s.texts.map((t) => pool.all[t].classification.score));
    const opened = postedAt(s.mentions[0]);
    const lastPost = postedAt(s.mentions[s.mentions.length - 1]);
    const status = statusFor(now - opened, rand());
    const caseOpen = isOpen(status);
    if (caseOpen) open++;
    const handle = handleOf(s.author, s.source);
    const authorKey = authorKeyOf(s.source, handle);
    const repeatKey = `${authorKey}|${s.brand}|${s.category}`;
    const repeatCount = authorKey ? (repeats.get(repeatKey) ?? 0) : 0;
    if (authorKey && status !== 'dismissed') repeats.set(repeatKey, repeatCount + 1);
    const reach = reachOf(s.author, s.source);
    const escalations = rules.escalation.match({ category: s.category, score, reach, flags: c.flags });
    const route = rules.escalation.route(escalations);
    const assigned = status === 'new' ? rand() < 0.15 : status === 'dismissed' ? rand() < 0.4 : rand() < 0.9;
    const person = PEOPLE[Math.floor(rand() * PEOPLE.length)];
    const owner = route.owner ?? (assigned ? person.id : null);
    const team = route.team ?? (owner ? (PEOPLE.find((p) => p.id === owner)?.team ?? null) : null);
    const clock = rules.clockFor(s.brand);
    const due = clock.dueAt(new Date(opened)).getTime();
    const answered = status === 'replied' || status === 'awaiting_follow_up' || status === 'resolved';
    // Answered somewhere between a tenth of the target and twice it: some late, a few very late.
    const responded = answered
      ? Math.min(now - 60_000, opened + Math.max(60_000, (0.1 + rand() * 1.9) * (due - opened)))
      : null;
    const breached =
      responded !== null ? (responded > due ? due : null) : caseOpen && due <= now ? due : null;
    const resolved =
      status === 'resolved' ? Math.min(now - 30_000, (responded ?? opened) + HOUR + rand() * 3 * DAY) : null;
    const dismissedAt = status === 'dismissed' ? Math.min(now - 30_000, opened + rand() * DAY) : null;
    const updated = Math.max(lastPost, resolved ?? dismissedAt ?? responded ?? opened);
    // The queue's priority spread 0..150, most cases in the lower half; closed cases settle lower.
    const priority = Math.round(150 * rand() ** 1.6 * (caseOpen ? 1 : 0.6) * 100) / 100;

    const ev = (
      at: number,
      actor: string,
      kind: string,
      from: string | null,
      to: string | null,
      data?: object,
    ) =>
      events.push([
        s.id,
        iso(Math.min(now - 1000, at)),
        actor,
        kind,
        from,
        to,
        kind === 'note' ? 'called the customer back' : null,
        data ? JSON.stringify(data) : null,
      ]);
    ev(opened, 'defuse', 'opened', null, 'new', { mentionId: s.mentions[0] });
    for (const m of s.mentions.slice(1)) ev(postedAt(m), 'defuse', 'thread', null, null, { mentionId: m });
    if (owner) ev(opened + 5 * 60_000, 'lead', 'assigned', null, null, { owner, team });
    if (status !== 'new')
      ev(responded ?? dismissedAt ?? opened + 10 * 60_000, owner ?? 'lead', 'status', 'new', status);
    if (responded !== null) ev(responded, owner ?? 'lead', 'replied', null, null);
    if (rand() < 0.08) ev(updated, owner ?? 'lead', 'note', null, null);
    if (responded !== null) {
      const checkIn = responded + rules.settings.followUpAfter;
      if (status === 'awaiting_follow_up' || (status === 'replied' && rand() < 0.1)) {
        const promise = status === 'replied';
        const dueAt = promise ? responded + DAY : checkIn;
        pendingFollowUps++;
        if (dueAt <= now) overdueFollowUps++;
        followUps.push([
          s.id,
          promise ? 'promise' : 'check_in',
          promise ? 'within 24 hours' : null,
          iso(dueAt),
          'pending',
          null,
          iso(responded),
          null,
          null,
          dueAt <= now ? iso(dueAt) : null,
        ]);
      } else if (status === 'resolved' && rand() < 0.65) {
        const waived = rand() < 0.1;
        const closed = Math.min(now - 1000, checkIn);
        followUps.push([
          s.id,
          'check_in',
          null,
          iso(checkIn),
          waived ? 'waived' : 'done',
          waived ? 'customer said all good' : null,
          iso(responded),
          iso(closed),
          owner ?? 'lead',
          null,
        ]);
        if (rand() < 0.04)
          compensation.push([
            s.id,
            'refund',
            500 + Math.floor(rand() * 4500),
            'EUR',
            null,
            iso(resolved ?? closed),
            owner ?? 'lead',
          ]);
      }
    }
    return [
      s.id,
      s.brand,
      s.source,
      authorKey,
      handle,
      nameOf(s.author, s.source),
      status,
      caseOpen ? 1 : 0,
      owner,
      team,
      rand() < 0.05 ? '["vip"]' : '[]',
      s.category,
      score,
      c.intensity,
      reach,
      JSON.stringify(c.flags),
      repeatCount,
      priority,
      '[]',
      !caseOpen || responded !== null ? 1 : 0,
      JSON.stringify(escalations),
      s.mentions[0],
      first.text.slice(0, 280),
      s.mentions.length,
      iso(opened),
      iso(lastPost),
      iso(updated),
      iso(due),
      responded === null ? null : iso(responded),
      breached === null ? null : iso(breached),
      responded === null ? null : iso(responded),
      resolved === null ? null : iso(resolved),
    ];
  };
  await insertAll(db, 'triage_case', CASE_COLUMNS, CASES, caseRow);
  const links = specs.flatMap((s) => s.mentions.map((m) => [s.id, m, iso(postedAt(m) + 60_000)]));
  await insertAll(db, 'case_mention', ['case_id', 'mention_id', 'added_at'], links.length, (i) => links[i]);
  await insertAll(db, 'case_event', EVENT_COLUMNS, events.length, (i) => events[i]);
  await insertAll(db, 'follow_up', FOLLOW_UP_COLUMNS, followUps.length, (i) => followUps[i]);
  await insertAll(db, 'compensation', COMPENSATION_COLUMNS, compensation.length, (i) => compensation[i]);

  const wordShares = SEARCH_WORDS.map((w) => {
    const n = specs.filter((s) => s.texts.some((t) => pool.all[t].text.toLowerCase().includes(w))).length;
    return `${w} ${((n / CASES) * 100).toFixed(2)}%`;
  }).join(', ');
  return { links: links.length, open, pendingFollowUps, overdueFollowUps, wordShares };
}

export function fileSize(path: string): number {
  let size = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      size += statSync(f).size;
    } catch {
      // no WAL file
    }
  }
  return size;
}

// ---------------------------------------------------------------------------------------------- timing

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] };
}

const ms = (n: number) => n.toFixed(2);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}

/**
 * The mentions view's list over the same 1M mentions: newest first, a page of 50, each filter kind in
 * rotation; search is LIKE along the posted_at order, so a rare word reads furthest.
 */
async function benchMentions(mentions: MentionsService): Promise<Record<string, string | number>> {
  const kinds: { name: string; query: (i: number) => ListMentionsQuery }[] = [
    { name: 'all', query: () => ({}) },
    { name: 'brand', query: (i) => ({ brand: BRANDS[i % BRANDS.length].id }) },
    { name: 'not flagged', query: () => ({ angry: false }) },
    { name: 'score 0.3-0.5', query: () => ({ minScore: 0.3, maxScore: 0.5 }) },
    { name: 'no case', query: () => ({ hasCase: false }) },
    { name: 'language=en', query: () => ({ language: 'en' }) },
    { name: 'q=word', query: (i) => ({ q: SEARCH_WORDS[i % SEARCH_WORDS.length] }) },
    { name: 'q=absent word', query: () => ({ q: 'zyzzyva' }) },
  ];
  const figures: Record<string, string | number> = {};
  const all: number[] = [];
  for (const kind of kinds) {
    const samples: number[] = [];
    const calls = kind.name === 'q=absent word' ? 3 : 30;
    await mentions.list({ limit: 50, ...kind.query(0) });
    for (let i = 0; i < calls; i++) {
      const [took] = await timed(() => mentions.list({ limit: 50, ...kind.query(i) }));
      samples.push(took);
    }
    all.push(...samples);
    const k = stats(samples);
    figures[`mentions: list ${kind.name} p50 / max ms`] = `${ms(k.p50)} / ${ms(k.max)}`;
  }
  const total = stats(all);
  figures['mentions: list calls, p50 / p99 ms'] = `${all.length}, ${ms(total.p50)} / ${ms(total.p99)}`;
  return figures;
}

async function benchList(db: DataSource, queries: CaseQueries): Promise<Record<string, string | number>> {
  const limit = 50;
  // Second pages: the nextCursor of first pages a manager scrolls (the queue, per brand, new cases).
  const cursorBases: ListCasesQuery[] = [{}, ...BRANDS.map((b) => ({ brand: b.id })), { status: 'new' }];
  const secondPages: ListCasesQuery[] = [];
  for (const base of cursorBases) {
    const first = await queries.list({ ...base, limit }, NOW);
    if (first.nextCursor) secondPages.push({ ...base, limit, cursor: first.nextCursor });
  }
  const kinds: { name: string; query: (i: number) => ListCasesQuery }[] = [
    { name: 'default (open by priority)', query: () => ({}) },
    { name: 'status=new', query: () => ({ status: 'new' }) },
    { name: 'brand', query: (i) => ({ brand: BRANDS[i % BRANDS.length].id }) },
    { name: 'category', query: (i) => ({ category: CATEGORY_IDS[i % CATEGORY_IDS.length] }) },
    {
      name: 'brand+category',
      query: (i) => ({
        brand: BRANDS[i % BRANDS.length].id,
        category: CATEGORY_IDS[i % CATEGORY_IDS.length],
      }),
    },
    { name: 'owner=none', query: () => ({ owner: 'none' }) },
    { name: 'overdue=true', query: () => ({ overdue: true }) },
    { name: 'source=mastodon', query: () => ({ source: 'mastodon' }) },
    { name: 'sort=sla', query: () => ({ sort: 'sla' }) },
    { name: 'page 2 (cursor)', query: (i) => secondPages[i % secondPages.length] },
    { name: 'q=word', query: (i) => ({ q: SEARCH_WORDS[i % SEARCH_WORDS.length] }) },
  ];
  const queryOf = (call: number) => {
    const kind = call % kinds.length;
    return { kind, query: { limit, ...kinds[kind].query(Math.floor(call / kinds.length)) } };
  };
  for (let call = 0; call < LIST_WARMUP; call++) await queries.list(queryOf(call).query, NOW);
  const all: number[] = [];
  const byKind: number[][] = kinds.map(() => []);
  const byWord = new Map<string, number[]>(SEARCH_WORDS.map((w) => [w, []]));
  let rows = 0;
  for (let call = 0; call < LIST_CALLS; call++) {
    const { kind, query } = queryOf(call);
    const [took, page] = await timed(() => queries.list(query, NOW));
    all.push(took);
    byKind[kind].push(took);
    if (query.q) byWord.get(query.q)!.push(took);
    rows += page.items.length;
  }
  const total = stats(all);
  const figures: Record<string, string | number> = {
    'triage: list calls (limit 50, 11 filter kinds in rotation)': LIST_CALLS,
    'triage: list rows returned, average': (rows / LIST_CALLS).toFixed(1),
    'triage: list p50 ms': ms(total.p50),
    'triage: list p99 ms': `${ms(total.p99)} (target < ${LIST_P99_TARGET_MS}: ${total.p99 < LIST_P99_TARGET_MS ? 'met' : 'MISSED'})`,
    'triage: list max ms': ms(total.max),
  };
  const perKind = kinds.map((k, i) => ({ name: k.name, ...stats(byKind[i]) }));
  for (const k of perKind) figures[`triage: list ${k.name} p50 / p99 ms`] = `${ms(k.p50)} / ${ms(k.p99)}`;
  figures['triage: list q=word p50 ms by word'] = [...byWord]
    .map(([word, samples]) => `${word} ${ms(stats(samples).p50)}`)
    .join(', ');
  // The plans of the kinds over the target (or the two slowest), as SQLite runs them.
  const slow = [...perKind].sort((a, b) => b.p99 - a.p99);
  const explain = slow.filter((k) => k.p99 >= LIST_P99_TARGET_MS);
  for (const k of explain.length ? explain : slow.slice(0, 2)) {
    const kind = kinds.findIndex((x) => x.name === k.name);
    figures[`triage: query plan, ${k.name}`] = await queryPlan(db, () =>
      queries.list({ limit, ...kinds[kind].query(0) }, NOW),
    );
  }
  return figures;
}

/** The SQL `run` sends first (the list query), explained with its parameters. */
async function queryPlan(db: DataSource, run: () => Promise<unknown>): Promise<string> {
  const list = (await capturedQueries(db, run)).find((q) => /^SELECT/i.test(q.query));
  return list ? explain(db, list.query, list.parameters) : 'no query seen';
}

/** Every statement `run` sends, with its parameters, in order. */
export async function capturedQueries(
  db: DataSource,
  run: () => Promise<unknown>,
): Promise<{ query: string; parameters?: unknown[] }[]> {
  const seen: { query: string; parameters?: unknown[] }[] = [];
  const capture: EntitySubscriberInterface = { beforeQuery: (e) => void seen.push(e) };
  db.subscribers.push(capture);
  try {
    await run();
  } finally {
    db.subscribers.splice(db.subscribers.indexOf(capture), 1);
  }
  return seen;
}

/** SQLite's plan for one statement, nested steps indented, on one line. */
export async function explain(db: DataSource, sql: string, parameters?: unknown[]): Promise<string> {
  const plan: { id: number; parent: number; detail: string }[] = await db.query(
    `EXPLAIN QUERY PLAN ${sql}`,
    parameters,
  );
  const depth = new Map<number, number>();
  return plan
    .map((p) => {
      const d = (depth.get(p.parent) ?? -1) + 1;
      depth.set(p.id, d);
      return `${'  '.repeat(d)}${p.detail}`;
    })
    .join(' | ');
}

async function benchDetail(queries: CaseQueries): Promise<Record<string, string | number>> {
  const rand = seeded(7);
  const ids = Array.from({ length: DETAIL_CALLS }, () => 1 + Math.floor(rand() * CASES));
  for (let i = 0; i < 10; i++) await queries.detail(1 + Math.floor(rand() * CASES), NOW);
  const samples: number[] = [];
  let drafts = 0;
  let authorMentions = 0;
  for (const id of ids) {
    const [took, detail] = await timed(() => queries.detail(id, NOW));
    samples.push(took);
    drafts += detail.drafts.length;
    authorMentions += detail.authorHistory.mentions.length;
  }
  const s = stats(samples);
  return {
    'triage: detail calls (random cases)': DETAIL_CALLS,
    'triage: detail p50 / p99 / max ms': `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`,
    'triage: detail drafts / author posts per case, average': `${(drafts / DETAIL_CALLS).toFixed(1)} / ${(authorMentions / DETAIL_CALLS).toFixed(1)}`,
  };
}

function benchDrafts(
  pool: Pool,
  brands: ReturnType<typeof benchConfig>['brands'],
): Record<string, string | number> {
  const rand = seeded(9);
  // 5,000 complaints in the cases' category mix, each drafted for X, Bluesky, Mastodon and Reddit.
  const texts = Array.from({ length: DRAFT_TEXTS }, () => {
    const sameKind = pool.angryBy.get(weighted(CATEGORY_ITEMS, rand()))!;
    const from = sameKind.length ? sameKind : pool.angry;
    return from[Math.floor(rand() * from.length)];
  });
  const initials = [null, 'AK', 'BO', 'GS'];
  const inputs: ComposeInput[] = texts.flatMap((t, i) =>
    DRAFT_PLATFORMS.map((platform, k) => {
      const brand = brands[(i + k) % brands.length];
      return {
        caseKey: `case:${i * DRAFT_PLATFORMS.length + k}`,
        text: pool.all[t].text,
        platform,
        author: `user${i}`,
        brandName: brand.name,
        policy: brand.replies ?? DEFAULT_REPLY_POLICY,
        classification: pool.all[t].classification,
        agentInitials: initials[i % initials.length],
      };
    }),
  );
  for (let i = 0; i < 2000; i++) composeReplies(inputs[(i * 7) % inputs.length]);
  // One pass of 20,000 calls (about half a minute): long enough that a busy moment of the machine averages out.
  let drafts = 0;
  const started = process.hrtime.bigint();
  for (const input of inputs) drafts += composeReplies(input).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    'triage: draft cases (5,000 complaints x 4 platforms)': inputs.length,
    'triage: drafts per case, average': (drafts / inputs.length).toFixed(2),
    'triage: drafts/s': Math.round(drafts / seconds),
    'triage: cases drafted/s (composeReplies calls)': Math.round(inputs.length / seconds),
  };
}
