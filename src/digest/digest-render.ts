import type { CauseCount, DigestContent, SamplePost } from './digest-content';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  /** Brand id → the name people know it by; an unknown id shows as itself. */
  brandNames: Record<string, string>;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The URL when it is http(s) and parses, else null: a link from the database never becomes `javascript:`. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The digest as an email: a subject that says the two numbers that matter, an HTML part for common
 * clients (tables and inline styles only: no script, no SVG, no external images or CSS) and a plain-text
 * part with the same information. Sections go from what needs doing now to the background.
 */
export function renderDigest(content: DigestContent, opts: RenderOptions): RenderedDigest {
  const view = new DigestView(content, opts);
  return { subject: view.subject(), html: view.html(), text: view.text() };
}

// Colours and type: one palette, system fonts, readable without images.
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#e4e7eb';
const RED = '#c62828';
const BAR = '#d64545';
const LINK = '#1a5fb4';
const CHART_HEIGHT_PX = 80;

class DigestView {
  constructor(
    private readonly c: DigestContent,
    private readonly opts: RenderOptions,
  ) {}

  subject(): string {
    const c = this.c;
    if (c.quiet) return `Defuse digest for ${c.dayLabel}: all quiet`;
    const parts = [plural(c.yesterday.angryMentions, 'angry mention')];
    if (c.stillOpen.overdue > 0) parts.push(`${num(c.stillOpen.overdue)} overdue`);
    if (c.promises.overdue > 0) parts.push(plural(c.promises.overdue, 'promise') + ' late');
    const hot = [...c.causes.byCategory, ...c.causes.byBrand].filter((x) => x.hot).length;
    if (hot > 0) parts.push(plural(hot, 'hot spot'));
    return `Defuse digest for ${c.dayLabel}: ${parts.join(', ')}`;
  }

  // ---------------------------------------------------------------- HTML

