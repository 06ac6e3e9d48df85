import type { DigestContent } from './digest-content';
import { escapeHtml, renderDigest, safeUrl } from './digest-render';

const HOSTILE = `<script>alert("x")</script> <img src=x "onerror=alert(1)"> Fish & Chips`;
const BASE = 'https://defuse.example.com';
const link = (caseId: number) => ({ caseId, url: `${BASE}/#case/${caseId}` });

function content(overrides: Partial<DigestContent> = {}): DigestContent {
  return {
    user: { email: 'ann@example.com', name: 'Ann <b>' },
    day: '2026-11-21',
    dayLabel: 'Sat 21 Nov',
    timeZone: 'Pacific/Auckland',
    from: '2026-11-20T11:00:00.000Z',
    until: '2026-11-21T11:00:00.000Z',
    brands: ['acme', 'globex'],
    dashboardUrl: BASE,
    generatedAt: '2026-11-21T20:00:00.000Z',
    yesterday: {
      mentions: 1234,
      angryMentions: 42,
      casesOpened: 17,
      replied: 15,
      resolved: 9,
      dismissed: 2,
      firstResponseMedianMinutes: 23.5,
      firstResponseP90Minutes: 95,
      slaBreaches: 4,
      missedComplaints: 3,
    },
    stillOpen: {
      top: [
        {
          ...link(101),
          author: HOSTILE,
          firstLine: `${HOSTILE} first line`,
          category: 'billing',
          categoryLabel: 'billing & refunds',
          brandId: 'acme',
          priority: 87.5,
          overdue: true,
          overdueReason: 'no reply, SLA passed',
          ageMinutes: 190,
        },
        {
          ...link(102),
          author: '@bob',
          firstLine: 'late parcel',
          category: 'delivery',
          categoryLabel: 'delivery & shipping',
          brandId: 'globex',
          priority: 40,
          overdue: false,
          overdueReason: null,
          ageMinutes: 3000,
        },
      ],
      total: 25,
      overdue: 3,
    },
    promises: {
      items: [
        {
          ...link(103),
          followUpId: 7,
          kind: 'promise',
          phrase: `within 24 hours ${HOSTILE}`,
          author: '@carl',
          dueAt: '2026-11-21T18:00:00.000Z',
          dueLocal: 'Sun 22 Nov, 07:00',
          overdue: true,
        },
        {
          ...link(104),
          followUpId: 8,
          kind: 'check_in',
          phrase: null,
          author: null,
          dueAt: '2026-11-22T03:00:00.000Z',
          dueLocal: 'Sun 22 Nov, 16:00',
          overdue: false,
        },
      ],
      total: 2,
      overdue: 1,
    },
    causes: {
      byCategory: [
        {
          key: 'billing',
          label: 'billing & refunds',
          count: 12,
          average7d: 3.4,
          hot: true,
          sample: {
            mentionId: 5,
            text: `charged twice ${HOSTILE}`,
            author: '@dana',
            postUrl: 'javascript:alert(1)',
            case: link(101),
          },
        },
        { key: 'delivery', label: 'delivery & shipping', count: 5, average7d: 6, hot: false, sample: null },
      ],
      byBrand: [
        {
          key: 'acme',
          label: 'acme',
          count: 30,
          average7d: 10,
          hot: true,
          sample: {
            mentionId: 6,
            text: 'down again',
            author: null,
            postUrl: 'https://mastodon.example/@x/6',
            case: null,
          },
        },
      ],
      repeatComplainers: [{ author: `${HOSTILE}`, cases: 2, earlierSameCategory: 3, latest: link(105) }],
    },
    compensation: {
      totals: [
        { currency: 'EUR', amountMinor: 1750, formatted: '€17.50', count: 2 },
        { currency: 'JPY', amountMinor: 1000, formatted: 'JP¥1,000', count: 1 },
      ],
      byKind: [
        { kind: 'refund', count: 2 },
        { kind: 'gift', count: 1 },
      ],
    },
    chart: Array.from({ length: 14 }, (_, i) => ({
      day: `2026-11-${String(8 + i).padStart(2, '0')}`,
      count: i === 13 ? 42 : i,
    })),
    quiet: false,
    ...overrides,
  };
}

const brandNames = { acme: 'Acme & Co', globex: 'Globex' };

