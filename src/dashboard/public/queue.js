'use strict';
// The queue: cases by priority with filters, "load more" paging, live SLA countdowns, and a selection
// that j/k move. Rows are rebuilt from the API's summaries; the selection and focus survive a refresh.

import { api, query, session } from './api.js';
import { $, el, setChildren } from './dom.js';
import { LANGUAGE_NOT_ANALYSED, duration, reach, sourceLabel, statusLabel, when } from './format.js';

const PAGE = 50;
/** A live refresh reloads at most this many rows (the API's largest page). */
const MAX_REFRESH = 200;

/** The first-response clock of a case, counting down from the moment its data arrived. */
export function slaBadge(sla, fetchedAt) {
  const badge = el('span', { className: 'sla', title: `First response due ${when(sla.dueAt)}` });
  if (sla.remainingMs !== null && sla.remainingMs !== undefined) {
    badge.dataset.deadline = String(fetchedAt + sla.remainingMs);
    updateCountdown(badge, Date.now());
  } else {
    const label = { met: 'answered in time', met_late: 'answered late', stopped: 'closed unanswered' };
    badge.textContent = label[sla.state] ?? sla.state;
    badge.classList.add(sla.state === 'met' ? 'sla-met' : 'sla-done');
  }
  return badge;
}

function updateCountdown(badge, now) {
  const left = Number(badge.dataset.deadline) - now;
  const overdue = left < 0;
  badge.textContent = overdue ? `overdue ${duration(left)}` : `${duration(left)} left`;
  badge.classList.toggle('sla-overdue', overdue);
  badge.classList.toggle('sla-soon', !overdue && left < 15 * 60_000);
}

/** One timer for every countdown on the page (queue rows and the case pane). */
export function startCountdowns() {
  return setInterval(() => {
    const now = Date.now();
    for (const badge of document.querySelectorAll('.sla[data-deadline]')) updateCountdown(badge, now);
  }, 1000);
}

/** The intensity bar: length from the anger score, colour and word from the intensity. */
export function angerMeter(score, intensity) {
  const fill = el('span', { className: 'anger-fill' });
  fill.style.width = `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`;
  return el(
    'span',
    { className: `anger anger-${intensity}`, title: `Anger score ${score.toFixed(2)}` },
    el('span', { className: 'anger-track', attrs: { 'aria-hidden': 'true' } }, fill),
    el('span', { className: 'anger-label' }, `${intensity} ${score.toFixed(2)}`),
  );
}

export function sourceBadge(source) {
  return el('span', { className: `source source-${source}` }, sourceLabel(source));
}

