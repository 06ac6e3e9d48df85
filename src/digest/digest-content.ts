import type { FollowUpKind } from '../triage/entities/follow-up.entity';

/** What one digest is built for: one person, one local day. */
export interface DigestRequest {
  user: { email: string; name: string | null };
  /** 'YYYY-MM-DD': "yesterday" in the user's time zone (the caller picks it). */
  day: string;
  /** IANA time zone, e.g. 'Pacific/Auckland'. */
  timeZone: string;
  /** Brand ids the user follows; null = every configured brand. */
  brands: string[] | null;
  /** The dashboard's base URL; a case link is `${dashboardUrl}/#case/${id}`. */
  dashboardUrl: string;
  /** "Today" (for promises and what is still open) is the local day of `now`. */
  now: Date;
}

/** A link to one case in the dashboard. */
export interface CaseLink {
  caseId: number;
  url: string;
}

/** Yesterday in numbers, all for the user's brands. */
export interface DayNumbers {
  mentions: number;
  angryMentions: number;
  casesOpened: number;
  /** Cases whose first response was recorded that day. */
  replied: number;
  resolved: number;
  /** Cases moved to "dismissed" that day (each case once, however often it was moved). */
  dismissed: number;
  /** From the post to the first response, over the cases first responded that day; null when none. */
  firstResponseMedianMinutes: number | null;
  firstResponseP90Minutes: number | null;
  slaBreaches: number;
  /** Posts the classifier passed as calm that someone marked as complaints that day (corrections). */
  missedComplaints: number;
}

export interface OpenCase extends CaseLink {
  author: string | null;
  /** First line of the first post, shortened. */
  firstLine: string;
  category: string;
  categoryLabel: string;
  brandId: string;
  priority: number;
  /** Unanswered past the first-response target, or a pending follow-up past due. */
  overdue: boolean;
  /** Why it is overdue, in a few words ("no reply, SLA passed", "follow-up past due"); null when not. */
  overdueReason: string | null;
  /** Since the post that opened it, in whole minutes. */
  ageMinutes: number;
}

export interface StillOpen {
  /** At most 10: overdue ones first, each group by priority. */
  top: OpenCase[];
  /** Every open case of the user's brands. */
  total: number;
  /** Open cases that are overdue (see OpenCase.overdue). */
  overdue: number;
}

export interface DuePromise extends CaseLink {
  followUpId: number;
  kind: FollowUpKind;
  /** What the reply promised, in its words; null for a check-in. */
  phrase: string | null;
  author: string | null;
  dueAt: string;
  /** The due time in the user's zone, e.g. "Sun 22 Nov, 14:00". */
  dueLocal: string;
  overdue: boolean;
}

export interface Promises {
  /** Oldest due first (so overdue ones lead); at most 10. */
  items: DuePromise[];
  /** Pending follow-ups due by the end of today, overdue included. */
  total: number;
  overdue: number;
}

export interface SamplePost {
  mentionId: number;
  /** At most ~200 characters. */
  text: string;
  author: string | null;
  /** The post on its platform (http(s) only, else null). */
  postUrl: string | null;
  /** The case it belongs to, if any. */
  case: CaseLink | null;
}

/** Angry mentions of one category or brand on the day, against the 7 local days before it. */
export interface CauseCount {
  /** A category id or a brand id. */
  key: string;
  /** The category's label or the brand id (the renderer names brands). */
  label: string;
  count: number;
  /** Average per day over the previous 7 local days (days with none count as 0), one decimal. */
  average7d: number;
  /** count ≥ 3 and count ≥ 1.5 × average7d (see HOT_SPOT_MIN_COUNT / HOT_SPOT_RATIO). */
  hot: boolean;
  /** The most confident angry post of the day behind a hot spot; null when not hot. */
  sample: SamplePost | null;
}

export interface RepeatComplainer {
  author: string;
  /** Cases of this author opened that day. */
  cases: number;
  /** The most earlier same-category cases any of them had (triage_case.repeat_count). */
  earlierSameCategory: number;
  latest: CaseLink;
}

export interface Causes {
  /** Largest first; only keys with a mention that day or in the 7 days before. */
  byCategory: CauseCount[];
  byBrand: CauseCount[];
  /** At most 10, most cases first. */
  repeatComplainers: RepeatComplainer[];
}

export interface CompensationTotal {
  currency: string;
  /** Exact, in the currency's minor units. */
  amountMinor: number;
  /** e.g. "€25.50". */
  formatted: string;
  count: number;
}

export interface Compensation {
  totals: CompensationTotal[];
  byKind: { kind: string; count: number }[];
}

export interface ChartDay {
  day: string;
  count: number;
}

export interface DigestContent {
  user: { email: string; name: string | null };
  day: string;
  /** e.g. "Sat 21 Nov". */
  dayLabel: string;
  timeZone: string;
  /** The day's bounds in UTC: [from, until). 23 or 25 hours on a daylight-saving change. */
  from: string;
  until: string;
  /** The brand ids covered (all configured brands when the user follows none in particular). */
  brands: string[];
  dashboardUrl: string;
  generatedAt: string;
  yesterday: DayNumbers;
  stillOpen: StillOpen;
  promises: Promises;
  causes: Causes;
  compensation: Compensation;
  /** Angry mentions per local day, the 14 days ending with `day`, oldest first. */
  chart: ChartDay[];
  /** No angry mentions, no cases opened, nothing overdue and no promise due. */
  quiet: boolean;
}