describe('renderDigest', () => {
  it('says the two numbers that matter in the subject', () => {
    expect(renderDigest(content(), { brandNames }).subject).toBe(
      'Defuse digest for Sat 21 Nov: 42 angry mentions, 3 overdue, 1 promise late, 2 hot spots',
    );
  });

  it('escapes everything that comes from outside and links only http(s)', () => {
    const { html } = renderDigest(content(), { brandNames });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('"onerror=');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;onerror=alert(1)&quot;');
    expect(html).toContain('Fish &amp; Chips');
    expect(html).toContain('Acme &amp; Co');
    expect(html).toContain('Hello Ann &lt;b&gt;');
    // No bare "&" outside an entity anywhere.
    expect(html).not.toMatch(/&(?![a-z]+;|#\d+;)/);
    // Every href is an http(s) URL.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(html).not.toMatch(/<link|@import|url\(|<style|\son[a-z]+=/i);
  });

  it('carries the numbers and the links in both parts, in the order of the sections', () => {
    const { html, text } = renderDigest(content(), { brandNames });
    for (const part of [html, text]) {
      for (const url of [101, 102, 103, 104, 105].map((id) => `${BASE}/#case/${id}`))
        expect(part).toContain(url);
      expect(part).toContain('https://mastodon.example/@x/6');
      for (const figure of [
        '42',
        '1,234',
        '17',
        '24 min',
        '1 h 35 min',
        '€17.50',
        'JP¥1,000',
        'Sun 22 Nov, 07:00',
      ])
        expect(part).toContain(figure);
    }
    const order = (part: string, labels: string[]) =>
      labels.map((l) => part.toLowerCase().indexOf(l.toLowerCase()));
    const labels = [
      'yesterday in numbers',
      'still open',
      'promises due today',
      'causes',
      'compensation given',
      'last 14 days',
    ];
    for (const part of [html, text]) {
      const positions = order(part, labels);
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    // The overdue case comes before the other and is marked.
    expect(text.indexOf('#101')).toBeLessThan(text.indexOf('#102'));
    expect(text).toContain('! OVERDUE #101');
    expect(text).toContain('billing & refunds');
    expect(text).toContain('HOT SPOT');
    expect(html).toContain('>HOT<');
  });

  it('aligns the numbers of the plain-text part', () => {
    const { text } = renderDigest(content(), { brandNames });
    const lines = text.split('\n');
    const start = lines.indexOf('YESTERDAY IN NUMBERS') + 1;
    const block = lines.slice(start, lines.indexOf('', start));
    expect(block).toHaveLength(10);
    expect(new Set(block.map((l) => l.length)).size).toBe(1);
    expect(block[0]).toMatch(/^ {2}Angry mentions +42$/);
    const chart = lines.slice(lines.indexOf('ANGRY MENTIONS, LAST 14 DAYS') + 1).slice(0, 14);
    expect(chart[13]).toBe(`  2026-11-21  42  ${'#'.repeat(30)}`);
    expect(chart[0]).toBe('  2026-11-08   0  ');
  });

  it('draws the 14-day chart with table cells sized inline', () => {
    const { html } = renderDigest(content(), { brandNames });
    const bars = [...html.matchAll(/<div style="height:(\d+)px;[^"]*background:/g)].map((m) => Number(m[1]));
    // Day 0 has no mentions and no bar; the largest day is the full 80 px.
    expect(bars).toHaveLength(13);
    expect(Math.max(...bars)).toBe(80);
    expect(bars[0]).toBe(2);
  });

  it('renders a quiet day short, with an "all quiet" subject', () => {
    const quiet = content({
      quiet: true,
      yesterday: { ...content().yesterday, angryMentions: 0, casesOpened: 0 },
      stillOpen: { top: [], total: 0, overdue: 0 },
      promises: { items: [], total: 0, overdue: 0 },
      causes: { byCategory: [], byBrand: [], repeatComplainers: [] },
      chart: content().chart.map((d) => ({ ...d, count: 0 })),
    });
    const { subject, html, text } = renderDigest(quiet, { brandNames });
    expect(subject).toBe('Defuse digest for Sat 21 Nov: all quiet');
    expect(html).toContain('All quiet yesterday');
    expect(text).toContain('ALL QUIET YESTERDAY');
    expect(html).not.toContain('Still open');
    expect(html.length).toBeLessThan(renderDigest(content(), { brandNames }).html.length / 2);
  });

  it('escapeHtml and safeUrl', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(safeUrl('https://a.example/x?y=1&z=2')).toBe('https://a.example/x?y=1&z=2');
    expect(safeUrl('HTTP://A.example')).toBe('http://a.example/');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      ' javascript:x',
      'ftp://a',
      '/relative',
      '',
      null,
    ])
      expect(safeUrl(bad)).toBeNull();
  });
});
