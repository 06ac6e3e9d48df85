'use strict';
// The mentions view: every stored post that matched a brand, flagged or not, with filters and search,
// so a complaint the classifier missed is never out of reach. "This is a complaint" records the
// correction and opens a case (POST /api/mentions/:id/case).

import { api, ApiError, canAct, query } from './api.js';
import { $, el, safeLink, setChildren } from './dom.js';
import { ago, reach, when } from './format.js';
import { sourceBadge } from './queue.js';

const PAGE = 50;
/** The score bands of the filter: [minScore, maxScore). */
const BANDS = { calm: [0, 0.3], near: [0.3, 0.5], flagged: [0.5, 1] };

export class MentionsView {
  constructor({ onOpenCase, announce, onError }) {
    this.list = $('#mentions-list');
    this.form = $('#mention-filters');
    this.summary = $('#mentions-summary');
    this.error = $('#mentions-error');
    this.moreButton = $('#mentions-more');
    this.onOpenCase = onOpenCase;
    this.announce = announce;
    this.onError = onError;
    this.items = [];
    this.nextCursor = null;
    this.loading = 0;
    this.searchTimer = 0;

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    this.form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'search') return;
      void this.load();
    });
    $('#mention-q').addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.load(), 250);
    });
    this.moreButton.addEventListener('click', () => void this.fetchPage(this.nextCursor));
    this.list.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const mark = target?.closest('.mark-complaint');
      if (mark) return void this.markComplaint(Number(mark.dataset.id), mark);
      const link = target?.closest('.case-link');
      if (link) this.onOpenCase(Number(link.dataset.id));
    });
  }

  filters() {
    const value = (id) => $(`#${id}`).value.trim();
    const [minScore, maxScore] = BANDS[value('mention-band')] ?? [];
    const q = value('mention-q');
    return {
      q: q.length >= 2 ? q : '',
      brand: value('mention-brand'),
      source: value('mention-source'),
      language: value('mention-language'),
      angry: value('mention-flagged'),
      hasCase: value('mention-case'),
      minScore,
      // The top band includes a score of exactly 1.
      maxScore: maxScore === 1 ? undefined : maxScore,
    };
  }

  /** The brand choices of the queue's filter, copied once they are loaded. */
  copyBrands() {
    const select = $('#mention-brand');
    const chosen = select.value;
    setChildren(
      select,
      ...[...$('#filter-brand').options].map((o) =>
        el('option', { attrs: { value: o.value } }, o.textContent),
      ),
    );
    select.value = chosen;
  }

  async load() {
    this.copyBrands();
    this.items = [];
    await this.fetchPage(null);
  }

  async fetchPage(cursor) {
    const ticket = ++this.loading;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const page = await api('GET', `/api/mentions${query({ ...this.filters(), limit: PAGE, cursor })}`);
      if (ticket !== this.loading) return;
      this.error.textContent = '';
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.render();
    } catch (error) {
      if (ticket === this.loading) this.error.textContent = error.message;
    } finally {
      if (ticket === this.loading) this.list.removeAttribute('aria-busy');
    }
  }

  render() {
    setChildren(this.list, ...this.items.map((m) => this.row(m)));
    this.moreButton.hidden = !this.nextCursor;
    $('#mentions-empty').hidden = this.items.length > 0;
    const n = this.items.length;
    this.summary.textContent =
      n === 0 ? '' : `${n} post${n === 1 ? '' : 's'} shown${this.nextCursor ? ', more below' : ''}`;
    this.list.dataset.loaded = 'true';
  }

  row(m) {
    const k = m.classification;
    const verdict = k
      ? el(
          'span',
          {
            className: `chip ${k.angry ? 'chip-flagged' : 'chip-calm'}`,
            title: (k.reasons ?? []).join('; '),
          },
          `${k.angry ? 'flagged' : 'not flagged'} ${k.score.toFixed(2)}`,
        )
      : el('span', { className: 'chip' }, 'not classified');
    return el(
      'li',
      { className: 'mention-row', dataset: { id: String(m.id) } },
      el(
        'p',
        { className: 'row-top' },
        sourceBadge(m.source),
        el('span', { className: 'who' }, m.authorName || m.author || 'unknown author'),
        el('span', { className: 'reach' }, ` · ${reach(m.reach)}`),
        el('span', { className: 'muted', title: when(m.postedAt) }, ` · ${ago(m.postedAt)}`),
      ),
      el('p', { className: 'mention-text' }, m.text),
      el(
        'p',
        { className: 'row-meta' },
        verdict,
        el('span', { className: 'chip' }, m.language ?? 'language unknown'),
        el('span', { className: 'chip' }, m.brands.join(', ')),
        m.url ? safeLink(m.url, 'post') : null,
        this.caseControl(m),
      ),
    );
  }

  /** The post's cases as links, or the button that makes it one (for people who act on cases). */
  caseControl(m) {
    const open = m.cases.find((c) => !['resolved', 'dismissed'].includes(c.status));
    if (m.cases.length > 0 && (open || !canAct()))
      return el(
        'span',
        { className: 'case-links' },
        ...m.cases.map((c) =>
          el(
            'button',
            { className: 'case-link link-button', dataset: { id: String(c.id) }, attrs: { type: 'button' } },
            `case #${c.id} (${c.status.replace(/_/g, ' ')})`,
          ),
        ),
      );
    if (!canAct()) return null;
    return el(
      'button',
      {
        className: 'mark-complaint',
        dataset: { id: String(m.id) },
        attrs: { type: 'button', title: 'Opens a case for this post and tells the classifier it missed one' },
      },
      'This is a complaint',
    );
  }

  async markComplaint(mentionId, button) {
    button.disabled = true;
    try {
      const { caseId, opened } = await api('POST', `/api/mentions/${mentionId}/case`, {});
      this.announce(
        opened
          ? `Case #${caseId} opened. The classifier will learn from it.`
          : `The post joined the author's case #${caseId}.`,
      );
      await this.reloadRow(mentionId);
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError && error.status === 409) await this.reloadRow(mentionId);
      this.error.textContent = error.message;
      this.onError(error);
    }
  }

  /** The row again as the server sees it now (its case, its corrected verdict). */
  async reloadRow(mentionId) {
    const index = this.items.findIndex((m) => m.id === mentionId);
    if (index < 0) return;
    const fresh = await api('GET', `/api/mentions/${mentionId}`);
    if (!fresh) return;
    this.items[index] = fresh;
    this.list.querySelector(`.mention-row[data-id="${mentionId}"]`)?.replaceWith(this.row(fresh));
    this.list.querySelector(`.mention-row[data-id="${mentionId}"] .case-link`)?.focus();
  }
}