export class Queue {
  constructor({ onOpen, onError }) {
    this.list = $('#queue-list');
    this.form = $('#filters');
    this.moreButton = $('#load-more');
    this.summary = $('#queue-summary');
    this.error = $('#queue-error');
    this.onOpen = onOpen;
    this.onError = onError;
    this.items = [];
    this.fetchedAt = new Map();
    this.nextCursor = null;
    this.selectedId = null;
    this.openId = null;
    this.loading = 0;
    this.searchTimer = 0;
    /** Cases that arrived live and were just brought in by "N new": marked until the next load. */
    this.fresh = new Set();

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    this.form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'search') return;
      void this.load();
    });
    $('#filter-q').addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.load(), 250);
    });
    this.moreButton.addEventListener('click', () => void this.loadMore());
    this.list.addEventListener('click', (event) => {
      const row = event.target instanceof Element ? event.target.closest('.case-row') : null;
      if (!row) return;
      this.select(Number(row.dataset.id), false);
      this.onOpen(Number(row.dataset.id));
    });
  }

  filters() {
    const value = (id) => $(`#${id}`).value.trim();
    const owner = value('filter-owner');
    return {
      sort: value('filter-sort') || 'priority',
      status: value('filter-status'),
      brand: value('filter-brand'),
      category: value('filter-category'),
      source: value('filter-source'),
      owner: owner === 'me' ? session.user?.email : owner,
      overdue: $('#filter-overdue').checked,
      q: value('filter-q'),
    };
  }

  /** Brand choices, by name, from the configured brands. */
  async loadBrands() {
    const { items } = await api('GET', '/api/brands');
    const select = $('#filter-brand');
    const chosen = select.value;
    setChildren(
      select,
      el('option', { attrs: { value: '' } }, 'All brands'),
      ...items.map((brand) => el('option', { attrs: { value: brand.id } }, brand.name || brand.id)),
    );
    select.value = chosen;
  }

  /** Signed out: nothing of the last user's queue stays on the page. */
  reset() {
    this.loading++;
    this.items = [];
    this.nextCursor = null;
    this.selectedId = null;
    this.openId = null;
    setChildren(this.list);
    delete this.list.dataset.loaded;
    this.list.removeAttribute('aria-busy');
    this.summary.textContent = '';
  }

  /** The first page for the current filters; `fresh` cases (just arrived live) are marked. */
  async load(fresh = []) {
    this.fresh = new Set(fresh);
    await this.fetchPage(PAGE, null, 'replace');
  }

  async loadMore() {
    if (!this.nextCursor) return;
    await this.fetchPage(PAGE, this.nextCursor, 'append');
  }

  /** After a live event: the rows already shown, fresh, without moving the selection or focus. */
  async refresh() {
    await this.fetchPage(Math.min(MAX_REFRESH, Math.max(PAGE, this.items.length)), null, 'replace');
  }

  async fetchPage(limit, cursor, mode) {
    const ticket = ++this.loading;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const page = await api('GET', `/api/cases${query({ ...this.filters(), limit, cursor })}`);
      // Cases that just arrived may rank below the rows loaded (a big queue has many older, more urgent
      // cases): they are fetched by id and follow the loaded rows, in their order, marked, so "N new:
      // show" always shows them where they rank among what is on screen.
      const below = mode === 'replace' ? await this.fetchFresh(page.items) : [];
      // A newer request (the filters changed meanwhile) wins.
      if (ticket !== this.loading) return;
      this.error.textContent = '';
      const fetchedAt = Date.now();
      for (const item of [...page.items, ...below]) this.fetchedAt.set(item.id, fetchedAt);
      if (mode === 'append') {
        const shown = new Set(this.items.map((item) => item.id));
        this.items = [...this.items, ...page.items.filter((item) => !shown.has(item.id))];
      } else this.items = [...page.items, ...below];
      this.nextCursor = page.nextCursor;
      this.render();
    } catch (error) {
      if (ticket === this.loading) this.onError(error);
    } finally {
      if (ticket === this.loading) this.list.removeAttribute('aria-busy');
    }
  }

  /** The fresh cases that match the filters but are not among `loaded` (the API takes 200 ids at most). */
  async fetchFresh(loaded) {
    const missing = [...this.fresh].filter((id) => !loaded.some((item) => item.id === id)).slice(-200);
    if (missing.length === 0) return [];
    const { items } = await api(
      'GET',
      `/api/cases${query({ ...this.filters(), ids: missing.join(','), limit: 200 })}`,
    );
    return items;
  }

  showError(message) {
    this.error.textContent = message;
  }

  /** The first case marked just in, selected and scrolled into view; null when none is shown. */
  revealFresh() {
    const index = this.items.findIndex((item) => this.fresh.has(item.id));
    if (index < 0) return null;
    const id = this.items[index].id;
    this.select(id);
    this.buttonOf(id)?.scrollIntoView({ block: 'center' });
    return { id, rank: index + 1 };
  }

  /** A case the page just changed (the action answers with its detail): its row shows it at once. */
  update(detail) {
    const index = this.items.findIndex((item) => item.id === detail.id);
    if (index < 0) return;
    // The detail carries the priority with its explanation; a row shows only the number.
    const summary = { ...detail, priority: detail.priority.value };
    this.fetchedAt.set(summary.id, Date.now());
    this.items[index] = summary;
    const old = this.list.querySelector(`.case-row[data-id="${summary.id}"]`);
    const hadFocus = old !== null && old === document.activeElement;
    const row = this.row(summary);
    old?.closest('li')?.replaceWith(row);
    if (hadFocus) row.querySelector('button')?.focus();
  }

  render() {
    const focusedId =
      document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('case-row')
        ? Number(document.activeElement.dataset.id)
        : null;
    setChildren(this.list, ...this.items.map((item) => this.row(item)));
    if (this.selectedId !== null && !this.items.some((item) => item.id === this.selectedId))
      this.selectedId = null;
    this.markRows();
    if (focusedId !== null) this.buttonOf(focusedId)?.focus({ preventScroll: true });
    this.moreButton.hidden = !this.nextCursor;
    this.list.dataset.loaded = 'true';
    $('#queue-empty').hidden = this.items.length > 0;
    const n = this.items.length;
    this.summary.textContent =
      n === 0 ? '' : `${n} case${n === 1 ? '' : 's'} shown${this.nextCursor ? ', more below' : ''}`;
  }

  row(item) {
    const fetchedAt = this.fetchedAt.get(item.id) ?? Date.now();
    const author = item.author;
    const badges = [
      this.fresh.has(item.id) && el('span', { className: 'chip chip-fresh' }, 'just in'),
      item.escalated && el('span', { className: 'chip chip-escalated' }, 'escalated'),
      item.repeatComplaint &&
        el('span', { className: 'chip chip-repeat' }, `repeat ×${item.repeatCount + 1}`),
      item.mentionCount > 1 && el('span', { className: 'chip' }, `${item.mentionCount} posts`),
      // Opened because nobody analysed the post's language: the score and category say nothing.
      item.tags?.includes(LANGUAGE_NOT_ANALYSED) &&
        el('span', { className: 'chip chip-language' }, LANGUAGE_NOT_ANALYSED),
    ];
    const button = el(
      'button',
      {
        className: this.fresh.has(item.id) ? 'case-row is-fresh' : 'case-row',
        dataset: { id: String(item.id) },
        attrs: { type: 'button' },
      },
      el(
        'span',
        { className: 'row-top' },
        sourceBadge(item.source),
        el(
          'span',
          { className: 'who' },
          el('span', { className: 'author-name' }, author.name || author.handle || 'unknown author'),
          author.name && author.handle && author.name !== author.handle
            ? el('span', { className: 'handle' }, ` ${author.handle}`)
            : null,
          el('span', { className: 'reach' }, ` · ${reach(author.reach)}`),
        ),
        slaBadge(item.sla, fetchedAt),
      ),
      el('span', { className: 'first-line' }, item.firstLine),
      el(
        'span',
        { className: 'row-meta' },
        angerMeter(item.score, item.intensity),
        el('span', { className: 'chip chip-category' }, item.categoryLabel),
        el('span', { className: `chip status status-${item.status}` }, statusLabel(item.status)),
        el('span', { className: 'owner' }, item.owner ? `owner ${item.owner}` : 'unassigned'),
        el('span', { className: 'priority', title: 'Priority' }, `P${Math.round(item.priority)}`),
        badges,
      ),
    );
    return el('li', {}, button);
  }

  buttonOf(id) {
    return this.list.querySelector(`.case-row[data-id="${id}"]`);
  }

  markRows() {
    for (const button of this.list.querySelectorAll('.case-row')) {
      const id = Number(button.dataset.id);
      button.classList.toggle('is-selected', id === this.selectedId);
      button.classList.toggle('is-open', id === this.openId);
      if (id === this.openId) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  }

  select(id, focus = true) {
    this.selectedId = id;
    this.markRows();
    const button = this.buttonOf(id);
    if (button && focus) {
      button.focus({ preventScroll: true });
      button.scrollIntoView({ block: 'nearest' });
    }
  }

  setOpen(id) {
    this.openId = id;
    if (id !== null) this.selectedId = id;
    this.markRows();
  }

  /** j / k: the next or previous row; past the last loaded row, the next page is fetched. */
  async move(delta) {
    if (this.items.length === 0) return;
    const index = this.items.findIndex((item) => item.id === this.selectedId);
    let next = index < 0 ? 0 : index + delta;
    if (next >= this.items.length && this.nextCursor) await this.loadMore();
    next = Math.max(0, Math.min(this.items.length - 1, next));
    this.select(this.items[next].id);
  }

  selected() {
    return this.selectedId;
  }
}