  html(): string {
    const c = this.c;
    const sections = c.quiet
      ? [this.quietHtml(), this.promisesHtml(), this.chartHtml()]
      : [
          this.numbersHtml(),
          this.stillOpenHtml(),
          this.promisesHtml(),
          this.causesHtml(),
          this.compensationHtml(),
          this.chartHtml(),
        ];
    const greeting = c.user.name ? `Hello ${escapeHtml(c.user.name)}, this` : 'This';
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(this.subject())}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;${FONT};color:${INK}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f5f7fa"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid ${RULE};border-radius:6px">
<tr><td style="padding:20px 24px 8px 24px">
<div style="font-size:20px;font-weight:bold;${FONT}">Defuse digest · ${escapeHtml(c.dayLabel)}</div>
<div style="font-size:13px;color:${MUTED};${FONT}">${greeting} is yesterday for ${escapeHtml(this.brandList())} (${escapeHtml(c.day)}, ${escapeHtml(c.timeZone)}).</div>
</td></tr>
${sections
  .filter((s) => s !== '')
  .map((s) => `<tr><td style="padding:8px 24px 12px 24px">${s}</td></tr>`)
  .join('\n')}
<tr><td style="padding:12px 24px 20px 24px;font-size:12px;color:${MUTED};${FONT}">${this.a(c.dashboardUrl, 'Open the dashboard')} · sent to ${escapeHtml(c.user.email)}</td></tr>
</table></td></tr></table>
</body></html>
`;
  }

  private quietHtml(): string {
    const c = this.c;
    return `${h2('All quiet yesterday')}<p style="margin:0;font-size:14px;${FONT}">No angry mentions, no new cases, nothing overdue. ${c.yesterday.mentions} ${c.yesterday.mentions === 1 ? 'mention' : 'mentions'} in all; ${c.stillOpen.total} open ${c.stillOpen.total === 1 ? 'case' : 'cases'}.</p>`;
  }

  private numbersHtml(): string {
    const y = this.c.yesterday;
    const cells: [string, string, string?][] = [
      ['Angry', num(y.angryMentions), y.angryMentions > 0 ? RED : undefined],
      ['Mentions', num(y.mentions)],
      ['New cases', num(y.casesOpened)],
      ['Replied', num(y.replied)],
      ['Resolved', num(y.resolved)],
      ['Dismissed', num(y.dismissed)],
      ['1st reply (median)', minutesLabel(y.firstResponseMedianMinutes)],
      ['1st reply (90%)', minutesLabel(y.firstResponseP90Minutes)],
      ['SLA breaches', num(y.slaBreaches), y.slaBreaches > 0 ? RED : undefined],
      ['Missed by the classifier', num(y.missedComplaints)],
    ];
    const rows: string[] = [];
    for (let i = 0; i < cells.length; i += 3)
      rows.push(
        `<tr>${cells
          .slice(i, i + 3)
          .map(
            ([label, value, colour]) =>
              `<td width="33%" style="padding:6px 4px;border-top:1px solid ${RULE};${FONT}"><div style="font-size:22px;font-weight:bold;color:${colour ?? INK}">${escapeHtml(value)}</div><div style="font-size:12px;color:${MUTED}">${escapeHtml(label)}</div></td>`,
          )
          .join('')}</tr>`,
      );
    return `${h2('Yesterday in numbers')}${table(rows.join(''))}`;
  }

  private stillOpenHtml(): string {
    const s = this.c.stillOpen;
    const title = `Still open: ${num(s.total)}${s.overdue > 0 ? `, ${num(s.overdue)} overdue` : ''}`;
    if (s.top.length === 0) return `${h2(title)}${p('Nothing open. Well done.')}`;
    const rows = s.top
      .map((o) => {
        const flag = o.overdue
          ? `<span style="color:${RED};font-weight:bold">OVERDUE</span> <span style="color:${MUTED}">${escapeHtml(o.overdueReason ?? '')}</span><br>`
          : '';
        return `<tr><td style="padding:6px 8px 6px 0;border-top:1px solid ${RULE};vertical-align:top;font-size:14px;white-space:nowrap;${FONT}">${this.a(o.url, `#${o.caseId}`)}</td><td style="padding:6px 0;border-top:1px solid ${RULE};font-size:14px;${FONT}">${flag}<b>${escapeHtml(o.author ?? 'unknown author')}</b>: ${escapeHtml(o.firstLine)}<br><span style="font-size:12px;color:${MUTED}">${escapeHtml(this.brandName(o.brandId))} · ${escapeHtml(o.categoryLabel)} · priority ${o.priority} · ${escapeHtml(ageLabel(o.ageMinutes))} old</span></td></tr>`;
      })
      .join('');
    const more = s.total > s.top.length ? p(`and ${num(s.total - s.top.length)} more in the queue.`) : '';
    return `${h2(title)}${table(rows)}${more}`;
  }

  private promisesHtml(): string {
    const pr = this.c.promises;
    if (pr.total === 0) return this.c.quiet ? '' : `${h2('Promises due today')}${p('None due today.')}`;
    const title = `Promises due today: ${num(pr.total)}${pr.overdue > 0 ? `, ${num(pr.overdue)} overdue` : ''}`;
    const rows = pr.items
      .map(
        (f) =>
          `<tr><td style="padding:6px 8px 6px 0;border-top:1px solid ${RULE};vertical-align:top;font-size:14px;white-space:nowrap;${FONT}">${this.a(f.url, `#${f.caseId}`)}</td><td style="padding:6px 0;border-top:1px solid ${RULE};font-size:14px;${FONT}">${f.overdue ? `<span style="color:${RED};font-weight:bold">OVERDUE</span> ` : ''}${escapeHtml(promiseLabel(f.kind, f.phrase))}<br><span style="font-size:12px;color:${MUTED}">due ${escapeHtml(f.dueLocal)}${f.author ? ` · ${escapeHtml(f.author)}` : ''}</span></td></tr>`,
      )
      .join('');
    const more = pr.total > pr.items.length ? p(`and ${num(pr.total - pr.items.length)} more.`) : '';
    return `${h2(title)}${table(rows)}${more}`;
  }

  private causesHtml(): string {
    const { byCategory, byBrand, repeatComplainers } = this.c.causes;
    if (byCategory.length + byBrand.length + repeatComplainers.length === 0) return '';
    const causeTable = (title: string, causes: CauseCount[], name: (c: CauseCount) => string) => {
      if (causes.length === 0) return '';
      const rows = causes
        .map((x) => {
          const hot = x.hot
            ? ` <span style="color:#ffffff;background:${RED};padding:1px 5px;border-radius:3px;font-size:11px;font-weight:bold">HOT</span>`
            : '';
          const sample = x.sample
            ? `<tr><td colspan="3" style="padding:0 0 8px 12px;font-size:13px;color:${MUTED};${FONT}">${this.sampleHtml(x.sample)}</td></tr>`
            : '';
          return `<tr><td style="padding:4px 8px 4px 0;border-top:1px solid ${RULE};font-size:14px;${FONT}">${escapeHtml(name(x))}${hot}</td><td align="right" style="padding:4px 8px;border-top:1px solid ${RULE};font-size:14px;font-weight:bold;${FONT}">${num(x.count)}</td><td align="right" style="padding:4px 0;border-top:1px solid ${RULE};font-size:12px;color:${MUTED};white-space:nowrap;${FONT}">avg ${x.average7d.toFixed(1)} ${escapeHtml(trend(x))}</td></tr>${sample}`;
        })
        .join('');
      return `<div style="font-size:13px;font-weight:bold;color:${MUTED};margin:8px 0 2px 0;${FONT}">${escapeHtml(title)}</div>${table(rows)}`;
    };
    const repeat =
      repeatComplainers.length === 0
        ? ''
        : `<div style="font-size:13px;font-weight:bold;color:${MUTED};margin:8px 0 2px 0;${FONT}">Repeat complainers</div>${table(
            repeatComplainers
              .map(
                (r) =>
                  `<tr><td style="padding:4px 8px 4px 0;border-top:1px solid ${RULE};font-size:14px;${FONT}">${escapeHtml(r.author)}</td><td style="padding:4px 0;border-top:1px solid ${RULE};font-size:13px;color:${MUTED};${FONT}">${escapeHtml(repeatLabel(r.cases, r.earlierSameCategory))} · latest ${this.a(r.latest.url, `#${r.latest.caseId}`)}</td></tr>`,
              )
              .join(''),
          )}`;
    return `${h2('Causes: angry mentions vs the 7 days before')}${causeTable('By category', byCategory, (x) => x.label)}${causeTable('By brand', byBrand, (x) => this.brandName(x.key))}${repeat}`;
  }

  private sampleHtml(s: SamplePost): string {
    const links = [
      s.case ? this.a(s.case.url, `case #${s.case.caseId}`) : '',
      s.postUrl ? this.a(s.postUrl, 'post') : '',
    ]
      .filter((l) => l !== '')
      .join(' · ');
    return `“${escapeHtml(s.text)}” — ${escapeHtml(s.author ?? 'unknown author')}${links ? ` · ${links}` : ''}`;
  }

  private compensationHtml(): string {
    const comp = this.c.compensation;
    if (comp.totals.length === 0) return '';
    const totals = comp.totals
      .map(
        (t) =>
          `<tr><td style="padding:4px 8px 4px 0;border-top:1px solid ${RULE};font-size:14px;${FONT}">${escapeHtml(t.currency)}</td><td align="right" style="padding:4px 8px;border-top:1px solid ${RULE};font-size:14px;font-weight:bold;${FONT}">${escapeHtml(t.formatted)}</td><td align="right" style="padding:4px 0;border-top:1px solid ${RULE};font-size:12px;color:${MUTED};${FONT}">${plural(t.count, 'case entry', 'case entries')}</td></tr>`,
      )
      .join('');
    const kinds = comp.byKind.map((k) => `${k.count} ${k.kind}`).join(', ');
    return `${h2('Compensation given')}${table(totals)}${p(escapeHtml(kinds))}`;
  }

  /** A bar chart of table cells: heights inline, no images, so every client shows it. */
  private chartHtml(): string {
    const chart = this.c.chart;
    if (chart.length === 0) return '';
    const max = Math.max(1, ...chart.map((d) => d.count));
    const bars = chart
      .map((d, i) => {
        const height = d.count === 0 ? 0 : Math.max(2, Math.round((d.count / max) * CHART_HEIGHT_PX));
        const colour = i === chart.length - 1 ? BAR : '#e8a3a3';
        const bar =
          height === 0
            ? ''
            : `<div style="height:${height}px;line-height:${height}px;font-size:1px;background:${colour};width:100%">&nbsp;</div>`;
        return `<td valign="bottom" align="center" style="height:${CHART_HEIGHT_PX + 16}px;padding:0 2px;vertical-align:bottom"><div style="font-size:10px;color:${MUTED};${FONT}">${d.count}</div>${bar}</td>`;
      })
      .join('');
    const labels = chart
      .map(
        (d) =>
          `<td align="center" style="padding:2px 0 0 0;font-size:10px;color:${MUTED};border-top:1px solid ${RULE};${FONT}">${escapeHtml(d.day.slice(8))}</td>`,
      )
      .join('');
    return `${h2('Angry mentions, last 14 days')}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed"><tr>${bars}</tr><tr>${labels}</tr></table>${p(`${escapeHtml(chart[0].day)} to ${escapeHtml(chart[chart.length - 1].day)}; yesterday in dark red.`)}`;
  }

  /** A link when the URL is http(s); otherwise just the text. */
  private a(url: string, label: string): string {
    const href = safeUrl(url);
    return href
      ? `<a href="${escapeHtml(href)}" style="color:${LINK};text-decoration:underline">${escapeHtml(label)}</a>`
      : escapeHtml(label);
  }

  // ---------------------------------------------------------------- text

  text(): string {
    const c = this.c;
    const out: string[] = [
      `Defuse digest for ${c.dayLabel}`,
      `${this.brandList()}, ${c.day} (${c.timeZone})`,
      '',
    ];
    if (c.quiet) {
      out.push(
        'ALL QUIET YESTERDAY',
        `No angry mentions, no new cases, nothing overdue. ${plural(c.yesterday.mentions, 'mention')} in all; ${plural(c.stillOpen.total, 'open case')}.`,
        '',
      );
      if (c.promises.total > 0) out.push(...this.promisesText());
      out.push(...this.chartText());
    } else {
      out.push(
        ...this.numbersText(),
        ...this.stillOpenText(),
        ...this.promisesText(),
        ...this.causesText(),
        ...this.compensationText(),
        ...this.chartText(),
      );
    }
    out.push(`Dashboard: ${safeUrl(c.dashboardUrl) ?? ''}`);
    return out.join('\n') + '\n';
  }

  private numbersText(): string[] {
    const y = this.c.yesterday;
    return [
      'YESTERDAY IN NUMBERS',
      ...aligned([
        ['Angry mentions', num(y.angryMentions)],
        ['Mentions', num(y.mentions)],
        ['New cases', num(y.casesOpened)],
        ['Replied', num(y.replied)],
        ['Resolved', num(y.resolved)],
        ['Dismissed', num(y.dismissed)],
        ['First reply, median', minutesLabel(y.firstResponseMedianMinutes)],
        ['First reply, 90%', minutesLabel(y.firstResponseP90Minutes)],
        ['SLA breaches', num(y.slaBreaches)],
        ['Missed by the classifier', num(y.missedComplaints)],
      ]),
      '',
    ];
  }

  private stillOpenText(): string[] {
    const s = this.c.stillOpen;
    const out = [`STILL OPEN: ${num(s.total)}${s.overdue > 0 ? `, ${num(s.overdue)} overdue` : ''}`];
    if (s.top.length === 0) out.push('Nothing open.');
    for (const o of s.top) {
      out.push(
        `${o.overdue ? '! OVERDUE ' : '- '}#${o.caseId} ${o.author ?? 'unknown author'}: ${o.firstLine}`,
        `  ${this.brandName(o.brandId)} · ${o.categoryLabel} · priority ${o.priority} · ${ageLabel(o.ageMinutes)} old${o.overdueReason ? ` · ${o.overdueReason}` : ''}`,
        `  ${o.url}`,
      );
    }
    if (s.total > s.top.length) out.push(`and ${num(s.total - s.top.length)} more in the queue.`);
    return [...out, ''];
  }

  private promisesText(): string[] {
    const pr = this.c.promises;
    if (pr.total === 0) return ['PROMISES DUE TODAY: none', ''];
    const out = [
      `PROMISES DUE TODAY: ${num(pr.total)}${pr.overdue > 0 ? `, ${num(pr.overdue)} overdue` : ''}`,
    ];
    for (const f of pr.items)
      out.push(
        `${f.overdue ? '! OVERDUE ' : '- '}#${f.caseId} ${promiseLabel(f.kind, f.phrase)}, due ${f.dueLocal}${f.author ? ` (${f.author})` : ''}`,
        `  ${f.url}`,
      );
    if (pr.total > pr.items.length) out.push(`and ${num(pr.total - pr.items.length)} more.`);
    return [...out, ''];
  }

  private causesText(): string[] {
    const { byCategory, byBrand, repeatComplainers } = this.c.causes;
    if (byCategory.length + byBrand.length + repeatComplainers.length === 0) return [];
    const out = ['CAUSES: ANGRY MENTIONS VS THE 7 DAYS BEFORE'];
    const section = (title: string, causes: CauseCount[], name: (c: CauseCount) => string) => {
      if (causes.length === 0) return;
      out.push(`${title}:`);
      const width = Math.max(...causes.map((x) => name(x).length));
      const countWidth = Math.max(...causes.map((x) => num(x.count).length));
      for (const x of causes) {
        out.push(
          `  ${name(x).padEnd(width)}  ${num(x.count).padStart(countWidth)}  avg ${x.average7d.toFixed(1).padStart(5)}  ${trend(x)}${x.hot ? '  HOT SPOT' : ''}`,
        );
        if (x.sample) out.push(...this.sampleText(x.sample));
      }
    };
    section('By category', byCategory, (x) => x.label);
    section('By brand', byBrand, (x) => this.brandName(x.key));
    if (repeatComplainers.length > 0) {
      out.push('Repeat complainers:');
      for (const r of repeatComplainers)
        out.push(`  ${r.author}: ${repeatLabel(r.cases, r.earlierSameCategory)}, latest ${r.latest.url}`);
    }
    return [...out, ''];
  }

  private sampleText(s: SamplePost): string[] {
    const out = [`      "${s.text}" (${s.author ?? 'unknown author'})`];
    if (s.case) out.push(`      case: ${s.case.url}`);
    const post = safeUrl(s.postUrl);
    if (post) out.push(`      post: ${post}`);
    return out;
  }

  private compensationText(): string[] {
    const comp = this.c.compensation;
    if (comp.totals.length === 0) return [];
    return [
      'COMPENSATION GIVEN',
      ...aligned(comp.totals.map((t) => [t.currency, t.formatted, plural(t.count, 'entry', 'entries')])),
      `  ${comp.byKind.map((k) => `${k.count} ${k.kind}`).join(', ')}`,
      '',
    ];
  }

  /** The same chart as text: one row per day, a bar of '#' scaled to 30 characters. */
  private chartText(): string[] {
    const chart = this.c.chart;
    if (chart.length === 0) return [];
    const max = Math.max(1, ...chart.map((d) => d.count));
    const width = String(max).length;
    return [
      'ANGRY MENTIONS, LAST 14 DAYS',
      ...chart.map(
        (d) =>
          `  ${d.day}  ${String(d.count).padStart(width)}  ${'#'.repeat(d.count === 0 ? 0 : Math.max(1, Math.round((d.count / max) * 30)))}`,
      ),
      '',
    ];
  }

  // ---------------------------------------------------------------- shared

  private brandName(id: string): string {
    return this.opts.brandNames[id] ?? id;
  }

  private brandList(): string {
    const names = this.c.brands.map((b) => this.brandName(b));
    return names.length === 0 ? 'no brands' : names.join(', ');
  }
}

