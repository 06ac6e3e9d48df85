import { MissedComplaints } from '../src/classifier/corrections/missed-complaints';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Category } from '../src/classifier/classifier.types';
import { mulberry32 } from '../src/classifier/model/hashing';
import { DefuseConfig } from '../src/config/config.schema';
import { dataSourceOptions } from '../src/database/data-source.options';
import { DigestBuilder } from '../src/digest/digest-builder';
import { DigestContent, DigestRequest } from '../src/digest/digest-content';
import { DeliveryOutcome, DigestDelivery } from '../src/digest/digest-delivery';
import { yesterdayIn } from '../src/digest/digest-scheduler';
import { renderDigest } from '../src/digest/digest-render';
import { addDays, LocalDate, parseDay, zonedTime } from '../src/time/zoned-time';
import { authorKeyOf } from '../src/triage/case-intake';
import { CaseStatus, isOpen } from '../src/triage/status/case-status';
import { TriageRules } from '../src/triage/triage-rules';
import { DigestPreferences } from '../src/digest/preferences/digest-preferences.service';
import {
  benchConfig,
  capturedQueries,
  explain,
  hashUnit,
  insertAll,
  weighted,
  MENTION_COLUMNS,
  CASE_COLUMNS,
  EVENT_COLUMNS,
  FOLLOW_UP_COLUMNS,
  COMPENSATION_COLUMNS,
  fileSize,
  handleOf,
  nameOf,
  sourceOf,
} from './triage.bench';

/** Progress on stderr: the bench takes minutes and stdout carries only the figures. */
const progress = (what: string) => process.stderr.write(`digest bench: ${what}\n`);

const TIME_ZONE = 'Europe/London';
/** The mentions cover the 10 local days ending with the digest's day: ~100,000 a day at full size. */
const DAYS = 10;
const BIG = { mentions: 1_000_000, cases: 100_000, caseAuthors: 40_000, authors: 300_000 };
const SMALL = { mentions: 50_000, cases: 5_000, caseAuthors: 2_000, authors: 15_000 };
type Scale = typeof BIG;
const BUILD_RUNS = 5;
const BUILD_TARGET_MS = 1000;
const USERS = 500;
const DASHBOARD_URL = 'https://defuse.acme.example';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Share of posts the classifier flags angry; on the digest's day an outage at the second brand adds more. */
const ANGRY_SHARE = 0.3;
const INCIDENT_SHARE = 0.05;
const INCIDENT_BRAND = 1;
/** Posts naming two brands (two mention_brand rows). */
const SECOND_BRAND_SHARE = 0.03;
/** Cases whose thread has more than the opening post. */
const THREAD_SHARE = 0.25;
const BRAND_WEIGHTS = [35, 25, 18, 14, 8];
const CATEGORY_WEIGHTS: [Category, number][] = [
  ['delivery', 20],
  ['billing', 16],
  ['outage', 14],
  ['product_quality', 12],
  ['customer_service', 14],
  ['account_access', 8],
  ['pricing', 6],
  ['safety_legal', 2],
  ['other', 8],
];
const CATEGORIES = CATEGORY_WEIGHTS.map(([c]) => c);
const CATEGORY_INDEXES = CATEGORY_WEIGHTS.map(([, w], i) => [i, w] as const);
const COMPLAINTS: Record<Category, string[]> = {
  delivery: [
    'my parcel was due Monday and tracking has said "out for delivery" for three days now',
    'the courier left my order on the doorstep in the rain and the box is soaked through',
  ],
  billing: [
    'charged twice for the same order and nobody answers about the refund',
    'you took the subscription fee after I cancelled, I want my money back',
  ],
  outage: [
    'the app has been down all morning and I cannot get into anything',
    'site down again, third time this week, what is going on over there',
  ],
  product_quality: [
    'the handle snapped off after two uses, really poor quality for the price',
    'screen started flickering a week after I bought it',
  ],
  customer_service: [
    'on hold for 50 minutes and then the call just dropped',
    'your chat agent closed my ticket without reading it',
  ],
  account_access: [
    'locked out of my account and the reset email never arrives',
    'two-factor codes stopped coming and support says wait 10 days',
  ],
  pricing: [
    'prices up 30% overnight with no notice, not impressed',
    'the price at checkout is not the price you advertised',
  ],
  safety_legal: [
    'the charger overheated and scorched my desk, I will be talking to a lawyer',
    'this is a safety hazard and I am reporting it to trading standards',
  ],
  other: [
    'honestly the worst experience I have had with any company this year',
    'never again, I am done with you',
  ],
};
const CALM = [
  'just got my order, looks great',
  'anyone know if they ship to Ireland?',
  'loving the new update, much faster',
  'thinking about switching, any thoughts?',
  'the store in town has the new range in now',
];
const TAILS = ['', ' Fix this.', ' Really disappointed.', ' Not the first time either.', ' Sort it out.'];
const OWNERS = ['ana', 'ben', 'chloe', 'dev', 'erin', 'femi'];
const TIME_ZONES = ['Europe/London', 'Europe/Paris', 'America/New_York', 'UTC', 'Asia/Tokyo'];

