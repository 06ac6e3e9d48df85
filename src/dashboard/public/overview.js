'use strict';
// The overview tab: angry mentions over time (Chart.js, loaded the first time the tab opens, so the
// queue's first load stays small), first-response times, SLA breaches and the health of every feed.

import { api } from './api.js';
import { $, el, setChildren } from './dom.js';
import { ago, dayLabel, hourLabel, minutes, when } from './format.js';

/** Distinct, print-safe colours; text never sits on them. */
const PALETTE = [
  '#1f6fb2',
  '#d9480f',
  '#2b8a3e',
  '#862e9c',
  '#c2255c',
  '#5c940d',
  '#e67700',
  '#0b7285',
  '#495057',
];

let chartJs = null;

/** Chart.js's UMD bundle from our own origin: a script element, allowed by script-src 'self'. */
function loadChartJs() {
  chartJs ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/assets/chart.umd.js';
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', () => {
      chartJs = null;
      reject(new Error('The chart library could not be loaded.'));
    });
    document.head.append(script);
  });
  return chartJs;
}

export class Overview {
  constructor({ onError }) {
    this.onError = onError;
    this.data = null;
    this.charts = [];
    this.status = $('#overview-status');
    for (const input of document.querySelectorAll('input[name="overview-by"]'))
      input.addEventListener('change', () => this.drawCharts());
    $('#overview-refresh').addEventListener('click', () => void this.load());
  }

  async load() {
    this.status.textContent = 'Loading the overview…';
    try {
      const [Chart, data] = await Promise.all([loadChartJs(), api('GET', '/api/overview')]);
      this.Chart = Chart;
      this.data = data;
      this.fill();
      this.status.textContent = `Figures as of ${when(data.generatedAt)}.`;
    } catch (error) {
      this.status.textContent = `The overview could not be loaded: ${error.message}`;
      this.onError(error);
    }
  }

  fill() {
    const d = this.data;
    const fr = d.firstResponse;
    $('#stat-median').textContent = minutes(fr.medianMinutes);
    $('#stat-p90').textContent = minutes(fr.p90Minutes);
    $('#stat-replied').textContent = String(fr.replied);
    $('#stat-breach-24h').textContent = String(d.slaBreaches.last24h);
    $('#stat-breach-30d').textContent = String(d.slaBreaches.last30d);
    $('#stat-open-overdue').textContent = String(d.slaBreaches.openOverdue);
    $('#stat-open-overdue').classList.toggle('is-overdue', d.slaBreaches.openOverdue > 0);
    $('#stat-missed-30d').textContent = String(d.missedComplaints.last30d);
    this.drawCharts();
    this.fillFeeds();
  }

  drawCharts() {
    if (!this.data || !this.Chart) return;
    const byBrand = document.querySelector('input[name="overview-by"]:checked')?.value === 'brand';
    for (const chart of this.charts) chart.destroy();
    const { perHour, perDay, categories, brands } = this.data;
    const names = byBrand ? brands : categories;
    this.charts = [
      this.chart(
        '#chart-hourly',
        perHour.buckets.map(hourLabel),
        byBrand ? perHour.byBrand : perHour.byCategory,
        names,
      ),
      this.chart(
        '#chart-daily',
        perDay.buckets.map(dayLabel),
        byBrand ? perDay.byBrand : perDay.byCategory,
        names,
      ),
    ];
    const total = (series) => series.total.reduce((a, b) => a + b, 0);
    $('#chart-hourly').setAttribute(
      'aria-label',
      `Angry mentions per hour, last 24 hours: ${total(perHour)} in all`,
    );
    $('#chart-daily').setAttribute(
      'aria-label',
      `Angry mentions per day, last 30 days: ${total(perDay)} in all`,
    );
  }

  chart(selector, labels, series, names) {
    const keys = Object.keys(series).sort((a, b) => sum(series[b]) - sum(series[a]));
    return new this.Chart($(selector), {
      type: 'bar',
      data: {
        labels,
        datasets: keys.map((key, i) => ({
          label: names[key] ?? key,
          data: series[key],
          backgroundColor: PALETTE[i % PALETTE.length],
          borderWidth: 0,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: true,
            grid: { display: false },
            ticks: { color: '#3b4350', maxRotation: 0, autoSkipPadding: 8 },
          },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0, color: '#3b4350' } },
        },
        plugins: { legend: { position: 'bottom', labels: { color: '#1a1d23', boxWidth: 12 } } },
      },
    });
  }

  fillFeeds() {
    const now = Date.now();
    setChildren(
      $('#feed-rows'),
      ...this.data.feeds.map((f) =>
        el(
          'tr',
          {},
          el('th', { attrs: { scope: 'row' } }, f.id),
          el('td', {}, f.type),
          el('td', {}, el('span', { className: `chip feed-${f.status}` }, f.status)),
          el('td', { title: when(f.lastSuccessAt) }, ago(f.lastSuccessAt, now)),
          el(
            'td',
            { className: 'feed-error' },
            f.lastError
              ? [
                  el(
                    'span',
                    { className: 'muted' },
                    `${ago(f.lastErrorAt, now)}${f.lastErrorKind ? ` · ${f.lastErrorKind}` : ''}: `,
                  ),
                  f.lastError,
                ]
              : '—',
          ),
          el('td', {}, String(f.consecutiveFailures)),
          el('td', { title: when(f.nextPollAt) }, f.nextPollAt ? ago(f.nextPollAt, now) : '—'),
        ),
      ),
    );
  }
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}