function h2(title: string): string {
  return `<h2 style="margin:8px 0 6px 0;font-size:16px;${FONT};color:${INK}">${escapeHtml(title)}</h2>`;
}

/** `html` must already be escaped. */
function p(html: string): string {
  return `<p style="margin:4px 0;font-size:13px;color:${MUTED};${FONT}">${html}</p>`;
}

function table(rowsHtml: string): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${rowsHtml}</table>`;
}

/** Label and value columns with the values right-aligned under each other. */
function aligned(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map(
    (r) =>
      '  ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** "40,001": a count with thousands separators. */
function num(n: number): string {
  return n.toLocaleString('en-GB');
}

function minutesLabel(minutes: number | null): string {
  if (minutes === null) return '–';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function ageLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}

function trend(x: CauseCount): string {
  if (x.average7d === 0) return x.count > 0 ? 'new' : '';
  const change = Math.round(((x.count - x.average7d) / x.average7d) * 100);
  return change === 0 ? '=' : `${change > 0 ? '+' : ''}${change}%`;
}

function promiseLabel(kind: string, phrase: string | null): string {
  return kind === 'check_in' ? 'check in with the customer' : `promised "${phrase ?? 'a follow-up'}"`;
}

function repeatLabel(cases: number, earlier: number): string {
  const parts = [plural(cases, 'case')];
  if (earlier > 0) parts.push(`${plural(earlier, 'earlier case')} on the same issue`);
  return parts.join(', ');
}