/**
 * The daily digest at scale. (1) DigestBuilder.build over a day of ~100,000 mentions and ~10,000 new
 * cases in a SQLite file of 1,000,000 mentions and 100,000 cases (migrations run, fixed seed), for a
 * manager following every brand and one following one brand, and renderDigest of the result. (2) 500
 * digests sent through the real DigestDelivery (claim, build, render, nodemailer, send log) of a Nest
 * application context to an SMTP server on loopback, over a smaller database so sending is what counts.
 */
export async function benchDigest(): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {};
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const sampler = setInterval(sample, 20);
  try {
    Object.assign(figures, await benchBuild(sample));
    Object.assign(figures, await benchSend());
  } finally {
    clearInterval(sampler);
  }
  sample();
  figures['digest: peak RSS MB (whole bench)'] = Math.round(peakRss / 1024 / 1024);
  return figures;
}

// ---------------------------------------------------------------------------------------------- build

async function benchBuild(sample: () => void): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-bench-digest-'));
  const dbPath = join(dir, 'digest.sqlite');
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const day = yesterdayIn(now, TIME_ZONE);
  const config = benchConfig(dbPath);
  const db = new DataSource(dataSourceOptions(dbPath));
  try {
    progress(`building the 1M-mention / 100k-case database (${DAYS} days ending ${day})`);
    const started = process.hrtime.bigint();
    await db.initialize();
    const built = await generate(db, config, now, day, BIG);
    const buildSeconds = seconds(started);
    sample();
    const figures: Record<string, string | number> = {
      'digest: database build seconds (migrations + inserts)': buildSeconds.toFixed(1),
      'digest: database rows': Object.entries(built.rows)
        .map(([table, n]) => `${table} ${n}`)
        .join(', '),
      'digest: database MB (file + WAL)': Math.round(fileSize(dbPath) / 1024 / 1024),
    };

    progress('building digests');
    const builder = new DigestBuilder(db, config, new MissedComplaints(db));
    const request = (brands: string[] | null): DigestRequest => ({
      user: { email: 'lead@acme.example', name: 'Lead' },
      day,
      timeZone: TIME_ZONE,
      brands,
      dashboardUrl: DASHBOARD_URL,
      now,
    });
    const all = request(null);
    let content = await builder.build(all);
    const builds: number[] = [];
    for (let i = 0; i < BUILD_RUNS; i++) {
      const [took, c] = await timed(() => builder.build(all));
      builds.push(took);
      content = c;
    }
    sample();
    const one = request([config.brands[0].id]);
    const [oneMs, oneContent] = await timed(() => builder.build(one));
    const brandNames = Object.fromEntries(config.brands.map((b) => [b.id, b.name]));
    const renders: number[] = [];
    // The first (warm-up) render is kept for the sizes; the timed ones render the same content.
    let rendered = renderDigest(content, { brandNames });
    for (let i = 0; i < BUILD_RUNS; i++) {
      const [took, r] = await timed(async () => renderDigest(content, { brandNames }));
      renders.push(took);
      rendered = r;
    }
    const s = stats(builds);
    Object.assign(figures, {
      'digest: day (Europe/London)': `${day} [${content.from}, ${content.until})`,
      "digest: the day's numbers, all brands": dayNumbers(content),
      'digest: still open / overdue, promises due / overdue': `${content.stillOpen.total} / ${content.stillOpen.overdue}, ${content.promises.total} / ${content.promises.overdue}`,
      'digest: hot spots (sample posts)': hotSpots(content),
      'digest: compensation that day': content.compensation.totals
        .map((t) => `${t.formatted} (${t.count})`)
        .join(', '),
      [`digest: build, all brands, ${BUILD_RUNS} runs after 1 warm-up, median / max ms`]: `${ms(s.median)} / ${ms(s.max)} (target < ${BUILD_TARGET_MS}: ${s.max < BUILD_TARGET_MS ? 'met' : s.median < BUILD_TARGET_MS ? 'median met, max MISSED' : 'MISSED'})`,
      [`digest: build, one brand (${config.brands[0].id}), one run ms`]: ms(oneMs),
      "digest: the day's numbers, one brand": dayNumbers(oneContent),
      [`digest: renderDigest, ${BUILD_RUNS} runs, median / max ms`]: `${ms(stats(renders).median)} / ${ms(stats(renders).max)}`,
      'digest: rendered HTML / text KB': `${kb(rendered.html)} / ${kb(rendered.text)}`,
    });
    // Where the time goes: each query of one build, run again alone, slowest first.
    for (const [label, req] of [
      ['all brands', all],
      ['one brand', one],
    ] as const) {
      const queries = await queryTimes(db, () => builder.build(req));
      figures[`digest: build queries run one at a time, ${label}, total / slowest ms`] =
        `${ms(queries.reduce((sum, q) => sum + q.ms, 0))} / ` +
        queries
          .slice(0, 4)
          .map((q) => `${q.label} ${ms(q.ms)}`)
          .join(', ');
      figures[`digest: query plan, ${label}, ${queries[0].label}`] = queries[0].plan;
    }
    return figures;
  } finally {
    if (db.isInitialized) await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

function dayNumbers(c: DigestContent): string {
  const y = c.yesterday;
  return (
    `mentions ${y.mentions}, angry ${y.angryMentions}, cases opened ${y.casesOpened}, replied ${y.replied}, ` +
    `resolved ${y.resolved}, dismissed ${y.dismissed}, SLA breaches ${y.slaBreaches}, ` +
    `first response median / p90 ${y.firstResponseMedianMinutes} / ${y.firstResponseP90Minutes} min`
  );
}

function hotSpots(c: DigestContent): string {
  const hot = [...c.causes.byCategory, ...c.causes.byBrand].filter((x) => x.hot);
  return hot.length
    ? hot.map((x) => `${x.key} ${x.count} vs ${x.average7d}/day${x.sample ? '' : ' (no sample)'}`).join(', ')
    : 'none';
}

/** Each query one build sends, run again alone (the build sends them together on one connection). */
async function queryTimes(db: DataSource, run: () => Promise<unknown>) {
  const times: { label: string; ms: number; plan: string }[] = [];
  for (const q of (await capturedQueries(db, run)).filter((x) => /^\s*(SELECT|WITH)/i.test(x.query))) {
    const [took] = await timed(() => db.query(q.query, q.parameters));
    times.push({ label: labelOf(q.query), ms: took, plan: await explain(db, q.query, q.parameters) });
  }
  return times.sort((a, b) => b.ms - a.ms);
}

/** A short name for a builder query, from its SQL; the SQL's start when none fits. */
function labelOf(sql: string): string {
  const s = sql.replace(/\s+/g, ' ');
  const rules: [RegExp, string][] = [
    [/WITH RECURSIVE/, 'angry keys'],
    [/FROM mention_brand mb WHERE mb\.angry = 1/, 'angry per day of a brand'],
    [/FROM mention m WHERE m\.angry = 1/, 'angry per day of a category'],
    [/"case_event"|case_event e/, 'dismissed'],
    [/FROM "follow_up"/, /LIMIT/.test(s) ? 'promises (list)' : 'promises (totals)'],
    [/FROM "compensation"/, /x\.kind|"kind"/.test(s) ? 'compensation by kind' : 'compensation totals'],
    [/GROUP BY .*author_key/, 'repeat complainers'],
    [/ORDER BY .*score/, 'hot-spot sample'],
    [/FROM "case_mention"/, 'sample post case'],
    [/"m"\."id" IN \(/, 'sample post'],
    [/first_responded_at" >=|first_responded_at >=/, 'first responses'],
    [/resolved_at" >=|resolved_at >=/, 'resolved'],
    [/sla_breached_at" >=|sla_breached_at >=/, 'SLA breaches'],
    [/is_open" = |is_open = /, /LIMIT/.test(s) ? 'still open (top 10)' : 'still open (totals)'],
    [/opened_at" >=|opened_at >=/, 'cases opened'],
    [/FROM "mention"/, 'mentions'],
  ];
  return rules.find(([re]) => re.test(s))?.[1] ?? s.slice(0, 80);
}

// ---------------------------------------------------------------------------------------------- send

async function benchSend(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'defuse-bench-digest-send-'));
  const dbPath = join(dir, 'send.sqlite');
  const sink = await startCountingSmtp();
  const saved = { SMTP_URL: process.env.SMTP_URL, DIGEST_FROM: process.env.DIGEST_FROM };
  process.env.DEFUSE_SCHEDULER = 'off';
  process.env.SMTP_URL = sink.url;
  process.env.DIGEST_FROM = 'Defuse <digest@defuse.example>';
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const day = yesterdayIn(now, TIME_ZONE);
  const config = benchConfig(dbPath, { digest: { dashboardUrl: DASHBOARD_URL } });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    progress(`sending ${USERS} digests (database of ${SMALL.mentions} mentions, ${SMALL.cases} cases)`);
    const db = app.get(DataSource);
    const built = await generate(db, config, now, day, SMALL);
    await addUsers(db, config, now);
    const subscribers = await app.get(DigestPreferences).subscribers();
    const delivery = app.get(DigestDelivery);
    // Build and render inside each delivery, timed apart: the rest is the claim, SMTP and the send log.
    const render = delivery.render.bind(delivery);
    let renderSeconds = 0;
    delivery.render = async (...args) => {
      const renderStarted = process.hrtime.bigint();
      const rendered = await render(...args);
      renderSeconds += seconds(renderStarted);
      return rendered;
    };

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const outcomes = new Map<DeliveryOutcome['result'], number>();
    const started = process.hrtime.bigint();
    // One after another, as the scheduler's tick delivers; every user gets the same local day (in their
    // own zone's bounds), which the data covers in all five zones.
    for (const sub of subscribers) {
      const { result } = await delivery.deliver(sub, day, { now });
      outcomes.set(result, (outcomes.get(result) ?? 0) + 1);
    }
    const sendSeconds = seconds(started);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const logged: { status: string; n: number }[] = await db.query(
      'SELECT status, COUNT(*) AS n FROM digest_send GROUP BY status ORDER BY status',
    );
    return {
      'digest: send database rows': `mention ${built.rows.mention}, triage_case ${built.rows.triage_case}`,
      'digest: send users (5 time zones, following 1 to 5 brands or all)': subscribers.length,
      [`digest: send ${USERS} digests one after another (claim, build, render, SMTP, send log), seconds`]:
        sendSeconds.toFixed(2),
      'digest: send digests/s': (subscribers.length / sendSeconds).toFixed(1),
      'digest: send, of which build + render, seconds (ms per digest)': `${renderSeconds.toFixed(2)} (${ms((renderSeconds * 1000) / subscribers.length)})`,
      'digest: send, of which claim + SMTP + send log, seconds (ms per digest)': `${(sendSeconds - renderSeconds).toFixed(2)} (${ms(((sendSeconds - renderSeconds) * 1000) / subscribers.length)})`,
      'digest: send outcomes': [...outcomes].map(([r, n]) => `${r} ${n}`).join(', '),
      'digest: send log': logged.map((r) => `${r.status} ${r.n}`).join(', '),
      'digest: send messages received by the SMTP server (MB)': `${sink.received} (${(sink.bytes / 1024 / 1024).toFixed(1)})`,
      // smtp-server waits 100 ms before its greeting on every connection (to catch clients that talk too soon).
      'digest: send SMTP connections opened': sink.connections,
      'digest: send peak RSS MB (while sending)': Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    await app.close();
    await sink.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 500 managers: role, a time zone, and all brands or a few (digest_preference), inserted directly. */
async function addUsers(db: DataSource, config: DefuseConfig, now: Date): Promise<void> {
  const at = now.toISOString();
  const brands = config.brands.map((b) => b.id);
  await insertAll(
    db,
    'app_user',
    ['email', 'name', 'role', 'password_hash', 'created_at', 'updated_at'],
    USERS,
    (i) => [`manager${i}@acme.example`, `Manager ${i}`, i % 10 === 0 ? 'admin' : 'agent', 'x', at, at],
  );
  const ids: { id: number }[] = await db.query('SELECT id FROM app_user ORDER BY id');
  await insertAll(
    db,
    'digest_preference',
    ['user_id', 'enabled', 'hour', 'time_zone', 'brands', 'send_quiet', 'updated_at'],
    ids.length,
    (i) => {
      const follows = i % 3 === 0 ? null : brands.filter((_, k) => (i + k) % (1 + (i % 4)) === 0);
      return [ids[i].id, 1, 8, TIME_ZONES[i % TIME_ZONES.length], follows && JSON.stringify(follows), 1, at];
    },
  );
}

/** An SMTP server on 127.0.0.1 that accepts everything and only counts (no parsing). */
async function startCountingSmtp() {
  const sink = { connections: 0, received: 0, bytes: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      sink.connections++;
      callback();
    },
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => (sink.bytes += chunk.length));
      stream.on('end', () => {
        sink.received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

// ---------------------------------------------------------------------------------------------- data

const iso = (t: number) => new Date(t).toISOString();

function midnight(date: LocalDate, timeZone: string): number {
  return zonedTime(date, 0, 0, 0, 0, timeZone).getTime();
}

/** Status by age: the last day mostly waiting or answered, older cases mostly resolved. */
function statusFor(ageMs: number, r: number): CaseStatus {
  const fresh: [CaseStatus, number][] = [
    ['new', 30],
    ['in_progress', 20],
    ['replied', 22],
    ['awaiting_follow_up', 5],
    ['resolved', 13],
    ['dismissed', 10],
  ];
  const recent: [CaseStatus, number][] = [
    ['new', 15],
    ['in_progress', 15],
    ['replied', 25],
    ['awaiting_follow_up', 5],
    ['resolved', 28],
    ['dismissed', 12],
  ];
  const older: [CaseStatus, number][] = [
    ['new', 3],
    ['in_progress', 6],
    ['replied', 14],
    ['awaiting_follow_up', 7],
    ['resolved', 60],
    ['dismissed', 10],
  ];
  return weighted(ageMs < DAY ? fresh : ageMs < 2 * DAY ? recent : older, r);
}

/**
 * Mentions over the DAYS local days ending with `day` (ids in posting order), ~30% angry, five brands
 * (3% of posts name two), an outage at the second brand on `day`; cases opened from angry posts (a
 * quarter with 1-3 later posts of the same author), with history, follow-ups and compensation. Fixed
 * seed: the same data every run but for the dates.
 */
async function generate(db: DataSource, config: DefuseConfig, nowDate: Date, day: string, scale: Scale) {
  const rules = new TriageRules(config);
  const rand = mulberry32(42);
  const now = nowDate.getTime();
  const date = parseDay(day);
  const start = midnight(addDays(date, 1 - DAYS), TIME_ZONE);
  const dayFrom = midnight(date, TIME_ZONE);
  const end = midnight(addDays(date, 1), TIME_ZONE);
  const n = scale.mentions;
  const step = (end - start) / n;
  const postedAt = (id: number) => start + Math.floor((id - 1) * step + hashUnit(id, 5) * step);
  const brands = config.brands.map((b) => ({ id: b.id, name: b.name }));
  const brandIndexes = brands.map((_, i) => [i, BRAND_WEIGHTS[i] ?? 10] as const);
  const people = config.triage.people;

  // Per mention: angry, brand(s), category, author; threads then take posts over for their case.
  const angry = new Uint8Array(n + 1);
  const brand = new Uint8Array(n + 1);
  const brand2 = new Uint8Array(n + 1).fill(255);
  const category = new Uint8Array(n + 1);
  const author = new Int32Array(n + 1);
  const caseOf = new Int32Array(n + 1);
  const outage = CATEGORIES.indexOf('outage');
  const other = CATEGORIES.indexOf('other');
  let angryCount = 0;
  for (let id = 1; id <= n; id++) {
    const posted = postedAt(id);
    const incident = posted >= dayFrom && hashUnit(id, 21) < INCIDENT_SHARE;
    angry[id] = incident || hashUnit(id, 20) < ANGRY_SHARE ? 1 : 0;
    angryCount += angry[id];
    brand[id] = incident ? INCIDENT_BRAND : weighted(brandIndexes, hashUnit(id, 8));
    if (hashUnit(id, 22) < SECOND_BRAND_SHARE)
      brand2[id] = (brand[id] + 1 + Math.floor(hashUnit(id, 24) * (brands.length - 1))) % brands.length;
    category[id] = incident ? outage : angry[id] ? weighted(CATEGORY_INDEXES, hashUnit(id, 23)) : other;
    // Angry posts come from fewer people, the low numbers often (repeat complainers).
    author[id] = angry[id]
      ? Math.floor(scale.caseAuthors * hashUnit(id, 7) ** 2)
      : hashUnit(id, 6) < 0.3
        ? Math.floor(hashUnit(id, 7) * scale.caseAuthors)
        : scale.caseAuthors + Math.floor(hashUnit(id, 7) * (scale.authors - scale.caseAuthors));
  }
  const openShare = scale.cases / (angryCount - 2 * THREAD_SHARE * scale.cases);
  const firstOf: number[] = [0];
  const lastOf: number[] = [0];
  const sizeOf: number[] = [0];
  for (let id = 1; id <= n; id++) {
    if (!angry[id] || caseOf[id] || rand() >= openShare) continue;
    const c = firstOf.length;
    caseOf[id] = c;
    firstOf.push(id);
    lastOf.push(id);
    sizeOf.push(1);
    if (rand() >= THREAD_SHARE) continue;
    const extra = 1 + Math.floor(rand() * 3);
    let j = id + 20 + Math.floor(rand() * 2000);
    for (let k = 0; k < extra; k++) {
      const limit = j + 500;
      while (j <= n && j < limit && (!angry[j] || caseOf[j])) j++;
      if (j > n || j >= limit) break;
      caseOf[j] = c;
      author[j] = author[id];
      brand[j] = brand[id];
      brand2[j] = 255;
      category[j] = category[id];
      lastOf[c] = j;
      sizeOf[c]++;
      j += 20 + Math.floor(rand() * 2000);
    }
  }
  const cases = firstOf.length - 1;

  const reachOf = (a: number) => (hashUnit(a, 3) < 0.15 ? null : Math.floor(Math.exp(hashUnit(a, 4) * 12)));
  const scoreOf = (id: number) =>
    Math.round((angry[id] ? 0.55 + 0.45 * hashUnit(id, 25) : 0.5 * hashUnit(id, 25)) * 1000) / 1000;
  const intensityOf = (score: number) => (score > 0.85 ? 'high' : score > 0.7 ? 'medium' : 'low');
  const textOf = (id: number) => {
    const b = brands[brand[id]];
    const phrases = angry[id] ? COMPLAINTS[CATEGORIES[category[id]]] : CALM;
    const body = phrases[Math.floor(hashUnit(id, 9) * phrases.length)] + TAILS[id % TAILS.length];
    return hashUnit(id, 10) < 0.5 ? `@${b.name} ${body}` : `${body} #${b.id}`;
  };

  const rows: Record<string, number> = {};
  rows.mention = await insertAll(db, 'mention', MENTION_COLUMNS, n, (i) => {
    const id = i + 1;
    const a = author[id];
    const source = sourceOf(a);
    const handle = handleOf(a, source);
    const text = textOf(id);
    const posted = postedAt(id);
    const score = scoreOf(id);
    return [
      source,
      `${id}`,
      `${source}-${brands[brand[id]].id}`,
      `https://${source}.example/${handle ?? 'post'}/${id}`,
      handle,
      nameOf(a, source),
      reachOf(a),
      text,
      'en',
      iso(posted),
      iso(Math.min(now, posted + 60_000 + Math.floor(hashUnit(id, 11) * 240_000))),
      JSON.stringify({ id: `${id}`, author: handle, text }),
      angry[id],
      score,
      intensityOf(score),
      CATEGORIES[category[id]],
      angry[id] ? '["negative words"]' : '[]',
      angry[id] && hashUnit(id, 12) < 0.02 ? '["legal"]' : '[]',
      'bench',
    ];
  });
  const brandRows: unknown[][] = [];
  for (let id = 1; id <= n; id++) {
    brandRows.push([id, brands[brand[id]].id, JSON.stringify([brands[brand[id]].id])]);
    if (brand2[id] !== 255)
      brandRows.push([id, brands[brand2[id]].id, JSON.stringify([brands[brand2[id]].id])]);
  }
  rows.mention_brand = await insertAll(
    db,
    'mention_brand',
    ['mention_id', 'brand_id', 'terms'],
    brandRows.length,
    (i) => brandRows[i],
  );
  brandRows.length = 0;

  const events: unknown[][] = [];
  const followUps: unknown[][] = [];
  const compensation: unknown[][] = [];
  const repeats = new Map<string, number>();
  const ev = (c: number, at: number, actor: string, kind: string, from: string | null, to: string | null) =>
    events.push([c, iso(Math.min(now - 1000, at)), actor, kind, from, to, null, null]);
  rows.triage_case = await insertAll(db, 'triage_case', CASE_COLUMNS, cases, (i) => {
    const c = i + 1;
    const first = firstOf[c];
    const a = author[first];
    const source = sourceOf(a);
    const handle = handleOf(a, source);
    const authorKey = authorKeyOf(source, handle);
    const brandId = brands[brand[first]].id;
    const cat = CATEGORIES[category[first]];
    const opened = postedAt(first);
    const status = statusFor(now - opened, rand());
    const open = isOpen(status);
    const repeatKey = `${authorKey}|${brandId}|${cat}`;
    const repeatCount = authorKey ? (repeats.get(repeatKey) ?? 0) : 0;
    if (authorKey && status !== 'dismissed') repeats.set(repeatKey, repeatCount + 1);
    const assigned = status === 'new' ? rand() < 0.15 : rand() < 0.9;
    const person = people[Math.floor(rand() * people.length)];
    const owner = assigned ? (person?.id ?? OWNERS[c % OWNERS.length]) : null;
    const due = rules.clockFor(brandId).dueAt(new Date(opened)).getTime();
    const answered = status === 'replied' || status === 'awaiting_follow_up' || status === 'resolved';
    // Answered between a tenth of the target and 1.4 times it: some late.
    const responded = answered
      ? Math.min(now - 60_000, opened + Math.max(60_000, (0.1 + rand() * 1.3) * (due - opened)))
      : null;
    const breached = responded !== null ? (responded > due ? due : null) : open && due <= now ? due : null;
    const resolved =
      status === 'resolved' ? Math.min(now - 30_000, (responded ?? opened) + HOUR + rand() * 2 * DAY) : null;
    const dismissedAt = status === 'dismissed' ? Math.min(now - 30_000, opened + rand() * DAY) : null;
    const lastPost = postedAt(lastOf[c]);
    const updated = Math.max(lastPost, resolved ?? dismissedAt ?? responded ?? opened);
    const priority = Math.round(150 * rand() ** 1.6 * (open ? 1 : 0.6) * 100) / 100;
    const actor = owner ?? 'lead';

    ev(c, opened, 'defuse', 'opened', null, 'new');
    if (owner) ev(c, opened + 5 * 60_000, 'lead', 'assigned', null, null);
    if (status !== 'new')
      ev(c, responded ?? dismissedAt ?? opened + 10 * 60_000, actor, 'status', 'new', status);
    if (responded !== null) ev(c, responded, actor, 'replied', null, null);
    if (responded !== null) {
      const checkIn = responded + rules.settings.followUpAfter;
      const promise = status === 'replied' && rand() < 0.15;
      const dueAt = promise ? responded + DAY : checkIn;
      // Pending: a check-in being waited on, or a promise; kept for at most two days past due.
      if ((status === 'awaiting_follow_up' || promise) && dueAt > now - 2 * DAY) {
        followUps.push([
          ...[c, promise ? 'promise' : 'check_in', promise ? 'within 24 hours' : null, iso(dueAt)],
          ...['pending', null, iso(responded), null, null, dueAt <= now ? iso(dueAt) : null],
        ]);
      } else if (status === 'resolved' || status === 'awaiting_follow_up' || promise) {
        const waived = rand() < 0.1;
        followUps.push([
          ...[c, promise ? 'promise' : 'check_in', promise ? 'within 24 hours' : null, iso(dueAt)],
          ...[waived ? 'waived' : 'done', waived ? 'customer said all good' : null, iso(responded)],
          ...[iso(Math.min(now - 1000, dueAt)), actor, null],
        ]);
      }
    }
    if (resolved !== null && rand() < 0.06)
      compensation.push([
        ...[c, weighted(COMPENSATION_KINDS, rand()), 500 + Math.floor(rand() * 4500)],
        ...[brand[first] % 2 ? 'GBP' : 'EUR', null, iso(resolved), actor],
      ]);
    return [
      ...[c, brandId, source, authorKey, handle, nameOf(a, source), status, open ? 1 : 0, owner],
      ...[owner ? (people.find((p) => p.id === owner)?.team ?? null) : null, '[]', cat, scoreOf(first)],
      ...[intensityOf(scoreOf(first)), reachOf(a), '[]', repeatCount, priority, '[]'],
      ...[!open || responded !== null ? 1 : 0, '[]', first, textOf(first).slice(0, 280), sizeOf[c]],
      ...[iso(opened), iso(lastPost), iso(updated), iso(due), responded === null ? null : iso(responded)],
      ...[breached === null ? null : iso(breached), responded === null ? null : iso(responded)],
      resolved === null ? null : iso(resolved),
    ];
  });
  rows.case_mention = await insertAll(db, 'case_mention', ['case_id', 'mention_id', 'added_at'], n, (i) => {
    const id = i + 1;
    const c = caseOf[id];
    if (!c) return null;
    if (id !== firstOf[c]) ev(c, postedAt(id) + 60_000, 'defuse', 'thread', null, null);
    return [c, id, iso(Math.min(now, postedAt(id) + 60_000))];
  });
  rows.case_event = await insertAll(db, 'case_event', EVENT_COLUMNS, events.length, (i) => events[i]);
  rows.follow_up = await insertAll(db, 'follow_up', FOLLOW_UP_COLUMNS, followUps.length, (i) => followUps[i]);
  rows.compensation = await insertAll(
    db,
    'compensation',
    COMPENSATION_COLUMNS,
    compensation.length,
    (i) => compensation[i],
  );
  return { rows };
}

const COMPENSATION_KINDS = [
  ['refund', 50],
  ['credit', 25],
  ['gift', 15],
  ['replacement', 10],
] as const;

// ---------------------------------------------------------------------------------------------- timing

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1] };
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const ms = (n: number) => n.toFixed(1);
const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
}
